//! The typed parts of an [`crate::Event`]: [`Person`], [`Counterparty`] and
//! [`EmailEvent`]. A leaf module: the event model and the one-pass reader
//! both build on it.

/// A person named in a payload (`performed_by`, `business_user`, ...).
/// `name` may be `SYSTEM`, in which case there is no email.
///
/// ```
/// let p = spotdraft_kit::Person { name: Some("SYSTEM".into()), email: None };
/// assert!(p.email.is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    /// Display name.
    pub name: Option<String>,
    /// Email address, when SpotDraft includes one.
    pub email: Option<String>,
}

/// One entry of `counterparties[]`.
///
/// ```
/// let c = spotdraft_kit::Counterparty { kind: Some("Organization".into()), ..Default::default() };
/// assert_eq!(c.kind.as_deref(), Some("Organization"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counterparty {
    /// `type`: `Organization` or `Individual`.
    pub kind: Option<String>,
    /// `organization_name`.
    pub organization_name: Option<String>,
    /// `poc_name`: the point of contact.
    pub poc_name: Option<String>,
    /// `poc_email`.
    pub poc_email: Option<String>,
    /// `counterparty_id`.
    pub counterparty_id: Option<i64>,
}

/// `activity_data.email_event_data` of email activities.
///
/// ```
/// let e = spotdraft_kit::EmailEvent { email_mode: Some("to".into()), ..Default::default() };
/// assert_eq!(e.email_mode.as_deref(), Some("to"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmailEvent {
    /// `recipient_email`.
    pub recipient_email: Option<String>,
    /// `email_mode`: `to` or `cc`.
    pub email_mode: Option<String>,
    /// `occured_at` (SpotDraft's spelling).
    pub occurred_at: Option<String>,
}
