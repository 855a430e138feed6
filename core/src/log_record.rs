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
                LogValue::Str(s) => out.push_str(&serde_json::Value::from(s.as_str()).to_string()),
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
