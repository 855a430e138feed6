//! [`Event`]: a parsed webhook payload with typed, lenient accessors.
//!
//! Parsing accepts any JSON object with a string `activity`. SpotDraft adds
//! fields and activities over time, so every typed accessor returns `None`
//! when its field is absent or has an unexpected type, and the whole payload
//! stays available through [`Event::payload`]. A correctly signed delivery
//! is never rejected for schema drift.

use std::fmt;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::activity::{Activity, Category};
use crate::error::{Error, ErrorCode, Result};
use crate::event_fields::{Fields, RawPerson, Scalar, Text, TopLevel};
use crate::event_scan::{self, JsonError, JsonErrorKind};
// The typed parts live in a leaf module the reader shares; they are named
// here, where they have always been.
pub use crate::event_parts::{Counterparty, EmailEvent, Person};

/// A parsed SpotDraft webhook payload.
///
/// ```
/// use spotdraft_kit::{Category, Event};
/// let event = Event::parse(br#"{
///   "activity": "CONTRACT_EXECUTED",
///   "activity_data": {"performed_by": {"name": "SYSTEM"}, "timestamp": "2026-11-02T10:00:00Z"},
///   "contract_id": 4242, "contract_title": "MSA", "contract_status": "EXECUTED",
///   "external_metadata": {"id": 77}
/// }"#)?;
/// assert_eq!(event.activity().as_str(), "CONTRACT_EXECUTED");
/// assert_eq!(event.category(), Category::Execution);
/// assert_eq!(event.contract_id(), Some(4242));
/// assert_eq!(event.external_id().as_deref(), Some("77"));
/// assert_eq!(event.occurred_at(), Some("2026-11-02T10:00:00Z"));
/// assert_eq!(event.performed_by().unwrap().name.as_deref(), Some("SYSTEM"));
/// assert_eq!(event.contract_kind(), None); // absent: None, never an error
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone)]
pub struct Event {
    activity: Activity,
    fields: Box<Fields>,
    // The payload bytes; the full JSON tree is built only if `payload()`
    // is called (receivers on the hot path read typed fields only).
    source: Box<[u8]>,
    payload: OnceLock<Map<String, Value>>,
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.activity == other.activity && self.payload() == other.payload()
    }
}

impl fmt::Debug for Event {
    // Payloads carry names and emails: Debug shows only what a log may.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("activity", &self.activity.as_str())
            .field("contract_id", &self.contract_id())
            .field("payload_bytes", &self.source.len())
            .finish_non_exhaustive()
    }
}

/// Parses a payload into an [`Event`] (no signature check: use
/// [`crate::Verifier::open`] for deliveries).
///
/// ```
/// let event = spotdraft_kit::parse_event(br#"{"activity":"CONTRACT_CREATED"}"#)?;
/// assert!(event.known());
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn parse_event(body: &[u8]) -> Result<Event> {
    Event::parse(body)
}

impl Event {
    /// Parses a payload. Errors: [`ErrorCode::InvalidJson`] if the bytes are
    /// not JSON (including nesting deeper than 128 levels, refused without
    /// deep recursion); [`ErrorCode::InvalidPayload`] if the JSON is not an
    /// object with a string `activity`.
    ///
    /// ```
    /// use spotdraft_kit::{ErrorCode, Event};
    /// assert_eq!(Event::parse(b"{").unwrap_err().code(), ErrorCode::InvalidJson);
    /// assert_eq!(Event::parse(b"[1]").unwrap_err().code(), ErrorCode::InvalidPayload);
    /// assert_eq!(Event::parse(br#"{"activity":1}"#).unwrap_err().code(), ErrorCode::InvalidPayload);
    /// let deep = "[".repeat(100_000);
    /// assert_eq!(Event::parse(deep.as_bytes()).unwrap_err().code(), ErrorCode::InvalidJson);
    /// ```
    pub fn parse(body: &[u8]) -> Result<Event> {
        let top = event_scan::read(body).map_err(|e| {
            let why = match e.kind {
                JsonErrorKind::Nesting => "nested more than 128 levels deep".to_owned(),
                // A position and a category, never the body's content.
                JsonErrorKind::Eof => at("unexpected end of input", e),
                JsonErrorKind::Syntax => at("syntax error", e),
            };
            Error::new(
                ErrorCode::InvalidJson,
                format!("the body is not valid JSON: {why}"),
            )
        })?;
        let fields = match top {
            TopLevel::Object(fields) => fields,
            TopLevel::NotObject(kind) => {
                return Err(Error::new(
                    ErrorCode::InvalidPayload,
                    format!("the payload is a JSON {kind}, not an object"),
                ))
            }
        };
        let activity = match &fields.activity {
            Scalar::Str(a) => Activity::parse(a.get(body)),
            Scalar::Absent => {
                return Err(Error::new(
                    ErrorCode::InvalidPayload,
                    "the payload has no `activity` field",
                ))
            }
            Scalar::Int(_) | Scalar::OtherNumber(_) => return Err(not_a_string("number")),
            Scalar::Other(kind) => return Err(not_a_string(kind)),
        };
        Ok(Event {
            activity,
            fields,
            source: body.into(),
            payload: OnceLock::new(),
        })
    }

    /// Builds an event from an already-parsed JSON value.
    ///
    /// ```
    /// let v = serde_json::json!({"activity": "CONTRACT_VOIDED", "contract_id": 1});
    /// assert_eq!(spotdraft_kit::Event::from_value(v)?.contract_id(), Some(1));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn from_value(value: Value) -> Result<Event> {
        let Value::Object(map) = value else {
            return Err(Error::new(
                ErrorCode::InvalidPayload,
                format!("the payload is a JSON {}, not an object", kind(&value)),
            ));
        };
        let bytes = Value::Object(map).to_string().into_bytes();
        Event::parse(&bytes)
    }

    /// The activity.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"CONTRACT_SIGNED"}"#)?;
    /// assert_eq!(e.activity(), &spotdraft_kit::Activity::ContractSigned);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn activity(&self) -> &Activity {
        &self.activity
    }

    /// Whether the activity is one of the 37 documented ones.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"NEW_THING"}"#)?;
    /// assert!(!e.known());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn known(&self) -> bool {
        self.activity.is_known()
    }

    /// The activity's category.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"POSTMARK_EMAIL_EVENT"}"#)?;
    /// assert_eq!(e.category(), spotdraft_kit::Category::Email);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn category(&self) -> Category {
        self.activity.category()
    }

    /// `contract_id` (an integer).
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","contract_id":"12"}"#)?;
    /// assert_eq!(e.contract_id(), None); // a string is not the documented type
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_id(&self) -> Option<i64> {
        self.fields.contract_id.as_i64()
    }

    /// `contract_title`.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","contract_title":"NDA"}"#)?;
    /// assert_eq!(e.contract_title(), Some("NDA"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_title(&self) -> Option<&str> {
        self.text(&self.fields.contract_title)
    }

    /// `contract_status` (DRAFT, REDLINING, SIGN, EXECUTED, ...).
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","contract_status":"SIGN"}"#)?;
    /// assert_eq!(e.contract_status(), Some("SIGN"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_status(&self) -> Option<&str> {
        self.text(&self.fields.contract_status)
    }

    /// `contract_kind` (TEMPLATE_CONTRACT, THIRD_PARTY_CONTRACT, ...).
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","contract_kind":"SIGN_CONTRACT"}"#)?;
    /// assert_eq!(e.contract_kind(), Some("SIGN_CONTRACT"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_kind(&self) -> Option<&str> {
        self.text(&self.fields.contract_kind)
    }

    /// `contract_type`.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","contract_type":"NDA"}"#)?;
    /// assert_eq!(e.contract_type(), Some("NDA"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_type(&self) -> Option<&str> {
        self.text(&self.fields.contract_type)
    }

    /// `contract_type_name`.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","contract_type_name":"Mutual NDA"}"#)?;
    /// assert_eq!(e.contract_type_name(), Some("Mutual NDA"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_type_name(&self) -> Option<&str> {
        self.text(&self.fields.contract_type_name)
    }

    /// `contract_type_id` (an integer).
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","contract_type_id":9}"#)?;
    /// assert_eq!(e.contract_type_id(), Some(9));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_type_id(&self) -> Option<i64> {
        self.fields.contract_type_id
    }

    /// `activity_data.timestamp`: when the activity happened (ISO-8601, as sent).
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","activity_data":{"timestamp":"2026-01-01T00:00:00Z"}}"#)?;
    /// assert_eq!(e.occurred_at(), Some("2026-01-01T00:00:00Z"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn occurred_at(&self) -> Option<&str> {
        self.fields.activity_data.timestamp.as_str(&self.source)
    }

    /// `created_at` of the contract.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","created_at":"2026-01-01T00:00:00Z"}"#)?;
    /// assert_eq!(e.created_at(), Some("2026-01-01T00:00:00Z"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn created_at(&self) -> Option<&str> {
        self.text(&self.fields.created_at)
    }

    /// `activity_data.performed_by`.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","activity_data":{"performed_by":{"name":"Ada","email":"ada@example.com"}}}"#)?;
    /// assert_eq!(e.performed_by().unwrap().email.as_deref(), Some("ada@example.com"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn performed_by(&self) -> Option<Person> {
        self.person(&self.fields.activity_data.performed_by)
    }

    /// `business_user`.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","business_user":{"name":"Bo"}}"#)?;
    /// assert_eq!(e.business_user().unwrap().name.as_deref(), Some("Bo"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn business_user(&self) -> Option<Person> {
        self.person(&self.fields.business_user)
    }

    /// `legal_user`.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","legal_user":"unexpected"}"#)?;
    /// assert_eq!(e.legal_user(), None);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn legal_user(&self) -> Option<Person> {
        self.person(&self.fields.legal_user)
    }

    /// `external_metadata.id` as a string (numbers are written in decimal),
    /// the integration's own record id.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","external_metadata":{"id":"crm-7"}}"#)?;
    /// assert_eq!(e.external_id().as_deref(), Some("crm-7"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn external_id(&self) -> Option<String> {
        self.fields.external_id.to_text(&self.source)
    }

    /// `external_metadata`, when it is an object.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","external_metadata":{"k":1}}"#)?;
    /// assert_eq!(e.external_metadata().unwrap()["k"], 1);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn external_metadata(&self) -> Option<&Map<String, Value>> {
        self.payload().get("external_metadata")?.as_object()
    }

    /// `counterparties[]`; entries that are not objects are skipped.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","counterparties":[{"type":"Individual","poc_name":"Cy"},7]}"#)?;
    /// let cps = e.counterparties();
    /// assert_eq!(cps.len(), 1);
    /// assert_eq!(cps[0].poc_name.as_deref(), Some("Cy"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn counterparties(&self) -> Vec<Counterparty> {
        self.fields
            .counterparties
            .iter()
            .map(|c| c.counterparty(&self.source))
            .collect()
    }

    /// `activity_data.email_event_data` (email activities).
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"SIGNING_EMAIL_OPENED","activity_data":{"email_event_data":{"recipient_email":"a@example.com","email_mode":"to","occured_at":"2026-01-01T00:00:00Z"}}}"#)?;
    /// assert_eq!(e.email_event().unwrap().occurred_at.as_deref(), Some("2026-01-01T00:00:00Z"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn email_event(&self) -> Option<EmailEvent> {
        self.fields
            .activity_data
            .email
            .as_ref()
            .map(|e| e.email_event(&self.source))
    }

    /// `activity_data.signatory` (signature-request notifications).
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","activity_data":{"signatory":{"name":"Di","email":"di@example.com"}}}"#)?;
    /// assert_eq!(e.signatory().unwrap().name.as_deref(), Some("Di"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn signatory(&self) -> Option<Person> {
        self.person(&self.fields.activity_data.signatory)
    }

    /// `activity_data`, when it is an object.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","activity_data":{"x":true}}"#)?;
    /// assert_eq!(e.activity_data().unwrap()["x"], true);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn activity_data(&self) -> Option<&Map<String, Value>> {
        self.payload().get("activity_data")?.as_object()
    }

    /// The whole payload, keys in the order they were sent.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A","new_field":[1,2]}"#)?;
    /// assert_eq!(e.payload()["new_field"][1], 2);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn payload(&self) -> &Map<String, Value> {
        self.payload.get_or_init(|| {
            // The bytes were read as a JSON object by the same grammar, so
            // this parse cannot fail.
            match event_scan::parse_value(&self.source) {
                Ok(Value::Object(map)) => map,
                _ => Map::new(),
            }
        })
    }

    /// Consumes the event, returning the payload.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A"}"#)?;
    /// assert_eq!(e.into_payload().len(), 1);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn into_payload(self) -> Map<String, Value> {
        self.payload();
        self.payload.into_inner().unwrap_or_default()
    }

    /// The raw payload bytes the event was parsed from.
    ///
    /// ```
    /// # let e = spotdraft_kit::parse_event(br#"{"activity":"A"}"#)?;
    /// assert_eq!(e.source(), br#"{"activity":"A"}"#);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn source(&self) -> &[u8] {
        &self.source
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    fn text<'a>(&'a self, text: &'a Option<Text>) -> Option<&'a str> {
        text.as_ref().map(|t| t.get(&self.source))
    }

    fn person(&self, person: &Option<RawPerson>) -> Option<Person> {
        person.as_ref().map(|p| p.person(&self.source))
    }
}

fn not_a_string(kind: &str) -> Error {
    Error::new(
        ErrorCode::InvalidPayload,
        format!("`activity` is a JSON {kind}, not a string"),
    )
}

pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn at(what: &str, e: JsonError) -> String {
    format!("{what} at line {} column {}", e.line, e.column)
}
