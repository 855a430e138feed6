//! Structured logs: one JSON object per line on stdout, built from the
//! core's [`LogRecord`] (which holds no secret and no personal data) plus
//! the receiver's own fields (status, job id, processing result).

use std::io::Write as _;

use serde_json::{Map, Value};
use spotdraft_kit::{LogRecord, LogValue};

use crate::clock;

/// A log line under construction.
pub struct Line {
    fields: Map<String, Value>,
}

impl Line {
    /// A line with a timestamp, a level and an event name.
    pub fn new(level: &str, event: &str) -> Self {
        let mut fields = Map::new();
        fields.insert("ts".into(), clock::format_ms(clock::now_ms()).into());
        fields.insert("level".into(), level.into());
        fields.insert("event".into(), event.into());
        Line { fields }
    }

    /// Adds every field of a core log record.
    pub fn record(mut self, record: &LogRecord) -> Self {
        for (name, value) in record.fields() {
            let v = match value {
                LogValue::Str(s) => Value::from(s.as_str()),
                LogValue::Int(i) => Value::from(*i),
                LogValue::Bool(b) => Value::from(*b),
            };
            self.fields.insert((*name).to_owned(), v);
        }
        self
    }

    /// Adds one field.
    pub fn field(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(name.to_owned(), value.into());
        self
    }

    /// Adds a field when present.
    pub fn opt(self, name: &str, value: Option<impl Into<Value>>) -> Self {
        match value {
            Some(v) => self.field(name, v),
            None => self,
        }
    }

    /// Writes the line to stdout (one `write` call, so lines never interleave).
    pub fn emit(self) {
        Line::emit_all([self]);
    }

    /// Writes lines to stdout in one `write` call (a worker's batch).
    pub fn emit_all(lines: impl IntoIterator<Item = Line>) {
        let mut text = String::new();
        for line in lines {
            text.push_str(&Value::Object(line.fields).to_string());
            text.push('\n');
        }
        if text.is_empty() {
            return;
        }
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
}
