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

mod fields;
mod number;
mod value;
pub(crate) use value::parse_value;

use crate::event_fields::{Scalar, Text, TopLevel};

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
    let mut s = Scanner::new(body);
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

impl<'b> Scanner<'b> {
    fn new(b: &'b [u8]) -> Scanner<'b> {
        Scanner {
            b,
            i: 0,
            depth: 0,
            // Valid UTF-8 throughout (the common case) spares checking each
            // string; else each string is checked where serde_json checks it.
            utf8: std::str::from_utf8(b).is_ok(),
            scratch: Vec::new(),
        }
    }

    /// After the top-level value: only whitespace.
    fn end(&mut self) -> Step<()> {
        match self.ws() {
            Some(_) => Err(self.peek_error(JsonErrorKind::Syntax)),
            None => Ok(()),
        }
    }

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

    /// A value's first byte, after whitespace; the error for end of input.
    fn value_start(&mut self) -> Step<u8> {
        match self.ws() {
            Some(c) => Ok(c),
            None => Err(self.peek_error(JsonErrorKind::Eof)),
        }
    }

    /// Skips whitespace; the next byte, if any. (The index is kept in a
    /// local: the loop then does not store it at every byte.)
    fn ws(&mut self) -> Option<u8> {
        let b = self.b;
        let mut i = self.i;
        while let Some(&c) = b.get(i) {
            match c {
                b' ' | b'\n' | b'\r' | b'\t' => i += 1,
                _ => {
                    self.i = i;
                    return Some(c);
                }
            }
        }
        self.i = i;
        None
    }

    /// Skips the string bytes that need no attention: everything but a
    /// quote, a backslash and a control character; eight at a time.
    /// (Inlined natively, where that is faster; one copy in WebAssembly,
    /// where the copies cost the verifier-only module 200 bytes gzipped.)
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn string_run(&mut self) {
        const ONES: u64 = u64::MAX / 255;
        let b = self.b;
        let mut i = self.i;
        while let Some(chunk) = b.get(i..i + 8) {
            let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let v = u64::from_le_bytes(bytes);
            let quote = v ^ (ONES * u64::from(b'"'));
            let backslash = v ^ (ONES * u64::from(b'\\'));
            // The high bit of each byte that is below 0x20, a quote or a
            // backslash (exact for the lowest such byte, where this stops).
            let hits = (v.wrapping_sub(ONES * 0x20) & !v
                | quote.wrapping_sub(ONES) & !quote
                | backslash.wrapping_sub(ONES) & !backslash)
                & (ONES << 7);
            if hits != 0 {
                self.i = i + (hits.trailing_zeros() / 8) as usize;
                return;
            }
            i += 8;
        }
        self.i = i;
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
    #[inline(always)]
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

    /// `true`, `false` or `null`, at its first byte.
    fn literal(&mut self, first: u8) -> Step<()> {
        self.i += 1;
        let rest: &[u8] = match first {
            b't' => b"rue",
            b'f' => b"alse",
            _ => b"ull",
        };
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
    #[inline(always)]
    fn number(&mut self, keep: bool) -> Step<Num> {
        // The common case inline: a short non-negative integer.
        let rest = self.b.get(self.i..).unwrap_or_default();
        let digits = rest
            .iter()
            .take(19)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if (1..19).contains(&digits)
            && (digits == 1 || rest[0] != b'0')
            && !matches!(rest.get(digits), Some(b'0'..=b'9' | b'.' | b'e' | b'E'))
        {
            let n = rest[..digits]
                .iter()
                .fold(0i64, |n, &c| n * 10 + i64::from(c - b'0'));
            self.i += digits;
            return Ok(Num::Int(n));
        }
        self.any_number(keep)
    }

    /// Any number (see [`Scanner::number`]).
    #[inline(never)]
    fn any_number(&mut self, keep: bool) -> Step<Num> {
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
        // serde_json reads every other number as its nearest f64 and
        // refuses an infinite one; a kept one is its text until the
        // payload is read (`number::settle`).
        if number::is_infinite(&self.b[start..self.i]) {
            return Err(self.error(JsonErrorKind::Syntax));
        }
        Ok(if keep { Num::Float } else { Num::Unread })
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
        self.object_dyn(&mut each)
    }

    /// [`Scanner::object`]'s loop, once for every object shape: generic,
    /// it was inlined into each (1.3 KB of the verifier-only wasm module
    /// gzipped), and the call through `dyn` costs fewer instructions per
    /// `open` than those copies did.
    fn object_dyn(&mut self, each: &mut dyn FnMut(&mut Self, &[u8]) -> Step<()>) -> Step<()> {
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
        self.array_dyn(&mut each)
    }

    /// [`Scanner::array`]'s loop, once (as `object_dyn`).
    fn array_dyn(&mut self, each: &mut dyn FnMut(&mut Self) -> Step<()>) -> Step<()> {
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
        Ok(match self.value_start()? {
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
            c @ (b't' | b'f') => {
                self.literal(c)?;
                Scalar::Other("boolean")
            }
            b'n' => {
                self.literal(b'n')?;
                Scalar::Other("null")
            }
            b'-' | b'0'..=b'9' => {
                let start = self.i;
                match self.number(keep)? {
                    Num::Int(i) => Scalar::Int(i),
                    Num::Big(_) | Num::Float => Scalar::OtherNumber(
                        String::from_utf8_lossy(&self.b[start..self.i]).into_owned(),
                    ),
                    Num::Unread => Scalar::Absent,
                }
            }
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
}

/// A number as serde_json reads it.
enum Num {
    /// An integer that fits an `i64`.
    Int(i64),
    /// A positive integer past `i64::MAX` that fits a `u64`.
    Big(u64),
    /// Any other number (its nearest `f64`), at its text.
    Float,
    /// Validated, not read (a skipped number).
    Unread,
}

/// A plain integer's value as serde_json reads it: `-0` and anything
/// below `i64::MIN` or past `u64::MAX` are floats (`None`).
fn integer(digits: &[u8], negative: bool) -> Option<Num> {
    let mut n = 0u64;
    for &c in digits {
        n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    if !negative {
        return Some(i64::try_from(n).map_or(Num::Big(n), Num::Int));
    }
    match n {
        0 => None,
        n if n <= 1 << 63 => Some(Num::Int((n as i64).wrapping_neg())),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
