//! Structured logs: one JSON object per line on stdout, built from the
//! core's [`LogRecord`] (which holds no secret and no personal data) plus
//! the receiver's own fields (status, job id, processing result).

use std::io::Write as _;

use serde_json::Value;
use spotdraft_kit::{LogRecord, LogValue};

use crate::clock;

/// A log line under construction: its fields in order, each name once (a
/// field added again replaces the value in place). Written straight to
/// text, with no JSON map in between: the receiver logs every delivery.
pub struct Line {
    fields: Vec<(&'static str, Value)>,
}

impl Line {
    /// A line with a timestamp, a level and an event name.
    pub fn new(level: &str, event: &str) -> Self {
        let mut fields = Vec::with_capacity(20);
        fields.push(("ts", clock::format_ms(clock::now_ms()).into()));
        fields.push(("level", level.into()));
        fields.push(("event", event.into()));
        Line { fields }
    }

    fn set(&mut self, name: &'static str, value: Value) {
        match self.fields.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.fields.push((name, value)),
        }
    }

    /// Adds every field of a core log record.
    pub fn record(mut self, record: &LogRecord) -> Self {
        for (name, value) in record.fields() {
            let v = match value {
                LogValue::Str(s) => Value::from(s.as_str()),
                LogValue::Int(i) => Value::from(*i),
                LogValue::Bool(b) => Value::from(*b),
            };
            self.set(name, v);
        }
        self
    }

    /// Adds one field.
    pub fn field(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.set(name, value.into());
        self
    }

    /// Adds a field when present.
    pub fn opt(self, name: &'static str, value: Option<impl Into<Value>>) -> Self {
        match value {
            Some(v) => self.field(name, v),
            None => self,
        }
    }

    /// Appends the line, as one JSON object and a newline, to `out`.
    fn write_to(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        for (i, (name, value)) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Writing JSON into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *out, name);
            out.push(b':');
            let _ = serde_json::to_writer(&mut *out, value);
        }
        out.extend_from_slice(b"}\n");
    }

    /// Writes the line to stdout (one `write` call, so lines never interleave).
    pub fn emit(self) {
        Line::emit_all([self]);
    }

    /// Writes lines to stdout in one `write` call (a worker's batch).
    pub fn emit_all(lines: impl IntoIterator<Item = Line>) {
        let mut text = Vec::with_capacity(512);
        for line in lines {
            line.write_to(&mut text);
        }
        if text.is_empty() {
            return;
        }
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&text);
        let _ = out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        let mut out = Vec::new();
        line.write_to(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_in_order_each_name_once_escaped() {
        let line = Line::new("info", "x")
            .field("a", 1)
            .field("b", "q\"uote\n")
            .opt("none", None::<i64>)
            .field("a", 2);
        let out = text(&line);
        assert!(out.ends_with("}\n"));
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 5);
        assert_eq!(
            (v["a"].as_i64(), v["b"].as_str()),
            (Some(2), Some("q\"uote\n"))
        );
        assert_eq!(out.matches("\"a\":").count(), 1);
        let at = |name: &str| out.find(&format!("\"{name}\":")).unwrap();
        assert!(at("ts") < at("level") && at("level") < at("event"));
        assert!(at("event") < at("a") && at("a") < at("b"), "{out}");
    }
}
