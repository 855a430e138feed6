//! The bodies `diagnose` tries: what could have been signed before the
//! received body was altered in a common way.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use serde_json::Value;

use super::Cause;

/// Every body that could have been signed before the received one was
/// altered in a common way, most specific first: newlines, then re-encoded
/// bytes (exact transformations), then re-serialised JSON (which would also
/// explain, say, changed line endings in pretty-printed JSON).
pub(super) fn body_variants(body: &[u8]) -> Vec<(Cause, &'static str, Vec<u8>)> {
    let tagged = |cause: Cause, list: Vec<(&'static str, Vec<u8>)>| {
        list.into_iter().map(move |(v, bytes)| (cause, v, bytes))
    };
    tagged(Cause::TrailingNewline, newline_variants(body))
        .chain(tagged(Cause::BodyReencoded, reencoded(body)))
        .chain(tagged(Cause::BodyReserialized, reserialized(body)))
        .collect()
}

fn newline_variants(body: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = vec![
        ("append-lf", [body, b"\n"].concat()),
        ("append-crlf", [body, b"\r\n"].concat()),
    ];
    let stripped = body.trim_ascii_end();
    if stripped.len() != body.len() {
        out.push(("strip-trailing-whitespace", stripped.to_vec()));
    }
    out
}

/// The body before a proxy, a framework or a file transfer re-wrote its
/// bytes: line endings, a byte-order mark, leading whitespace, or the
/// character set.
fn reencoded(body: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    if let Some(rest) = body.strip_prefix(b"\xEF\xBB\xBF") {
        out.push(("bom-added", rest.to_vec()));
    }
    let start = body.trim_ascii_start();
    if start.len() != body.len() {
        out.push(("leading-whitespace-added", start.to_vec()));
    }
    if body.windows(2).any(|w| w == b"\r\n") {
        out.push(("lf-to-crlf", replace_crlf(body)));
    } else if body.contains(&b'\n') {
        let crlf = body.iter().fold(Vec::new(), |mut acc, &b| {
            if b == b'\n' {
                acc.push(b'\r');
            }
            acc.push(b);
            acc
        });
        out.push(("crlf-to-lf", crlf));
    }
    if !body.is_ascii() {
        match std::str::from_utf8(body) {
            // UTF-8 bytes read as Latin-1 and written back as UTF-8: undo it.
            Ok(text) => {
                let bytes: Option<Vec<u8>> = text
                    .chars()
                    .map(|c| u8::try_from(u32::from(c)).ok())
                    .collect();
                if let Some(bytes) = bytes {
                    out.push(("utf8-read-as-latin1", bytes));
                }
            }
            // Not UTF-8: the text was transcoded to Latin-1 after signing.
            Err(_) => {
                let text: String = body.iter().map(|&b| char::from(b)).collect();
                out.push(("transcoded-to-latin1", text.into_bytes()));
            }
        }
    }
    out
}

fn replace_crlf(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'\r' && body.get(i + 1) == Some(&b'\n') {
            i += 1;
        }
        out.push(body[i]);
        i += 1;
    }
    out
}

/// The common ways a framework writes parsed JSON back out.
fn reserialized(body: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let Ok(value) = crate::event_scan::parse_value(body) else {
        return Vec::new();
    };
    let sorted = sort_keys(&value);
    let mut out = Vec::new();
    for (name, v) in [("", &value), ("-sorted", &sorted)] {
        let variants: [(&'static str, Vec<u8>); 5] = [
            (
                pick(name, "compact", "compact-sorted"),
                write(v, CompactFormatter),
            ),
            (
                pick(name, "pretty-2", "pretty-2-sorted"),
                write(v, PrettyFormatter::with_indent(b"  ")),
            ),
            (
                pick(name, "pretty-4", "pretty-4-sorted"),
                write(v, PrettyFormatter::with_indent(b"    ")),
            ),
            (
                pick(name, "python", "python-sorted"),
                write(v, PythonFormatter { ascii: false }),
            ),
            (
                pick(name, "python-ascii", "python-ascii-sorted"),
                write(v, PythonFormatter { ascii: true }),
            ),
        ];
        out.extend(variants);
    }
    out.retain(|(_, bytes)| bytes.as_slice() != body);
    out
}

fn pick(suffix: &str, plain: &'static str, sorted: &'static str) -> &'static str {
    if suffix.is_empty() {
        plain
    } else {
        sorted
    }
}

fn sort_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sort_keys(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sort_keys).collect()),
        other => other.clone(),
    }
}

fn write<F: Formatter>(value: &Value, formatter: F) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    // Serialising a Value into a Vec cannot fail.
    let _ = value.serialize(&mut ser);
    out
}

/// Python's `json.dumps` default: `", "` and `": "` separators, and with
/// `ensure_ascii` non-ASCII escaped as `\uXXXX`.
struct PythonFormatter {
    ascii: bool,
}

impl Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !self.ascii {
            return w.write_all(fragment.as_bytes());
        }
        for c in fragment.chars() {
            if c.is_ascii() {
                w.write_all(&[c as u8])?;
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(w, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }
}
