//! The event reader: one pass over the payload bytes that validates the
//! whole payload as JSON (RFC 8259, with serde_json's rules where the RFC
//! leaves a choice) and keeps only the [`Fields`] the typed accessors and
//! the dedupe key need, without building a tree or copying strings: a
//! string without escapes is kept as a span of the payload, a string with
//! escapes is decoded.
//!
//! It reads every input exactly as serde_json's `from_slice` would, errors
//! included (kind, line and column): numbers of every JSON form (an integer
//! that fits an `i64` is kept as one, any other number as serde_json's text
//! of its value; a number that is infinite as an `f64` is an error),
//! `\u` escapes with surrogate pairs (a lone surrogate is an error),
//! invalid UTF-8 inside strings, nesting refused at 128 levels, trailing
//! bytes. Leniency rule: a field with an unexpected type reads as absent;
//! it never fails the parse. Duplicate keys: the last one wins. The
//! serde_json reader of the earlier releases is kept as the test oracle
//! (`event_oracle`); the property tests and a fuzz target check that the
//! two never disagree.

use std::borrow::Cow;

use crate::event_fields::{
    ActivityData, Fields, RawCounterparty, RawEmail, RawPerson, Scalar, Text, TopLevel,
};

/// serde_json's nesting limit: the 128th level of arrays and objects is
/// refused.
const DEPTH_LIMIT: usize = 128;

/// What kind of JSON error a payload has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonErrorKind {
    /// The bytes end inside a value.
    Eof,
    /// Any other syntax error, including a number out of range.
    Syntax,
    /// Nesting deeper than the limit.
    Nesting,
}

/// A JSON error with serde_json's position for it (1-based line, column of
/// the byte before the position, as serde_json counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub kind: JsonErrorKind,
    pub line: usize,
    pub column: usize,
}

/// Where an error was found: a byte index, and how many columns back the
/// message points (invalid UTF-8 is reported at its first bad byte).
struct Fail {
    kind: JsonErrorKind,
    at: usize,
    back: usize,
}

type Step<T> = Result<T, Fail>;

/// Reads a payload's fields in one pass.
pub(crate) fn read(body: &[u8]) -> Result<TopLevel, JsonError> {
    let mut s = Scanner {
        b: body,
        i: 0,
        depth: 0,
        // Valid UTF-8 throughout (the common case) spares checking each
        // string; else each string is checked where serde_json checks it.
        utf8: std::str::from_utf8(body).is_ok(),
        scratch: Vec::new(),
    };
    s.top().map_err(|f| position(body, f))
}

/// serde_json's line and column of a byte index.
fn position(body: &[u8], f: Fail) -> JsonError {
    let at = f.at.min(body.len());
    let before = body.get(..at).unwrap_or_default();
    let line_start = before
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |n| n + 1);
    JsonError {
        kind: f.kind,
        line: 1 + before.iter().filter(|&&c| c == b'\n').count(),
        column: (at - line_start).saturating_sub(f.back),
    }
}

struct Scanner<'b> {
    b: &'b [u8],
    i: usize,
    depth: usize,
    utf8: bool,
    scratch: Vec<u8>,
}

/// A value's first byte, after whitespace; the error for end of input.
macro_rules! peek_value {
    ($s:ident) => {
        match $s.ws() {
            Some(c) => c,
            None => return Err($s.peek_error(JsonErrorKind::Eof)),
        }
    };
}

impl<'b> Scanner<'b> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// An error about the byte just consumed (serde_json's `error`).
    #[cold]
    fn error(&self, kind: JsonErrorKind) -> Fail {
        Fail {
            kind,
            at: self.i,
            back: 0,
        }
    }

    /// An error about the byte not yet consumed (serde_json's `peek_error`).
    #[cold]
    fn peek_error(&self, kind: JsonErrorKind) -> Fail {
        Fail {
            kind,
            at: self.i + 1,
            back: 0,
        }
    }

    /// Skips whitespace; the next byte, if any.
    fn ws(&mut self) -> Option<u8> {
        while let Some(c) = self.peek() {
            if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(c);
            }
            self.i += 1;
        }
        None
    }

    /// Skips the string bytes that need no attention: everything but a
    /// quote, a backslash and a control character; eight at a time.
    fn string_run(&mut self) {
        const ONES: u64 = u64::MAX / 255;
        let rest = self.b.get(self.i..).unwrap_or_default();
        let mut chunks = rest.chunks_exact(8);
        for chunk in &mut chunks {
            let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let v = u64::from_le_bytes(bytes);
            let quote = v ^ (ONES * u64::from(b'"'));
            let backslash = v ^ (ONES * u64::from(b'\\'));
            // The high bit of each byte that is below 0x20, a quote or a
            // backslash (exact for the lowest such byte).
            let hits = (v.wrapping_sub(ONES * 0x20) & !v
                | quote.wrapping_sub(ONES) & !quote
                | backslash.wrapping_sub(ONES) & !backslash)
                & (ONES << 7);
            if hits != 0 {
                self.i += (hits.trailing_zeros() / 8) as usize;
                return self.string_tail();
            }
            self.i += 8;
        }
        self.string_tail();
    }

    fn string_tail(&mut self) {
        let rest = self.b.get(self.i..).unwrap_or_default();
        self.i += rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            .unwrap_or(rest.len());
    }

    /// A string, after its opening quote: its span when it has no escapes
    /// (checked to be UTF-8 if the body is not all UTF-8), else `None`.
    #[inline]
    fn string(&mut self, decode: bool) -> Step<Option<(usize, usize)>> {
        let start = self.i;
        self.string_run();
        if self.peek() == Some(b'"') && self.utf8 {
            self.i += 1;
            return Ok(Some((start, self.i - 1)));
        }
        self.string_slow(start, decode)
    }

    /// The rest of a string that has escapes or is not known to be UTF-8.
    /// With escapes, decoded into `scratch` when `decode` is set (or the
    /// body is not all UTF-8, where the check needs the decoded bytes).
    #[inline(never)]
    fn string_slow(&mut self, start: usize, decode: bool) -> Step<Option<(usize, usize)>> {
        let decode = decode || !self.utf8;
        let mut escaped = false;
        self.scratch.clear();
        let mut run = start;
        loop {
            match self.peek() {
                None => return Err(self.error(JsonErrorKind::Eof)),
                Some(b'"') => break,
                Some(b'\\') => {
                    if decode {
                        self.scratch.extend_from_slice(&self.b[run..self.i]);
                    }
                    escaped = true;
                    self.i += 1;
                    self.escape(decode)?;
                    run = self.i;
                }
                Some(_) => {
                    self.i += 1;
                    return Err(self.error(JsonErrorKind::Syntax));
                }
            }
            self.string_run();
        }
        let end = self.i;
        self.i += 1;
        if !escaped {
            if !self.utf8 {
                self.check_utf8(&self.b[start..end])?;
            }
            return Ok(Some((start, end)));
        }
        if decode {
            self.scratch.extend_from_slice(&self.b[run..end]);
            if !self.utf8 {
                self.check_utf8(&self.scratch)?;
            }
        }
        Ok(None)
    }

    /// serde_json reports invalid UTF-8 at the string's end, pointing back
    /// at the first bad byte.
    fn check_utf8(&self, bytes: &[u8]) -> Step<()> {
        match std::str::from_utf8(bytes) {
            Ok(_) => Ok(()),
            Err(e) => Err(Fail {
                kind: JsonErrorKind::Syntax,
                at: self.i,
                back: bytes.len() - e.valid_up_to(),
            }),
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, decode: bool) -> Step<()> {
        let Some(c) = self.peek() else {
            return Err(self.error(JsonErrorKind::Eof));
        };
        self.i += 1;
        let byte = match c {
            b'"' | b'\\' | b'/' => c,
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(decode),
            _ => return Err(self.error(JsonErrorKind::Syntax)),
        };
        if decode {
            self.scratch.push(byte);
        }
        Ok(())
    }

    /// `\uXXXX`, after the `u`: a surrogate must be a leading one followed
    /// by `\u` and a trailing one.
    fn unicode_escape(&mut self, decode: bool) -> Step<()> {
        let n = self.hex4()?;
        let code = match n {
            0xDC00..=0xDFFF => return Err(self.error(JsonErrorKind::Syntax)),
            0xD800..=0xDBFF => {
                for want in [b'\\', b'u'] {
                    let Some(c) = self.peek() else {
                        return Err(self.error(JsonErrorKind::Eof));
                    };
                    self.i += 1;
                    if c != want {
                        return Err(self.error(JsonErrorKind::Syntax));
                    }
                }
                let n2 = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&n2) {
                    return Err(self.error(JsonErrorKind::Syntax));
                }
                0x1_0000 + ((u32::from(n) - 0xD800) << 10 | (u32::from(n2) - 0xDC00))
            }
            _ => u32::from(n),
        };
        if decode {
            if let Some(ch) = char::from_u32(code) {
                let mut buf = [0; 4];
                self.scratch
                    .extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            }
        }
        Ok(())
    }

    fn hex4(&mut self) -> Step<u16> {
        let Some(digits) = self.b.get(self.i..self.i + 4) else {
            self.i = self.b.len();
            return Err(self.error(JsonErrorKind::Eof));
        };
        self.i += 4;
        let mut n = 0u16;
        for &c in digits {
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return Err(self.error(JsonErrorKind::Syntax)),
            };
            n = n << 4 | u16::from(d);
        }
        Ok(n)
    }

    /// A kept string value (after its opening quote).
    fn text_value(&mut self) -> Step<Text> {
        Ok(match self.string(true)? {
            Some((start, end)) => Text::Span(start, end),
            None => Text::Owned(String::from_utf8_lossy(&self.scratch).into()),
        })
    }

    /// An object key (after its opening quote), decoded.
    fn key(&mut self) -> Step<Cow<'b, [u8]>> {
        let b = self.b;
        Ok(match self.string(true)? {
            Some((start, end)) => Cow::Borrowed(&b[start..end]),
            None => Cow::Owned(self.scratch.clone()),
        })
    }

    /// The rest of a literal whose first byte was consumed.
    fn ident(&mut self, rest: &[u8]) -> Step<()> {
        for &want in rest {
            let Some(c) = self.peek() else {
                return Err(self.error(JsonErrorKind::Eof));
            };
            self.i += 1;
            if c != want {
                return Err(self.error(JsonErrorKind::Syntax));
            }
        }
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    /// A number, at its first byte (`-` or a digit). `keep`: its value is
    /// wanted, else it is only validated (an infinite value is an error
    /// either way).
    fn number(&mut self, keep: bool) -> Step<Scalar> {
        let start = self.i;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let int_start = self.i;
        match self.peek() {
            None => return Err(self.error(JsonErrorKind::Eof)),
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(JsonErrorKind::Syntax));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => {
                self.i += 1;
                return Err(self.error(JsonErrorKind::Syntax));
            }
        }
        let int_end = self.i;
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                let kind = match self.peek() {
                    Some(_) => JsonErrorKind::Syntax,
                    None => JsonErrorKind::Eof,
                };
                return Err(self.peek_error(kind));
            }
            float = true;
        }
        let mantissa_end = self.i;
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            self.exponent(int_start, mantissa_end)?;
            float = true;
        }
        if !float {
            if let Some(n) = integer(&self.b[int_start..int_end], negative) {
                return Ok(n);
            }
        }
        // serde_json parses every other number as the nearest f64
        // (correctly rounded) and refuses an infinite one.
        let long = int_end - int_start > 300;
        if !keep && !float && !long {
            return Ok(Scalar::Absent);
        }
        let value = std::str::from_utf8(&self.b[start..self.i])
            .ok()
            .and_then(|t| t.parse::<f64>().ok())
            .unwrap_or(f64::INFINITY);
        if value.is_infinite() {
            return Err(self.error(JsonErrorKind::Syntax));
        }
        Ok(
            serde_json::Number::from_f64(value).map_or(Scalar::Other("number"), |n| {
                Scalar::OtherNumber(n.to_string())
            }),
        )
    }

    /// An exponent, after its `e`. serde_json gives up on an exponent past
    /// `i32::MAX` at the digit that overflows: out of range unless the
    /// value is zero either way.
    fn exponent(&mut self, int_start: usize, mantissa_end: usize) -> Step<()> {
        let positive = match self.peek() {
            Some(b'-') => {
                self.i += 1;
                false
            }
            Some(b'+') => {
                self.i += 1;
                true
            }
            _ => true,
        };
        match self.peek() {
            None => return Err(self.error(JsonErrorKind::Eof)),
            Some(c) => {
                self.i += 1;
                if !c.is_ascii_digit() {
                    return Err(self.error(JsonErrorKind::Syntax));
                }
            }
        }
        let mut exp = i32::from(self.b[self.i - 1] - b'0');
        while let Some(c @ b'0'..=b'9') = self.peek() {
            self.i += 1;
            let digit = i32::from(c - b'0');
            match exp.checked_mul(10).and_then(|e| e.checked_add(digit)) {
                Some(e) => exp = e,
                None => {
                    let zero = self.b[int_start..mantissa_end]
                        .iter()
                        .all(|&c| matches!(c, b'0' | b'.'));
                    if !zero && positive {
                        return Err(self.error(JsonErrorKind::Syntax));
                    }
                    self.digits();
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// Entering an array or object (at its bracket).
    fn enter(&mut self) -> Step<()> {
        self.depth += 1;
        if self.depth >= DEPTH_LIMIT {
            return Err(self.peek_error(JsonErrorKind::Nesting));
        }
        self.i += 1;
        Ok(())
    }

    /// An object, at its `{`; `each` reads (or skips) the value of every
    /// key, after its colon.
    fn object(&mut self, mut each: impl FnMut(&mut Self, &[u8]) -> Step<()>) -> Step<()> {
        self.enter()?;
        let mut first = true;
        loop {
            let c = match self.ws() {
                Some(c) => c,
                None => return Err(self.peek_error(JsonErrorKind::Eof)),
            };
            if c == b'}' {
                break;
            }
            if first {
                first = false;
                if c != b'"' {
                    return Err(self.peek_error(JsonErrorKind::Syntax));
                }
            } else if c == b',' {
                self.i += 1;
                match self.ws() {
                    Some(b'"') => {}
                    Some(_) => return Err(self.peek_error(JsonErrorKind::Syntax)),
                    None => return Err(self.peek_error(JsonErrorKind::Eof)),
                }
            } else {
                return Err(self.peek_error(JsonErrorKind::Syntax));
            }
            self.i += 1;
            let key = self.key()?;
            match self.ws() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.peek_error(JsonErrorKind::Syntax)),
                None => return Err(self.peek_error(JsonErrorKind::Eof)),
            }
            each(self, &key)?;
        }
        self.i += 1;
        self.depth -= 1;
        Ok(())
    }

    /// An array, at its `[`; `each` reads (or skips) every element.
    fn array(&mut self, mut each: impl FnMut(&mut Self) -> Step<()>) -> Step<()> {
        self.enter()?;
        let mut first = true;
        loop {
            let c = match self.ws() {
                Some(c) => c,
                None => return Err(self.peek_error(JsonErrorKind::Eof)),
            };
            if c == b']' {
                break;
            }
            if first {
                first = false;
            } else if c == b',' {
                self.i += 1;
                match self.ws() {
                    Some(b']') => return Err(self.peek_error(JsonErrorKind::Syntax)),
                    Some(_) => {}
                    None => return Err(self.peek_error(JsonErrorKind::Eof)),
                }
            } else {
                return Err(self.peek_error(JsonErrorKind::Syntax));
            }
            each(self)?;
        }
        self.i += 1;
        self.depth -= 1;
        Ok(())
    }

    /// Any value, read as a [`Scalar`] (`keep`) or only validated; its
    /// JSON kind is what a container or literal reads as.
    fn value(&mut self, keep: bool) -> Step<Scalar> {
        Ok(match peek_value!(self) {
            b'"' => {
                self.i += 1;
                if keep {
                    Scalar::Str(self.text_value()?)
                } else {
                    self.string(false)?;
                    Scalar::Other("string")
                }
            }
            b'{' => {
                self.object(|s, _| s.skip())?;
                Scalar::Other("object")
            }
            b'[' => {
                self.array(Self::skip)?;
                Scalar::Other("array")
            }
            b't' => {
                self.i += 1;
                self.ident(b"rue")?;
                Scalar::Other("boolean")
            }
            b'f' => {
                self.i += 1;
                self.ident(b"alse")?;
                Scalar::Other("boolean")
            }
            b'n' => {
                self.i += 1;
                self.ident(b"ull")?;
                Scalar::Other("null")
            }
            b'-' | b'0'..=b'9' => self.number(keep)?,
            _ => return Err(self.peek_error(JsonErrorKind::Syntax)),
        })
    }

    fn skip(&mut self) -> Step<()> {
        self.value(false).map(drop)
    }

    fn scalar(&mut self) -> Step<Scalar> {
        self.value(true)
    }

    fn text(&mut self) -> Step<Option<Text>> {
        self.scalar().map(Scalar::into_text)
    }

    /// `Some` for an object, `None` (skipped) for anything else.
    fn object_or_skip<T: Default>(
        &mut self,
        mut each: impl FnMut(&mut Self, &mut T, &[u8]) -> Step<()>,
    ) -> Step<Option<T>> {
        if peek_value!(self) != b'{' {
            self.skip()?;
            return Ok(None);
        }
        let mut out = T::default();
        self.object(|s, key| each(s, &mut out, key))?;
        Ok(Some(out))
    }

    fn person(&mut self) -> Step<Option<RawPerson>> {
        self.object_or_skip(|s, p: &mut RawPerson, key| {
            match key {
                b"name" => p.name = s.scalar()?,
                b"email" => p.email = s.scalar()?,
                _ => s.skip()?,
            }
            Ok(())
        })
    }

    fn email(&mut self) -> Step<Option<RawEmail>> {
        self.object_or_skip(|s, e: &mut RawEmail, key| {
            match key {
                b"recipient_email" => e.recipient = s.scalar()?,
                b"email_mode" => e.mode = s.scalar()?,
                b"occured_at" => e.occured_at = s.scalar()?,
                _ => s.skip()?,
            }
            Ok(())
        })
    }

    fn activity_data(&mut self) -> Step<ActivityData> {
        let data = self.object_or_skip(|s, a: &mut ActivityData, key| {
            match key {
                b"timestamp" => a.timestamp = s.scalar()?,
                b"performed_by" => a.performed_by = s.person()?,
                b"email_event_data" => a.email = s.email()?,
                b"signatory" => a.signatory = s.person()?,
                _ => s.skip()?,
            }
            Ok(())
        })?;
        Ok(data.unwrap_or_default())
    }

    fn external_id(&mut self) -> Step<Scalar> {
        let id = self.object_or_skip(|s, id: &mut Scalar, key| {
            match key {
                b"id" => *id = s.scalar()?,
                _ => s.skip()?,
            }
            Ok(())
        })?;
        Ok(id.unwrap_or_default())
    }

    fn counterparty(&mut self) -> Step<Option<RawCounterparty>> {
        self.object_or_skip(|s, c: &mut RawCounterparty, key| {
            match key {
                b"type" => c.kind = s.text()?,
                b"organization_name" => c.organization_name = s.text()?,
                b"poc_name" => c.poc_name = s.text()?,
                b"poc_email" => c.poc_email = s.text()?,
                b"counterparty_id" => c.counterparty_id = s.scalar()?.as_i64(),
                _ => s.skip()?,
            }
            Ok(())
        })
    }

    fn counterparties(&mut self) -> Step<Vec<RawCounterparty>> {
        let mut out = Vec::new();
        if peek_value!(self) != b'[' {
            self.skip()?;
            return Ok(out);
        }
        self.array(|s| {
            out.extend(s.counterparty()?);
            Ok(())
        })?;
        Ok(out)
    }

    fn fields(&mut self) -> Step<Fields> {
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
                _ => s.skip()?,
            }
            Ok(())
        })?;
        Ok(f)
    }

    /// The whole payload: one value, then only whitespace.
    fn top(&mut self) -> Step<TopLevel> {
        let top = if peek_value!(self) == b'{' {
            TopLevel::Object(Box::new(self.fields()?))
        } else {
            match self.value(false)? {
                Scalar::Other(kind) => TopLevel::NotObject(kind),
                _ => TopLevel::NotObject("number"),
            }
        };
        if self.ws().is_some() {
            return Err(self.peek_error(JsonErrorKind::Syntax));
        }
        Ok(top)
    }
}

/// A plain integer's value as serde_json reads it: an `i64`, a `u64` past
/// `i64::MAX` as its decimal text, `-0` and anything below `i64::MIN` as a
/// float; `None` past `u64::MAX` (a float too).
fn integer(digits: &[u8], negative: bool) -> Option<Scalar> {
    let mut n = 0u64;
    for &c in digits {
        n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    if !negative {
        return Some(
            i64::try_from(n).map_or_else(|_| Scalar::OtherNumber(n.to_string()), Scalar::Int),
        );
    }
    match n {
        0 => None,
        n if n <= 1 << 63 => Some(Scalar::Int((n as i64).wrapping_neg())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::*;
    use crate::event_oracle;

    /// The two readers give the same answer, errors included; the answer.
    fn agreed(body: &[u8]) -> Result<TopLevel, JsonError> {
        let fast = read(body);
        assert_eq!(
            fast,
            event_oracle::read(body),
            "{:?}",
            String::from_utf8_lossy(body)
        );
        fast
    }

    fn fields(body: &[u8]) -> Fields {
        match agreed(body) {
            Ok(TopLevel::Object(f)) => *f,
            other => panic!("{other:?} for {:?}", String::from_utf8_lossy(body)),
        }
    }

    fn error(body: &[u8]) -> JsonErrorKind {
        match agreed(body) {
            Err(e) => e.kind,
            Ok(top) => panic!("{top:?} for {:?}", String::from_utf8_lossy(body)),
        }
    }

    #[test]
    fn takes_the_realistic_shape() {
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
            let f = fields(&body);
            assert_eq!(f.contract_id, Scalar::Int(42));
            assert_eq!(f.counterparties.len(), 1);
            assert_eq!(
                f.activity_data.email.unwrap().mode.as_str(&body),
                Some("to")
            );
        }
    }

    #[test]
    fn plain_strings_are_spans_and_escaped_ones_are_decoded() {
        let body = br#"{"activity":"A","contract_title":"M\u00e9 \"MSA\"","created_at":"2026"}"#;
        let f = fields(body);
        assert!(matches!(f.activity, Scalar::Str(Text::Span(..))));
        assert!(matches!(f.created_at, Some(Text::Span(..))));
        assert!(matches!(f.contract_title, Some(Text::Owned(_))));
        assert_eq!(f.contract_title.unwrap().get(body), "M\u{e9} \"MSA\"");
        assert_eq!(f.created_at.unwrap().get(body), "2026");
    }

    #[test]
    fn escapes_in_keys_and_kept_strings_are_decoded() {
        let f = fields(br#"{"activ\u0069ty":"\ud83d\ude00 \/\b\f\n\r\t","\u0063ontract_id":7}"#);
        assert_eq!(
            f.activity,
            Scalar::Str(Text::Owned("\u{1F600} /\u{8}\u{c}\n\r\t".into()))
        );
        assert_eq!(f.contract_id, Scalar::Int(7));
        // Upper- and lower-case hex; a NUL escape is a character like any.
        let f = fields(br#"{"contract_title":"\u00E9\u00e9\u0000"}"#);
        assert_eq!(f.contract_title, Some(Text::Owned("\u{e9}\u{e9}\0".into())));
    }

    #[test]
    fn surrogates_pair_up_or_fail() {
        for body in [
            &br#"{"a":"\ud800"}"#[..],
            br#"{"a":"\udc00"}"#,
            br#"{"a":"\ud800\u0041"}"#,
            br#"{"a":"\ud800\ud800"}"#,
            br#"{"a":"\ud800x"}"#,
            br#"{"a":"\ud800\n"}"#,
            br#"{"activity":"\udfff\ud800"}"#,
            br#"{"a":"\u12"}"#,
            br#"{"a":"\u+123"}"#,
            br#"{"a":"\u00g0"}"#,
            br#"{"a":"\x"}"#,
            br#"{"a":"\'"}"#,
        ] {
            assert_eq!(error(body), JsonErrorKind::Syntax);
        }
        for body in [
            &br#"{"a":"\ud800"#[..],
            br#"{"a":"\ud800\"#,
            br#"{"a":"\u12"#,
            br#"{"a":"\"#,
        ] {
            assert_eq!(error(body), JsonErrorKind::Eof);
        }
        let f = fields(br#"{"activity":"\uDBFF\uDFFF"}"#);
        assert_eq!(f.activity, Scalar::Str(Text::Owned("\u{10FFFF}".into())));
    }

    #[test]
    fn numbers_of_every_form() {
        let id = |text: &str| fields(format!(r#"{{"contract_id":{text}}}"#).as_bytes()).contract_id;
        assert_eq!(id("0"), Scalar::Int(0));
        assert_eq!(id("-9223372036854775808"), Scalar::Int(i64::MIN));
        assert_eq!(id("9223372036854775807"), Scalar::Int(i64::MAX));
        let other = |s: &str| Scalar::OtherNumber(s.to_owned());
        assert_eq!(id("9223372036854775808"), other("9223372036854775808"));
        assert_eq!(id("18446744073709551615"), other("18446744073709551615"));
        assert_eq!(id("18446744073709551616"), other("1.8446744073709552e+19"));
        assert_eq!(id("-9223372036854775809"), other("-9.223372036854776e+18"));
        assert_eq!(id("-0"), other("-0.0"));
        assert_eq!(id("1.0"), other("1.0"));
        assert_eq!(id("1E2"), other("100.0"));
        assert_eq!(id("1e+2"), other("100.0"));
        assert_eq!(id("-1.5e-3"), other("-0.0015"));
        assert_eq!(id("0e99999999999"), other("0.0"));
        assert_eq!(id("1e-99999999999"), other("0.0"));
        assert_eq!(
            id("2.2250738585072011e-308"),
            other("2.225073858507201e-308")
        );
        assert_eq!(id(&format!("1{}", "0".repeat(305))), other("1e+305"));
        assert_eq!(
            id("1234567890123456789012345.5"),
            other("1.2345678901234568e+24")
        );
        assert_eq!(id(&format!("0.{}1e300", "0".repeat(30))), other("1e+269"));
        for bad in [
            "01",
            "-",
            "-a",
            "1.",
            "1.e3",
            ".5",
            "+1",
            "1e",
            "1e+",
            "0x1",
            "1e400",
            "-1e400",
            "1e99999999999",
            "Infinity",
            "NaN",
            "--1",
            "1.5e3.2",
        ] {
            let body = format!(r#"{{"contract_id":{bad}}}"#);
            assert_ne!(error(body.as_bytes()), JsonErrorKind::Nesting, "{bad}");
        }
        // A skipped number is validated the same way.
        assert_eq!(
            error(format!("[1{}]", "0".repeat(400)).as_bytes()),
            JsonErrorKind::Syntax
        );
        assert!(agreed(format!("[1{}]", "0".repeat(300)).as_bytes()).is_ok());
        for end in ["1.", "-", "1e", "1e-"] {
            assert_eq!(error(end.as_bytes()), JsonErrorKind::Eof, "{end}");
        }
    }

    #[test]
    fn nesting_is_refused_at_serde_jsons_limit() {
        let nest = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(agreed(nest(127).as_bytes()).is_ok());
        assert_eq!(error(nest(128).as_bytes()), JsonErrorKind::Nesting);
        let in_object = |n: usize| format!("{{\"activity_data\":{}}}", nest(n));
        assert!(agreed(in_object(126).as_bytes()).is_ok());
        assert_eq!(error(in_object(127).as_bytes()), JsonErrorKind::Nesting);
        // Unclosed, far deeper: refused at the limit without deep recursion.
        assert_eq!(
            error("[".repeat(100_000).as_bytes()),
            JsonErrorKind::Nesting
        );
        assert_eq!(
            error("{\"a\":".repeat(100_000).as_bytes()),
            JsonErrorKind::Nesting
        );
    }

    #[test]
    fn invalid_utf8_is_an_error_where_serde_json_finds_it() {
        for body in [
            &b"{\"a\":\"\xff\"}"[..],
            b"{\"activity\":\"ok\xc3\"}",
            b"{\"a\xe2\x82\":1}",
            b"{\"a\":\"\\n\xed\xa0\x80\"}",
            b"{\"a\":1}\xff",
            b"\xef\xbb\xbf{}",
            b"{\"a\":\xff}",
            b"{\"x\":\"\\u00e9\xc3\",\n\"y\":1}",
        ] {
            assert_eq!(error(body), JsonErrorKind::Syntax);
        }
        // Valid multi-byte text is kept as it is.
        let f = fields("{\"activity\":\"\u{e9}\u{1F600}\"}".as_bytes());
        assert!(matches!(f.activity, Scalar::Str(Text::Span(..))));
    }

    #[test]
    fn rfc_8259_corner_cases() {
        // Accepted: insignificant whitespace of the four kinds, empty
        // containers, every literal, strings with any non-control byte.
        for body in [
            &b" \t\r\n{ \t\r\n} \t\r\n"[..],
            br#"{"a":[],"b":{},"c":[[]],"d":[{}],"e":true,"f":false,"g":null}"#,
            br#"{"":"","a":"\u007f\u0080 ~"}"#,
            b"{\"a\":\"\x7f\"}",
        ] {
            assert!(matches!(agreed(body), Ok(TopLevel::Object(_))));
        }
        // A top level that is any value other than an object.
        for (body, kind) in [
            (&b"[1]"[..], "array"),
            (b" \"s\" ", "string"),
            (b"-0.5e1", "number"),
            (b"18446744073709551616", "number"),
            (b"true", "boolean"),
            (b"false", "boolean"),
            (b"null", "null"),
        ] {
            assert_eq!(agreed(body), Ok(TopLevel::NotObject(kind)));
        }
        // Rejected, end of input.
        for body in [
            &b""[..],
            b"  ",
            b"{",
            b"{\"a\"",
            b"{\"a\":",
            b"{\"a\":1",
            b"{\"a\":1,",
            b"[",
            b"[1,",
            b"\"abc",
            b"tru",
            b"nul",
            b"{\"a",
            b"{\"a\":[1,2",
        ] {
            assert_eq!(
                error(body),
                JsonErrorKind::Eof,
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
        // Rejected, syntax.
        for body in [
            &b"{,}"[..],
            b"{\"a\":1,}",
            b"[1,]",
            b"[,1]",
            b"{\"a\" 1}",
            b"{a:1}",
            b"{'a':1}",
            b"{\"a\":1 \"b\":2}",
            b"[1 2]",
            b"{\"a\":1}}",
            b"{} {}",
            b"{\"a\":1}x",
            b"trux",
            b"nulL",
            b"{\"a\":undefined}",
            b"{\"a\":\"\x01\"}",
            b"{\"a\":\"\t\"}",
            b"{\"a\n\":1}",
            b"{1:2}",
            b"{\"a\":1]",
            b"[1}",
            b"\x00",
            b"/*c*/{}",
            b"{\"a\":+1}",
            b"{\"a\":1}\x00",
            b"{\"a\":tRue}",
        ] {
            assert_eq!(
                error(body),
                JsonErrorKind::Syntax,
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn duplicate_keys_keep_the_last() {
        let f = fields(br#"{"activity":"A","activity":"B","contract_id":1,"contract_id":"x"}"#);
        assert_eq!(f.activity, Scalar::Str(Text::Span(28, 29)));
        assert_eq!(f.contract_id, Scalar::Str(Text::Span(62, 63)));
        // A later non-object resets what an earlier object gave.
        let f = fields(br#"{"activity_data":{"timestamp":"t"},"activity_data":1}"#);
        assert_eq!(f.activity_data, ActivityData::default());
        let f = fields(br#"{"counterparties":[{"type":"A"}],"counterparties":[{"type":"B"}]}"#);
        assert_eq!(f.counterparties.len(), 1);
    }

    #[test]
    fn error_positions_are_serde_jsons() {
        let e = read(b"{\n  \"a\": 1,\n  \"b\": x\n}").unwrap_err();
        assert_eq!((e.kind, e.line, e.column), (JsonErrorKind::Syntax, 3, 8));
        assert_eq!(read(b"").unwrap_err().column, 0);
        agreed(b"{\n\"a\":\"ok\xc3\xa9\xff\"}").unwrap_err();
    }

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "[a-z@. \"\\\\\u{1}\u{e9}\u{1F600}\u{7f}-]{0,8}".prop_map(Value::String),
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
                "\u{e9}\"",
            ]);
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((key, inner), 0..6).prop_map(|kv| Value::Object(
                    kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }

    /// Rewrites some characters of a JSON text as `\u` escapes (keys and
    /// strings alike), so escaped keys and kept strings are exercised.
    fn escape_some(text: &str, every: usize) -> String {
        let mut out = String::new();
        let mut in_string = false;
        let mut escaped = false;
        for (n, ch) in text.chars().enumerate() {
            if in_string && !escaped && ch != '"' && ch != '\\' && n % every == 0 {
                let mut units = [0u16; 2];
                for unit in ch.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
                continue;
            }
            if ch == '"' && !(in_string && escaped) {
                in_string = !in_string;
            }
            escaped = in_string && !escaped && ch == '\\';
            out.push(ch);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn never_disagrees_with_serde(value in any_json(), pretty in any::<bool>(),
                                      escape in prop::option::of(1usize..6),
                                      edit in any::<Option<(usize, u8, bool)>>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let text = escape.map_or(text.clone(), |every| escape_some(&text, every));
            let mut body = text.into_bytes();
            if let Some((at, byte, insert)) = edit {
                let at = at % (body.len() + 1);
                if insert || at == body.len() {
                    body.insert(at, byte);
                } else {
                    body[at] = byte;
                }
            }
            let _ = agreed(&body);
            // Also as a top-level object, where the fields are read.
            let wrapped = [b"{\"activity_data\":".as_slice(), &body, b",\"counterparties\":", &body, b"}"].concat();
            let _ = agreed(&wrapped);
            let wrapped = [b"{\"external_metadata\":{\"id\":".as_slice(), &body, b"},\"activity\":", &body, b"}"].concat();
            let _ = agreed(&wrapped);
        }

        #[test]
        fn never_disagrees_on_any_bytes(body in prop::collection::vec(
            prop::sample::select(b"{}[]\",:\\u0123456789abcdefEnrtl.+- \n\xc3\xa9\xff".to_vec()), 0..40)) {
            let _ = agreed(&body);
            let _ = agreed(&[b"{\"activity\":".as_slice(), &body].concat());
        }

        #[test]
        fn never_disagrees_on_numbers(text in "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,12})?") {
            let _ = agreed(format!("{{\"contract_id\":{text},\"x\":[{text}]}}").as_bytes());
        }
    }
}
