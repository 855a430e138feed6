//! [`Activity`]: the open enum of SpotDraft webhook activities, and the
//! [`Category`] each belongs to.

use std::fmt;

/// The phase of the contract lifecycle an activity belongs to.
///
/// ```
/// use spotdraft_kit::{Activity, Category};
/// assert_eq!(Activity::parse("CONTRACT_SIGNED").category(), Category::Signature);
/// assert_eq!(Category::Signature.as_str(), "signature");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// Created, updated, voided, deleted.
    Lifecycle,
    /// Sent to counterparty, versions, approvals, comments, redlining emails.
    Review,
    /// Execution marking, signature requests, signing and signing emails.
    Signature,
    /// Fully executed.
    Execution,
    /// Key pointers and external metadata.
    Metadata,
    /// Counterparty records, contacts and addresses.
    Counterparty,
    /// Email-provider events.
    Email,
    /// Anything not documented.
    Other,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 8] = [
        Category::Lifecycle,
        Category::Review,
        Category::Signature,
        Category::Execution,
        Category::Metadata,
        Category::Counterparty,
        Category::Email,
        Category::Other,
    ];

    /// The stable lowercase name.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::Category::Counterparty.as_str(), "counterparty");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Lifecycle => "lifecycle",
            Category::Review => "review",
            Category::Signature => "signature",
            Category::Execution => "execution",
            Category::Metadata => "metadata",
            Category::Counterparty => "counterparty",
            Category::Email => "email",
            Category::Other => "other",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! known_activities {
    ($($variant:ident => $wire:literal, $category:ident;)*) => {
        /// A webhook activity: one of the 37 documented values, or
        /// [`Activity::Other`] for anything SpotDraft adds later.
        ///
        /// ```
        /// use spotdraft_kit::Activity;
        /// let a = Activity::parse("CONTRACT_EXECUTED");
        /// assert_eq!(a, Activity::ContractExecuted);
        /// assert!(a.is_known());
        /// let new = Activity::parse("CONTRACT_TELEPORTED");
        /// assert_eq!(new.as_str(), "CONTRACT_TELEPORTED");
        /// assert!(!new.is_known());
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum Activity {
            $(
                #[doc = concat!("`", $wire, "`")]
                $variant,
            )*
            /// An activity not in the documented list, kept verbatim.
            Other(String),
        }

        impl Activity {
            /// Every documented activity, in SpotDraft's documented order.
            pub const KNOWN: &'static [Activity] = &[$(Activity::$variant),*];

            /// Parses a wire string; unknown values become [`Activity::Other`].
            ///
            /// ```
            /// assert_eq!(spotdraft_kit::Activity::parse("COUNTER_PARTY_CREATED").as_str(), "COUNTER_PARTY_CREATED");
            /// ```
            pub fn parse(wire: &str) -> Activity {
                Activity::known(wire).unwrap_or_else(|| Activity::Other(wire.to_owned()))
            }

            /// The documented activity with this wire name, if there is one.
            ///
            /// ```
            /// assert!(spotdraft_kit::Activity::known("CONTRACT_SIGNED").is_some());
            /// assert!(spotdraft_kit::Activity::known("NOPE").is_none());
            /// ```
            pub fn known(wire: &str) -> Option<Activity> {
                // A scan of the names, not a match: a match is a second
                // copy of them, as code.
                const NAMES: &[&str] = &[$($wire),*];
                let at = NAMES.iter().position(|name| *name == wire)?;
                Activity::KNOWN.get(at).cloned()
            }

            /// The wire string.
            ///
            /// ```
            /// assert_eq!(spotdraft_kit::Activity::ContractVoided.as_str(), "CONTRACT_VOIDED");
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $(Activity::$variant => $wire,)*
                    Activity::Other(wire) => wire,
                }
            }

            /// The category, per the project's design table.
            ///
            /// ```
            /// use spotdraft_kit::{Activity, Category};
            /// assert_eq!(Activity::parse("X").category(), Category::Other);
            /// ```
            pub fn category(&self) -> Category {
                match self {
                    $(Activity::$variant => Category::$category,)*
                    Activity::Other(_) => Category::Other,
                }
            }
        }
    };
}

impl Activity {
    /// Whether the activity is in the documented list.
    ///
    /// ```
    /// assert!(spotdraft_kit::Activity::ContractCreated.is_known());
    /// ```
    pub fn is_known(&self) -> bool {
        !matches!(self, Activity::Other(_))
    }
}

impl fmt::Display for Activity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// Generated from the documented activity list; keep in the documented order.
known_activities! {
    ContractCreated => "CONTRACT_CREATED", Lifecycle;
    ContractDataUpdated => "CONTRACT_DATA_UPDATED", Lifecycle;
    ContractVersionUploaded => "CONTRACT_VERSION_UPLOADED", Review;
    ContractSentToCounterparty => "CONTRACT_SENT_TO_COUNTERPARTY", Review;
    ContractApprovalRequested => "CONTRACT_APPROVAL_REQUESTED", Review;
    ContractApprovalCompleted => "CONTRACT_APPROVAL_COMPLETED", Review;
    ContractMarkForExecution => "CONTRACT_MARK_FOR_EXECUTION", Signature;
    ContractUnmarkForExecution => "CONTRACT_UNMARK_FOR_EXECUTION", Signature;
    ContractSignatureRequested => "CONTRACT_SIGNATURE_REQUESTED", Signature;
    ContractSignatureRequestedNotificationSent => "CONTRACT_SIGNATURE_REQUESTED_NOTIFICATION_SENT", Signature;
    ContractSigned => "CONTRACT_SIGNED", Signature;
    ContractSignatureDeclined => "CONTRACT_SIGNATURE_DECLINED", Signature;
    ContractExecuted => "CONTRACT_EXECUTED", Execution;
    ContractVoided => "CONTRACT_VOIDED", Lifecycle;
    ContractDeleted => "CONTRACT_DELETED", Lifecycle;
    ContractProcessMetricUpdated => "CONTRACT_PROCESS_METRIC_UPDATED", Lifecycle;
    ContractEntityUpdated => "CONTRACT_ENTITY_UPDATED", Lifecycle;
    ContractActivityLogCommentCreated => "CONTRACT_ACTIVITY_LOG_COMMENT_CREATED", Review;
    ContractKeyPointerCreation => "CONTRACT_KEY_POINTER_CREATION", Metadata;
    ContractKeyPointerUpdation => "CONTRACT_KEY_POINTER_UPDATION", Metadata;
    ContractExternalMetadataCreated => "CONTRACT_EXTERNAL_METADATA_CREATED", Metadata;
    ContractExternalMetadataUpdated => "CONTRACT_EXTERNAL_METADATA_UPDATED", Metadata;
    SigningEmailDelivered => "SIGNING_EMAIL_DELIVERED", Signature;
    SigningEmailOpened => "SIGNING_EMAIL_OPENED", Signature;
    SigningEmailNotDelivered => "SIGNING_EMAIL_NOT_DELIVERED", Signature;
    SigningEmailLinkClicked => "SIGNING_EMAIL_LINK_CLICKED", Signature;
    RedliningEmailDelivered => "REDLINING_EMAIL_DELIVERED", Review;
    RedliningEmailOpened => "REDLINING_EMAIL_OPENED", Review;
    RedliningEmailNotDelivered => "REDLINING_EMAIL_NOT_DELIVERED", Review;
    RedliningEmailLinkClicked => "REDLINING_EMAIL_LINK_CLICKED", Review;
    PostmarkEmailEvent => "POSTMARK_EMAIL_EVENT", Email;
    CounterPartyCreated => "COUNTER_PARTY_CREATED", Counterparty;
    CounterPartyUpdated => "COUNTER_PARTY_UPDATED", Counterparty;
    CounterPartyContactCreated => "COUNTER_PARTY_CONTACT_CREATED", Counterparty;
    CounterPartyContactUpdated => "COUNTER_PARTY_CONTACT_UPDATED", Counterparty;
    CounterPartyAddressCreated => "COUNTER_PARTY_ADDRESS_CREATED", Counterparty;
    CounterPartyAddressUpdated => "COUNTER_PARTY_ADDRESS_UPDATED", Counterparty;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_seven_documented_activities_round_trip() {
        assert_eq!(Activity::KNOWN.len(), 37);
        for a in Activity::KNOWN {
            assert_eq!(&Activity::parse(a.as_str()), a);
            assert_ne!(a.category(), Category::Other);
        }
    }
}
