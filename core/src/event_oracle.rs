//! The test oracle of the event reader: the serde_json reader of the
//! earlier releases, which reads the same [`Fields`] through serde's
//! visitors. Compiled only for tests and the `reader-oracle` feature (the
//! fuzz target); the property tests and the fuzz target check that
//! `event_scan` never disagrees with it, errors included.

use std::fmt;

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use crate::event_fields::{
    ActivityData, Fields, RawCounterparty, RawEmail, RawPerson, Scalar, Text, TopLevel,
};
use crate::event_scan::{JsonError, JsonErrorKind};

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

/// Reads a payload in one pass with serde_json; its errors as the reader
/// reports them.
pub(crate) fn read(body: &[u8]) -> Result<TopLevel, JsonError> {
    let ctx = Ctx {
        base: body.as_ptr() as usize,
        len: body.len(),
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let top = de
        .deserialize_any(TopVisitor(ctx))
        .and_then(|top| de.end().map(|()| top));
    top.map_err(|e| json_error(&e))
}

/// A serde_json error as the reader reports it.
pub(crate) fn json_error(e: &serde_json::Error) -> JsonError {
    use serde_json::error::Category as C;
    let kind = match e.classify() {
        _ if e.to_string().contains("recursion limit") => JsonErrorKind::Nesting,
        C::Eof => JsonErrorKind::Eof,
        // A slice reader has no I/O and these visitors take any value:
        // every other error is a syntax error.
        C::Syntax | C::Data | C::Io => JsonErrorKind::Syntax,
    };
    JsonError {
        kind,
        line: e.line(),
        column: e.column(),
    }
}

/// Reads `body` with both readers: `Err` with both answers if they
/// disagree in any way (fields, string spans, error kind or position). For
/// the fuzz target.
///
/// ```
/// spotdraft_kit::event_oracle::readers_agree(br#"{"activity":"A\u0041"}"#).unwrap();
/// ```
#[cfg(feature = "reader-oracle")]
pub fn readers_agree(body: &[u8]) -> Result<(), String> {
    let (fast, oracle) = (crate::event_scan::read(body), read(body));
    if fast == oracle {
        return Ok(());
    }
    Err(format!("scanner {fast:?}, serde_json {oracle:?}"))
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
