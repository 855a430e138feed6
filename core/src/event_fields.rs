//! The one-pass, lenient reader behind [`crate::Event`]: it validates the
//! whole payload as JSON (same nesting limit as serde_json's DOM parser) and
//! keeps only the fields the typed accessors and the dedupe key need,
//! without building a DOM. The full payload is parsed later, only if asked
//! for.
//!
//! Leniency rule: a field with an unexpected type reads as absent; it never
//! fails the parse. Duplicate keys: the last one wins, as in serde_json's
//! `Value`.

use std::fmt;

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use crate::event_parts::{Counterparty, EmailEvent, Person};

/// A JSON scalar as read leniently. Numbers keep serde_json's text form
/// (the dedupe key hashes it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Scalar {
    #[default]
    Absent,
    Str(String),
    Int(i64),
    /// A number that is not an i64: its serde_json text.
    OtherNumber(String),
    /// null, a boolean, an array or an object: its JSON kind.
    Other(&'static str),
}

impl Scalar {
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn into_string(self) -> Option<String> {
        match self {
            Scalar::Str(s) => Some(s),
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
    pub(crate) fn to_text(&self) -> Option<String> {
        match self {
            Scalar::Str(s) => Some(s.clone()),
            Scalar::Int(i) => Some(i.to_string()),
            Scalar::OtherNumber(n) => Some(n.clone()),
            _ => None,
        }
    }
}

/// Everything the typed accessors and the dedupe key read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    pub activity: Scalar,
    pub contract_id: Scalar,
    pub contract_title: Option<String>,
    pub contract_status: Option<String>,
    pub contract_kind: Option<String>,
    pub contract_type: Option<String>,
    pub contract_type_name: Option<String>,
    pub contract_type_id: Option<i64>,
    pub created_at: Option<String>,
    pub business_user: Option<Person>,
    pub legal_user: Option<Person>,
    pub external_id: Option<String>,
    pub counterparties: Vec<Counterparty>,
    pub timestamp: Scalar,
    pub performed_by: Option<Person>,
    pub email_event: Option<EmailEvent>,
    /// The raw `email_event_data.recipient_email` and `occured_at`, and
    /// `signatory.email`, for the dedupe key.
    pub email_recipient: Scalar,
    pub email_occured_at: Scalar,
    pub signatory: Option<Person>,
    pub signatory_email: Scalar,
}

/// The top-level result: an object's fields, or the JSON kind that was
/// found instead of an object.
pub(crate) enum TopLevel {
    Object(Box<Fields>),
    NotObject(&'static str),
}

/// Reads a payload in one pass. Errors are serde_json's (syntax, nesting).
pub(crate) fn read(body: &[u8]) -> Result<TopLevel, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let top = de.deserialize_any(TopVisitor)?;
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

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
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
                Ok(i64::try_from(v)
                    .map_or_else(|_| Scalar::OtherNumber(v.to_string()), Scalar::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(
                    serde_json::Number::from_f64(v).map_or(Scalar::Other("number"), |n| {
                        Scalar::OtherNumber(n.to_string())
                    }),
                )
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Str(v))
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
        d.deserialize_any(V)
    }
}

macro_rules! object_visitor {
    ($name:ident, $out:ty, |$acc:ident, $key:ident, $map:ident| $body:block) => {
        struct $name;
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

/// A person object as read: `email` stays raw for the dedupe key.
#[derive(Default)]
struct RawPerson {
    name: Scalar,
    email: Scalar,
}

impl RawPerson {
    fn person(&self) -> Person {
        Person {
            name: self.name.as_str().map(str::to_owned),
            email: self.email.as_str().map(str::to_owned),
        }
    }
}

object_visitor!(PersonSeed, RawPerson, |p, key, map| {
    match key {
        "name" => p.name = map.next_value()?,
        "email" => p.email = map.next_value()?,
        _ => {
            map.next_value::<Skip>()?;
        }
    }
});

/// `email_event_data`, with the raw scalars the dedupe key needs.
#[derive(Default)]
struct EmailData {
    recipient: Scalar,
    mode: Scalar,
    occured_at: Scalar,
}

object_visitor!(EmailSeed, EmailData, |e, key, map| {
    match key {
        "recipient_email" => e.recipient = map.next_value()?,
        "email_mode" => e.mode = map.next_value()?,
        "occured_at" => e.occured_at = map.next_value()?,
        _ => {
            map.next_value::<Skip>()?;
        }
    }
});

#[derive(Default)]
struct ActivityData {
    timestamp: Scalar,
    performed_by: Option<RawPerson>,
    email: Option<EmailData>,
    signatory: Option<RawPerson>,
}

object_visitor!(ActivityDataSeed, ActivityData, |a, key, map| {
    match key {
        "timestamp" => a.timestamp = map.next_value()?,
        "performed_by" => a.performed_by = map.next_value_seed(PersonSeed)?,
        "email_event_data" => a.email = map.next_value_seed(EmailSeed)?,
        "signatory" => a.signatory = map.next_value_seed(PersonSeed)?,
        _ => {
            map.next_value::<Skip>()?;
        }
    }
});

object_visitor!(ExternalSeed, Option<String>, |id, key, map| {
    if key == "id" {
        id = map.next_value::<Scalar>()?.to_text();
    } else {
        map.next_value::<Skip>()?;
    }
});

object_visitor!(CounterpartySeed, Counterparty, |c, key, map| {
    match key {
        "type" => c.kind = map.next_value::<Scalar>()?.into_string(),
        "organization_name" => c.organization_name = map.next_value::<Scalar>()?.into_string(),
        "poc_name" => c.poc_name = map.next_value::<Scalar>()?.into_string(),
        "poc_email" => c.poc_email = map.next_value::<Scalar>()?.into_string(),
        "counterparty_id" => c.counterparty_id = map.next_value::<Scalar>()?.as_i64(),
        _ => {
            map.next_value::<Skip>()?;
        }
    }
});

/// `counterparties[]`: entries that are not objects are skipped; a
/// non-array reads as empty.
struct CounterpartiesSeed;

impl<'de> DeserializeSeed<'de> for CounterpartiesSeed {
    type Value = Vec<Counterparty>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Vec<Counterparty>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = seq.next_element_seed(CounterpartySeed)? {
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
        d.deserialize_any(V)
    }
}

struct TopVisitor;

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
        let mut f = Fields::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                "activity" => f.activity = map.next_value()?,
                "contract_id" => f.contract_id = map.next_value()?,
                "contract_title" => f.contract_title = map.next_value::<Scalar>()?.into_string(),
                "contract_status" => f.contract_status = map.next_value::<Scalar>()?.into_string(),
                "contract_kind" => f.contract_kind = map.next_value::<Scalar>()?.into_string(),
                "contract_type" => f.contract_type = map.next_value::<Scalar>()?.into_string(),
                "contract_type_name" => {
                    f.contract_type_name = map.next_value::<Scalar>()?.into_string()
                }
                "contract_type_id" => f.contract_type_id = map.next_value::<Scalar>()?.as_i64(),
                "created_at" => f.created_at = map.next_value::<Scalar>()?.into_string(),
                "business_user" => {
                    f.business_user = map.next_value_seed(PersonSeed)?.map(|p| p.person())
                }
                "legal_user" => f.legal_user = map.next_value_seed(PersonSeed)?.map(|p| p.person()),
                "external_metadata" => f.external_id = map.next_value_seed(ExternalSeed)?.flatten(),
                "counterparties" => f.counterparties = map.next_value_seed(CounterpartiesSeed)?,
                "activity_data" => {
                    let data = map.next_value_seed(ActivityDataSeed)?.unwrap_or_default();
                    f.timestamp = data.timestamp;
                    f.performed_by = data.performed_by.map(|p| p.person());
                    f.signatory = data.signatory.as_ref().map(RawPerson::person);
                    f.signatory_email = data.signatory.map(|s| s.email).unwrap_or_default();
                    match data.email {
                        Some(e) => {
                            f.email_event = Some(EmailEvent {
                                recipient_email: e.recipient.as_str().map(str::to_owned),
                                email_mode: e.mode.into_string(),
                                occurred_at: e.occured_at.as_str().map(str::to_owned),
                            });
                            f.email_recipient = e.recipient;
                            f.email_occured_at = e.occured_at;
                        }
                        None => {
                            f.email_event = None;
                            f.email_recipient = Scalar::Absent;
                            f.email_occured_at = Scalar::Absent;
                        }
                    }
                }
                _ => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(TopLevel::Object(Box::new(f)))
    }
}
