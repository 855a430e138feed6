//! The fast path of the event reader: a byte scanner for the payloads
//! SpotDraft actually sends, which reads the same [`Fields`] as the
//! serde_json reader in `event_fields` without going through serde.
//!
//! It accepts only a strict subset of JSON that serde_json certainly
//! accepts too, and gives up (`None`) on anything else, leaving the payload
//! to the serde_json reader, which then accepts it or reports the error:
//! a top level that is not an object, an escape in a key or in a string
//! that is kept, a `\u` escape of a surrogate, a number that is kept but is
//! not a plain integer of at most 18 digits, a skipped number that is not
//! finite as an `f64`, nesting deeper than [`MAX_DEPTH`], or any syntax
//! error. So the two readers never disagree: the fast one either gives the
//! serde_json reader's answer or none at all (a property test checks this).

use crate::event_fields::{
    ActivityData, Fields, RawCounterparty, RawEmail, RawPerson, Scalar, Text,
};

/// Deeper nesting is left to serde_json (its limit is 128).
const MAX_DEPTH: usize = 100;

/// Reads a payload's fields, or `None` to leave it to the serde reader.
pub(crate) fn read(body: &[u8]) -> Option<Fields> {
    // Invalid UTF-8 anywhere is an error for serde_json too (a syntax
    // error outside strings, invalid unicode inside).
    std::str::from_utf8(body).ok()?;
    let mut s = Scanner {
        b: body,
        i: 0,
        depth: 0,
    };
    s.ws();
    let fields = s.top()?;
    s.ws();
    (s.i == body.len()).then_some(fields)
}

struct Scanner<'b> {
    b: &'b [u8],
    i: usize,
    depth: usize,
}

impl<'b> Scanner<'b> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        let rest = self.b.get(self.i..).unwrap_or_default();
        self.i += rest
            .iter()
            .position(|c| !matches!(c, b' ' | b'\n' | b'\r' | b'\t'))
            .unwrap_or(rest.len());
    }

    /// Skips the string bytes that need no attention: everything but a
    /// quote, a backslash and a control character.
    fn string_run(&mut self) {
        let rest = self.b.get(self.i..).unwrap_or_default();
        self.i += rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            .unwrap_or(rest.len());
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek()? == byte).then(|| self.i += 1)
    }

    /// A string without escapes: its span, quotes excluded.
    fn plain_string(&mut self) -> Option<(usize, usize)> {
        self.eat(b'"')?;
        let start = self.i;
        self.string_run();
        if self.peek()? != b'"' {
            return None;
        }
        let end = self.i;
        self.i += 1;
        Some((start, end))
    }

    fn skip_string(&mut self) -> Option<()> {
        self.eat(b'"')?;
        loop {
            self.string_run();
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    self.i += 1;
                    match self.peek()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 1,
                        b'u' => {
                            let hex = self.b.get(self.i + 1..self.i + 5)?;
                            let hex = std::str::from_utf8(hex).ok()?;
                            let unit = u16::from_str_radix(hex, 16).ok()?;
                            // Surrogates must pair up: left to serde_json.
                            if (0xD800..=0xDFFF).contains(&unit) || hex.starts_with('+') {
                                return None;
                            }
                            self.i += 5;
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        self.i += 1;
        Some(())
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    /// A JSON number: its value when it is a plain integer of at most 18
    /// digits, `Err(())` for any other valid, finite number.
    fn number(&mut self) -> Option<Result<i64, ()>> {
        self.ws();
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let int_digits = self.digits();
        if int_digits == 0 || (int_digits > 1 && self.b[int_start] == b'0') {
            return None;
        }
        // `-0` is a float to serde_json.
        let mut plain = int_digits <= 18 && &self.b[start..self.i] != b"-0";
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return None;
            }
            plain = false;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return None;
            }
            plain = false;
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).ok()?;
        if plain {
            return text.parse::<i64>().ok().map(Ok);
        }
        text.parse::<f64>().ok()?.is_finite().then_some(Err(()))
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.ws();
        let end = self.i + word.len();
        (self.b.get(self.i..end)? == word).then(|| self.i = end)
    }

    fn skip_value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'{' => self.object(|s, _| s.skip_value()),
            b'[' => self.array(|s| s.skip_value()),
            b'"' => self.skip_string(),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number().map(|_| ()),
        }
    }

    /// An object; `each` reads (or skips) the value of every key.
    fn object(&mut self, mut each: impl FnMut(&mut Self, &'b [u8]) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        self.enter()?;
        self.ws();
        if self.peek()? == b'}' {
            self.i += 1;
        } else {
            loop {
                let (start, end) = self.plain_string()?;
                self.eat(b':')?;
                let b = self.b;
                each(self, &b[start..end])?;
                self.ws();
                match self.peek()? {
                    b',' => self.i += 1,
                    b'}' => {
                        self.i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        Some(())
    }

    fn array(&mut self, mut each: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        self.enter()?;
        self.ws();
        if self.peek()? == b']' {
            self.i += 1;
        } else {
            loop {
                each(self)?;
                self.ws();
                match self.peek()? {
                    b',' => self.i += 1,
                    b']' => {
                        self.i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        Some(())
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// A value read as the serde reader's `Scalar`.
    fn scalar(&mut self) -> Option<Scalar> {
        self.ws();
        Some(match self.peek()? {
            b'"' => {
                let (start, end) = self.plain_string()?;
                Scalar::Str(Text::Span(start, end))
            }
            b'{' => {
                self.skip_value()?;
                Scalar::Other("object")
            }
            b'[' => {
                self.skip_value()?;
                Scalar::Other("array")
            }
            b't' | b'f' => {
                self.skip_value()?;
                Scalar::Other("boolean")
            }
            b'n' => {
                self.literal(b"null")?;
                Scalar::Other("null")
            }
            _ => Scalar::Int(self.number()?.ok()?),
        })
    }

    fn text(&mut self) -> Option<Option<Text>> {
        self.scalar().map(Scalar::into_text)
    }

    fn is_object(&mut self) -> bool {
        self.ws();
        self.peek() == Some(b'{')
    }

    /// `Some` for an object, `None` (skipped) for anything else.
    fn object_or_skip<T: Default>(
        &mut self,
        mut each: impl FnMut(&mut Self, &mut T, &'b [u8]) -> Option<()>,
    ) -> Option<Option<T>> {
        if !self.is_object() {
            self.skip_value()?;
            return Some(None);
        }
        let mut out = T::default();
        self.object(|s, key| each(s, &mut out, key))?;
        Some(Some(out))
    }

    fn person(&mut self) -> Option<Option<RawPerson>> {
        self.object_or_skip(|s, p: &mut RawPerson, key| {
            match key {
                b"name" => p.name = s.scalar()?,
                b"email" => p.email = s.scalar()?,
                _ => s.skip_value()?,
            }
            Some(())
        })
    }

    fn email(&mut self) -> Option<Option<RawEmail>> {
        self.object_or_skip(|s, e: &mut RawEmail, key| {
            match key {
                b"recipient_email" => e.recipient = s.scalar()?,
                b"email_mode" => e.mode = s.scalar()?,
                b"occured_at" => e.occured_at = s.scalar()?,
                _ => s.skip_value()?,
            }
            Some(())
        })
    }

    fn activity_data(&mut self) -> Option<ActivityData> {
        let data = self.object_or_skip(|s, a: &mut ActivityData, key| {
            match key {
                b"timestamp" => a.timestamp = s.scalar()?,
                b"performed_by" => a.performed_by = s.person()?,
                b"email_event_data" => a.email = s.email()?,
                b"signatory" => a.signatory = s.person()?,
                _ => s.skip_value()?,
            }
            Some(())
        })?;
        Some(data.unwrap_or_default())
    }

    fn external_id(&mut self) -> Option<Scalar> {
        let id = self.object_or_skip(|s, id: &mut Scalar, key| {
            match key {
                b"id" => *id = s.scalar()?,
                _ => s.skip_value()?,
            }
            Some(())
        })?;
        Some(id.unwrap_or_default())
    }

    fn counterparty(&mut self) -> Option<Option<RawCounterparty>> {
        self.object_or_skip(|s, c: &mut RawCounterparty, key| {
            match key {
                b"type" => c.kind = s.text()?,
                b"organization_name" => c.organization_name = s.text()?,
                b"poc_name" => c.poc_name = s.text()?,
                b"poc_email" => c.poc_email = s.text()?,
                b"counterparty_id" => c.counterparty_id = s.scalar()?.as_i64(),
                _ => s.skip_value()?,
            }
            Some(())
        })
    }

    fn counterparties(&mut self) -> Option<Vec<RawCounterparty>> {
        self.ws();
        let mut out = Vec::new();
        if self.peek()? != b'[' {
            self.skip_value()?;
            return Some(out);
        }
        self.array(|s| {
            out.extend(s.counterparty()?);
            Some(())
        })?;
        Some(out)
    }

    fn top(&mut self) -> Option<Fields> {
        let mut f = Fields::default();
        self.object(|s, key| {
            match key {
                b"activity" => f.activity = s.scalar()?,
                b"contract_id" => f.contract_id = s.scalar()?,
                b"contract_title" => f.contract_title = s.text()?,
                b"contract_status" => f.contract_status = s.text()?,
                b"contract_kind" => f.contract_kind = s.text()?,
                b"contract_type" => f.contract_type = s.text()?,
                b"contract_type_name" => f.contract_type_name = s.text()?,
                b"contract_type_id" => f.contract_type_id = s.scalar()?.as_i64(),
                b"created_at" => f.created_at = s.text()?,
                b"business_user" => f.business_user = s.person()?,
                b"legal_user" => f.legal_user = s.person()?,
                b"external_metadata" => f.external_id = s.external_id()?,
                b"counterparties" => f.counterparties = s.counterparties()?,
                b"activity_data" => f.activity_data = s.activity_data()?,
                _ => s.skip_value()?,
            }
            Some(())
        })?;
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::*;
    use crate::event_fields::{self, TopLevel};

    /// The serde_json reader's fields, or `None` when it rejects the bytes.
    fn by_serde(body: &[u8]) -> Option<Fields> {
        match event_fields::read(body) {
            Ok(TopLevel::Object(f)) => Some(*f),
            _ => None,
        }
    }

    fn agree(body: &[u8]) {
        if let Some(fast) = read(body) {
            assert_eq!(
                Some(fast),
                by_serde(body),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn takes_the_realistic_shape_and_agrees() {
        let person = json!({"name": "Ada", "email": "ADA@example.com", "x": [1, {"y": null}]});
        let event = json!({
            "activity": "SIGNING_EMAIL_OPENED", "contract_id": 42, "contract_title": "MSA",
            "contract_status": "SIGN", "contract_kind": "TEMPLATE_CONTRACT", "contract_type": "MSA",
            "contract_type_name": "Master", "contract_type_id": 7, "created_at": "2026-01-01",
            "business_user": person, "legal_user": "nobody", "external_metadata": {"id": 991},
            "counterparties": [{"type": "Organization", "organization_name": "Acme",
                "poc_name": "Cy", "poc_email": "cy@acme.test", "counterparty_id": 5}, 3],
            "activity_data": {"timestamp": "2026-11-02T10:00:00Z", "performed_by": person,
                "signatory": person, "email_event_data": {"recipient_email": "a@b.io",
                "email_mode": "to", "occured_at": "O"}, "n": -1.5e3, "s": "t\u{e9}\"\\/\u{1}"},
        });
        for body in [
            serde_json::to_vec(&event).unwrap(),
            serde_json::to_vec_pretty(&event).unwrap(),
        ] {
            let fast = read(&body).expect("the fast path takes a SpotDraft-shaped payload");
            assert_eq!(Some(fast), by_serde(&body));
        }
    }

    #[test]
    fn leaves_the_odd_cases_to_serde() {
        for body in [
            &br#"[1]"#[..],
            br#"{"activity":"A\u0041"}"#,
            br#"{"activ\u0069ty":"A"}"#,
            br#"{"contract_id":1.0}"#,
            br#"{"contract_id":-0}"#,
            br#"{"contract_id":12345678901234567890}"#,
            br#"{"x":"\ud800"}"#,
            br#"{"x":1e400}"#,
            br#"{"x":"\u+123"}"#,
            br#"{"a":1,}"#,
            b"{\"a\":\"\x01\"}",
            br#"{"a":01}"#,
            br#"{"a":1} x"#,
        ] {
            assert_eq!(read(body), None, "{}", String::from_utf8_lossy(body));
        }
        let deep = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert_eq!(read(deep.as_bytes()), None);
    }

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "[a-z@. \"\\\\\u{1}\u{e9}-]{0,8}".prop_map(Value::String),
            prop::sample::select(vec!["activity", "email", "name", "id", "timestamp"])
                .prop_map(|s| Value::String(s.to_owned())),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            let key = prop::sample::select(vec![
                "activity",
                "contract_id",
                "contract_title",
                "contract_type_id",
                "business_user",
                "legal_user",
                "external_metadata",
                "id",
                "counterparties",
                "type",
                "poc_email",
                "counterparty_id",
                "activity_data",
                "timestamp",
                "performed_by",
                "signatory",
                "email_event_data",
                "recipient_email",
                "occured_at",
                "email_mode",
                "name",
                "email",
                "other",
            ]);
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((key, inner), 0..6).prop_map(|kv| Value::Object(
                    kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn never_disagrees_with_serde(value in any_json(), pretty in any::<bool>(),
                                      edit in any::<Option<(usize, u8, bool)>>()) {
            let mut body = if pretty {
                serde_json::to_vec_pretty(&value).unwrap()
            } else {
                serde_json::to_vec(&value).unwrap()
            };
            if let Some((at, byte, insert)) = edit {
                let at = at % (body.len() + 1);
                if insert || at == body.len() {
                    body.insert(at, byte);
                } else {
                    body[at] = byte;
                }
            }
            agree(&body);
            // Also as a top-level object, where the fields are read.
            let wrapped = [b"{\"activity_data\":".as_slice(), &body, b",\"counterparties\":", &body, b"}"].concat();
            agree(&wrapped);
        }
    }
}
