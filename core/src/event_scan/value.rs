//! The whole payload as a [`serde_json::Value`], read by the event
//! reader's grammar (so the same bytes are accepted, with the same errors),
//! for [`crate::Event::payload`] and the diagnosis. Built here rather than
//! by serde_json's deserializer, which a module that only verifies need
//! not carry.

use serde_json::{Map, Number, Value};

use super::{position, JsonError, JsonErrorKind, Num, Scanner, Step, Text};

/// Parses JSON text into a [`Value`], exactly as `serde_json::from_slice`
/// would (keys in the order sent; a repeated key keeps its first place and
/// its last value).
pub(crate) fn parse_value(body: &[u8]) -> Result<Value, JsonError> {
    let mut s = Scanner::new(body);
    let value = s.tree().and_then(|v| s.end().map(|()| v));
    value.map_err(|f| position(body, f))
}

impl Scanner<'_> {
    fn tree(&mut self) -> Step<Value> {
        let c = self.value_start()?;
        Ok(match c {
            b'"' => {
                self.i += 1;
                Value::String(match self.text_value()? {
                    Text::Span(start, end) => String::from_utf8_lossy(&self.b[start..end]).into(),
                    Text::Owned(text) => text.into(),
                })
            }
            b'{' => {
                let mut map = Map::new();
                self.object(|s, key| {
                    let value = s.tree()?;
                    map.insert(String::from_utf8_lossy(key).into_owned(), value);
                    Ok(())
                })?;
                Value::Object(map)
            }
            b'[' => {
                let mut items = Vec::new();
                self.array(|s| {
                    items.push(s.tree()?);
                    Ok(())
                })?;
                Value::Array(items)
            }
            b't' | b'f' => {
                self.literal(c)?;
                Value::Bool(c == b't')
            }
            b'n' => {
                self.literal(c)?;
                Value::Null
            }
            b'-' | b'0'..=b'9' => {
                let start = self.i;
                match self.number(true)? {
                    Num::Int(i) => Value::from(i),
                    Num::Big(n) => Value::from(n),
                    Num::Float => std::str::from_utf8(&self.b[start..self.i])
                        .ok()
                        .and_then(|text| text.parse::<f64>().ok())
                        .and_then(Number::from_f64)
                        .map_or(Value::Null, Value::Number),
                    Num::Unread => Value::Null,
                }
            }
            _ => return Err(self.peek_error(JsonErrorKind::Syntax)),
        })
    }
}
