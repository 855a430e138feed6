//! What the event reader keeps of a payload: the [`Fields`] the typed
//! accessors and the dedupe key read, with strings kept as spans of the
//! payload bytes where they had no escapes, and typed values built when an
//! accessor asks. The reader is `event_scan`; the full payload is parsed
//! later, only if asked for.
//!
//! Leniency rule: a field with an unexpected type reads as absent; it never
//! fails the parse. Duplicate keys: the last one wins, as in serde_json's
//! `Value`.

use crate::event_parts::{Counterparty, EmailEvent, Person};

/// A JSON string of the payload: the byte span it occupies in the payload
/// when it had no escapes (the common case), else its decoded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Text {
    Span(usize, usize),
    Owned(Box<str>),
}

impl Text {
    /// The text, given the payload bytes it was read from.
    pub(crate) fn get<'a>(&'a self, source: &'a [u8]) -> &'a str {
        match self {
            Text::Span(start, end) => source
                .get(*start..*end)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Text::Owned(s) => s,
        }
    }
}

/// A JSON scalar as read leniently. Numbers keep serde_json's text form
/// (the dedupe key hashes it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Scalar {
    #[default]
    Absent,
    Str(Text),
    Int(i64),
    /// A number that is not an i64: its serde_json text.
    OtherNumber(String),
    /// null, a boolean, an array or an object: its JSON kind.
    Other(&'static str),
}

impl Scalar {
    pub(crate) fn as_str<'a>(&'a self, source: &'a [u8]) -> Option<&'a str> {
        match self {
            Scalar::Str(t) => Some(t.get(source)),
            _ => None,
        }
    }

    pub(crate) fn into_text(self) -> Option<Text> {
        match self {
            Scalar::Str(t) => Some(t),
            _ => None,
        }
    }

    pub(crate) fn as_i64(&self) -> Option<i64> {
        match self {
            Scalar::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// Strings as they are, numbers in decimal (the `external_id` rule).
    pub(crate) fn to_text(&self, source: &[u8]) -> Option<String> {
        match self {
            Scalar::Str(t) => Some(t.get(source).to_owned()),
            Scalar::Int(i) => Some(i.to_string()),
            Scalar::OtherNumber(n) => Some(n.clone()),
            _ => None,
        }
    }
}

fn text(t: &Option<Text>, source: &[u8]) -> Option<String> {
    t.as_ref().map(|t| t.get(source).to_owned())
}

/// A person object as read (`email` stays raw for the dedupe key).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RawPerson {
    pub name: Scalar,
    pub email: Scalar,
}

impl RawPerson {
    pub(crate) fn person(&self, source: &[u8]) -> Person {
        Person {
            name: self.name.as_str(source).map(str::to_owned),
            email: self.email.as_str(source).map(str::to_owned),
        }
    }
}

/// One `counterparties[]` entry as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RawCounterparty {
    pub kind: Option<Text>,
    pub organization_name: Option<Text>,
    pub poc_name: Option<Text>,
    pub poc_email: Option<Text>,
    pub counterparty_id: Option<i64>,
}

impl RawCounterparty {
    pub(crate) fn counterparty(&self, source: &[u8]) -> Counterparty {
        Counterparty {
            kind: text(&self.kind, source),
            organization_name: text(&self.organization_name, source),
            poc_name: text(&self.poc_name, source),
            poc_email: text(&self.poc_email, source),
            counterparty_id: self.counterparty_id,
        }
    }
}

/// `email_event_data`, with the raw scalars the dedupe key needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RawEmail {
    pub recipient: Scalar,
    pub mode: Scalar,
    pub occured_at: Scalar,
}

impl RawEmail {
    pub(crate) fn email_event(&self, source: &[u8]) -> EmailEvent {
        EmailEvent {
            recipient_email: self.recipient.as_str(source).map(str::to_owned),
            email_mode: self.mode.as_str(source).map(str::to_owned),
            occurred_at: self.occured_at.as_str(source).map(str::to_owned),
        }
    }
}

/// `activity_data` as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ActivityData {
    pub timestamp: Scalar,
    pub performed_by: Option<RawPerson>,
    pub email: Option<RawEmail>,
    pub signatory: Option<RawPerson>,
}

/// Everything the typed accessors and the dedupe key read. Strings are
/// spans of the payload: resolve them with the bytes the event keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    pub activity: Scalar,
    pub contract_id: Scalar,
    pub contract_title: Option<Text>,
    pub contract_status: Option<Text>,
    pub contract_kind: Option<Text>,
    pub contract_type: Option<Text>,
    pub contract_type_name: Option<Text>,
    pub contract_type_id: Option<i64>,
    pub created_at: Option<Text>,
    pub business_user: Option<RawPerson>,
    pub legal_user: Option<RawPerson>,
    pub external_id: Scalar,
    pub counterparties: Vec<RawCounterparty>,
    pub activity_data: ActivityData,
}

/// The top-level result: an object's fields, or the JSON kind that was
/// found instead of an object.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TopLevel {
    Object(Box<Fields>),
    NotObject(&'static str),
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_outside_the_source_reads_as_empty() {
        assert_eq!(Text::Span(3, 99).get(b"short"), "");
    }
}
