//! [`LogRecord`]: the flat, ordered map of what to log about a delivery
//! or an API call. A leaf module: every other part logs through it, and it
//! depends on none of them.

use std::fmt::Write as _;

/// A value in a [`LogRecord`].
///
/// ```
/// assert_eq!(spotdraft_kit::LogValue::Int(3).to_string(), "3");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogValue {
    /// Text.
    Str(String),
    /// An integer.
    Int(i64),
    /// A flag.
    Bool(bool),
}

impl std::fmt::Display for LogValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LogValue::Str(s) => f.write_str(s),
            LogValue::Int(i) => write!(f, "{i}"),
            LogValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// A flat, ordered map of what SpotDraft says to log about a delivery:
/// outcome, activity, contract id, external id, dedupe key, body hash and
/// length, signature result and key. Never a key, a signature, the body, a
/// name or an email.
///
/// ```
/// use spotdraft_kit::{sign, HmacKey, Verifier};
/// let key = HmacKey::from_base64("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")?;
/// let body = br#"{"activity":"CONTRACT_CREATED","contract_id":5}"#;
/// let headers = [("x-sd-webhook-content-hash", sign(&key, body))];
/// let delivery = Verifier::new(vec![key])?.open(&headers, body)?;
/// let record = delivery.log_record();
/// assert_eq!(record.get("outcome").unwrap().to_string(), "accepted");
/// assert_eq!(record.get("contract_id").unwrap().to_string(), "5");
/// assert!(record.to_json().starts_with(r#"{"outcome":"accepted""#));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogRecord {
    fields: Vec<(&'static str, LogValue)>,
}

impl LogRecord {
    pub(crate) fn push(&mut self, name: &'static str, value: LogValue) {
        self.fields.push((name, value));
    }

    pub(crate) fn push_str(&mut self, name: &'static str, value: impl Into<String>) {
        self.push(name, LogValue::Str(value.into()));
    }

    pub(crate) fn push_int(&mut self, name: &'static str, value: i64) {
        self.push(name, LogValue::Int(value));
    }

    /// The fields, in a stable order.
    ///
    /// ```
    /// assert!(spotdraft_kit::LogRecord::default().fields().is_empty());
    /// ```
    pub fn fields(&self) -> &[(&'static str, LogValue)] {
        &self.fields
    }

    /// One field by name.
    ///
    /// ```
    /// assert!(spotdraft_kit::LogRecord::default().get("outcome").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<&LogValue> {
        self.fields.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// One JSON object on one line, for structured logs.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::LogRecord::default().to_json(), "{}");
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        for (i, (name, value)) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "\"{name}\":");
            match value {
                LogValue::Str(s) => push_json_string(&mut out, s),
                LogValue::Int(n) => {
                    let _ = write!(out, "{n}");
                }
                LogValue::Bool(b) => {
                    let _ = write!(out, "{b}");
                }
            }
        }
        out.push('}');
        out
    }
}

/// `text` as a JSON string, escaped exactly as serde_json writes one (`"`,
/// `\` and the control characters; the short escapes where JSON has them,
/// else `\u00XX`), without linking serde_json's writer into the
/// verifier-only wasm module.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::push_json_string;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut every: String = (0u32..0x80).filter_map(char::from_u32).collect();
        every.push_str("é☃𝄞\u{7f}\u{2028}");
        for text in [every.as_str(), "", "plain", "\"q\"", "a\\b", "\u{0}\u{1f}"] {
            let mut ours = String::new();
            push_json_string(&mut ours, text);
            assert_eq!(ours, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }
}
