//! The one-pass, lenient reader behind [`crate::Event`]: it validates the
//! whole payload as JSON (same nesting limit as serde_json's DOM parser) and
//! keeps only the fields the typed accessors and the dedupe key need,
//! without building a DOM or copying strings: a string without escapes is
//! kept as a span of the payload bytes, and the typed values are built when
//! an accessor asks. The full payload is parsed later, only if asked for.
//!
//! Leniency rule: a field with an unexpected type reads as absent; it never
//! fails the parse. Duplicate keys: the last one wins, as in serde_json's
//! `Value`.

use std::fmt;

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

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

/// Where the payload starts in memory and how long it is: a string that
/// serde_json borrowed from the payload is kept as its span.
#[derive(Clone, Copy)]
struct Ctx {
    base: usize,
    len: usize,
}

impl Ctx {
    fn borrowed(self, v: &str) -> Text {
        let start = (v.as_ptr() as usize).wrapping_sub(self.base);
        let end = start.wrapping_add(v.len());
        if start <= end && end <= self.len {
            Text::Span(start, end)
        } else {
            Text::Owned(v.into())
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
pub(crate) enum TopLevel {
    Object(Box<Fields>),
    NotObject(&'static str),
}

/// Reads a payload in one pass. Errors are serde_json's (syntax, nesting).
pub(crate) fn read(body: &[u8]) -> Result<TopLevel, serde_json::Error> {
    let ctx = Ctx {
        base: body.as_ptr() as usize,
        len: body.len(),
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let top = de.deserialize_any(TopVisitor(ctx))?;
    de.end()?;
    Ok(top)
}

/// Skips any value by visiting it, so serde_json's nesting limit applies
/// (its `ignored_any` fast path has none) and nothing is allocated.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<Skip>()?;
        }
        Ok(Skip)
    }
}

/// An object key, borrowed from the input when it has no escapes (serde's
/// own `Cow<str>` always allocates).
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Reads one value as a [`Scalar`]: strings as spans where possible.
#[derive(Clone, Copy)]
struct ScalarSeed(Ctx);

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other("boolean"))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(i64::try_from(v).map_or_else(|_| Scalar::OtherNumber(v.to_string()), Scalar::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(
            serde_json::Number::from_f64(v).map_or(Scalar::Other("number"), |n| {
                Scalar::OtherNumber(n.to_string())
            }),
        )
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Scalar, E> {
        Ok(Scalar::Str(self.0.borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(Text::Owned(v.into())))
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar, A::Error> {
        SkipVisitor.visit_seq(seq).map(|_| Scalar::Other("array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
        SkipVisitor.visit_map(map).map(|_| Scalar::Other("object"))
    }
}

macro_rules! object_visitor {
    ($name:ident, $out:ty, |$acc:ident, $key:ident, $map:ident, $ctx:ident| $body:block) => {
        struct $name(Ctx);
        impl<'de> DeserializeSeed<'de> for $name {
            type Value = Option<$out>;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
        }
        impl<'de> Visitor<'de> for $name {
            type Value = Option<$out>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                SkipVisitor.visit_seq(seq).map(|_| None)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut $map: A) -> Result<Self::Value, A::Error> {
                let $ctx = ScalarSeed(self.0);
                let mut $acc = <$out>::default();
                while let Some(key) = $map.next_key::<Key<'de>>()? {
                    let $key: &str = &key.0;
                    $body
                }
                Ok(Some($acc))
            }
        }
    };
}

object_visitor!(PersonSeed, RawPerson, |p, key, map, s| {
    match key {
        "name" => p.name = map.next_value_seed(s)?,
        "email" => p.email = map.next_value_seed(s)?,
        _ => {
            map.next_value::<Skip>()?;
        }
    }
});

object_visitor!(EmailSeed, RawEmail, |e, key, map, s| {
    match key {
        "recipient_email" => e.recipient = map.next_value_seed(s)?,
        "email_mode" => e.mode = map.next_value_seed(s)?,
        "occured_at" => e.occured_at = map.next_value_seed(s)?,
        _ => {
            map.next_value::<Skip>()?;
        }
    }
});

object_visitor!(ActivityDataSeed, ActivityData, |a, key, map, s| {
    match key {
        "timestamp" => a.timestamp = map.next_value_seed(s)?,
        "performed_by" => a.performed_by = map.next_value_seed(PersonSeed(s.0))?,
        "email_event_data" => a.email = map.next_value_seed(EmailSeed(s.0))?,
        "signatory" => a.signatory = map.next_value_seed(PersonSeed(s.0))?,
        _ => {
            map.next_value::<Skip>()?;
        }
    }
});

object_visitor!(ExternalSeed, Scalar, |id, key, map, s| {
    if key == "id" {
        id = map.next_value_seed(s)?;
    } else {
        map.next_value::<Skip>()?;
    }
});

object_visitor!(CounterpartySeed, RawCounterparty, |c, key, map, s| {
    match key {
        "type" => c.kind = map.next_value_seed(s)?.into_text(),
        "organization_name" => c.organization_name = map.next_value_seed(s)?.into_text(),
        "poc_name" => c.poc_name = map.next_value_seed(s)?.into_text(),
        "poc_email" => c.poc_email = map.next_value_seed(s)?.into_text(),
        "counterparty_id" => c.counterparty_id = map.next_value_seed(s)?.as_i64(),
        _ => {
            map.next_value::<Skip>()?;
        }
    }
});

/// `counterparties[]`: entries that are not objects are skipped; a
/// non-array reads as empty.
struct CounterpartiesSeed(Ctx);

impl<'de> DeserializeSeed<'de> for CounterpartiesSeed {
    type Value = Vec<RawCounterparty>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CounterpartiesSeed {
    type Value = Vec<RawCounterparty>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(entry) = seq.next_element_seed(CounterpartySeed(self.0))? {
            out.extend(entry);
        }
        Ok(out)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        SkipVisitor.visit_map(map).map(|_| Vec::new())
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

struct TopVisitor(Ctx);

impl<'de> Visitor<'de> for TopVisitor {
    type Value = TopLevel;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_bool<E>(self, _: bool) -> Result<TopLevel, E> {
        Ok(TopLevel::NotObject("boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<TopLevel, E> {
        Ok(TopLevel::NotObject("number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<TopLevel, E> {
        Ok(TopLevel::NotObject("number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<TopLevel, E> {
        Ok(TopLevel::NotObject("number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<TopLevel, E> {
        Ok(TopLevel::NotObject("string"))
    }
    fn visit_unit<E>(self) -> Result<TopLevel, E> {
        Ok(TopLevel::NotObject("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<TopLevel, A::Error> {
        SkipVisitor
            .visit_seq(seq)
            .map(|_| TopLevel::NotObject("array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
        let ctx = self.0;
        let s = ScalarSeed(ctx);
        let mut f = Fields::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                "activity" => f.activity = map.next_value_seed(s)?,
                "contract_id" => f.contract_id = map.next_value_seed(s)?,
                "contract_title" => f.contract_title = map.next_value_seed(s)?.into_text(),
                "contract_status" => f.contract_status = map.next_value_seed(s)?.into_text(),
                "contract_kind" => f.contract_kind = map.next_value_seed(s)?.into_text(),
                "contract_type" => f.contract_type = map.next_value_seed(s)?.into_text(),
                "contract_type_name" => f.contract_type_name = map.next_value_seed(s)?.into_text(),
                "contract_type_id" => f.contract_type_id = map.next_value_seed(s)?.as_i64(),
                "created_at" => f.created_at = map.next_value_seed(s)?.into_text(),
                "business_user" => f.business_user = map.next_value_seed(PersonSeed(ctx))?,
                "legal_user" => f.legal_user = map.next_value_seed(PersonSeed(ctx))?,
                "external_metadata" => {
                    f.external_id = map.next_value_seed(ExternalSeed(ctx))?.unwrap_or_default()
                }
                "counterparties" => {
                    f.counterparties = map.next_value_seed(CounterpartiesSeed(ctx))?
                }
                "activity_data" => {
                    f.activity_data = map
                        .next_value_seed(ActivityDataSeed(ctx))?
                        .unwrap_or_default()
                }
                _ => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(TopLevel::Object(Box::new(f)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strings_are_spans_and_escaped_ones_are_decoded() {
        let body = br#"{"activity":"A","contract_title":"M\u00e9 \"MSA\"","created_at":"2026"}"#;
        let TopLevel::Object(f) = read(body).unwrap() else {
            panic!("an object")
        };
        assert!(matches!(f.activity, Scalar::Str(Text::Span(..))));
        assert!(matches!(f.created_at, Some(Text::Span(..))));
        assert!(matches!(f.contract_title, Some(Text::Owned(_))));
        assert_eq!(f.contract_title.unwrap().get(body), "M\u{e9} \"MSA\"");
        assert_eq!(f.created_at.unwrap().get(body), "2026");
    }

    #[test]
    fn a_span_outside_the_source_reads_as_empty() {
        assert_eq!(Text::Span(3, 99).get(b"short"), "");
    }
}
