//! Checks a JSON value against a request body's JSON schema (the subset
//! SpotDraft's schema uses): `type` (with `null`), `enum`, `const`,
//! `properties`, `required`, `items`, `additionalProperties`, `anyOf` /
//! `oneOf` / `allOf`, string and list lengths, number bounds, `pattern`
//! (`^[class]+$` or a `^prefix`) and the `date-time` / `date` formats.
//! Unknown extra fields pass, because SpotDraft adds fields. Errors name
//! the field path (`counter_party_details[0].email`), never the value.

use serde_json::Value;

use crate::error::{Error, ErrorCode, Result};

/// Checks `value` against `schema`; `path` names the value in errors.
pub(crate) fn check(schema: &Value, value: &Value, path: &str) -> Result<()> {
    let Some(rules) = schema.as_object() else {
        return Ok(());
    };
    if let Some(types) = rules.get("type") {
        let ok = match types {
            Value::String(t) => is_type(value, t),
            Value::Array(ts) => ts
                .iter()
                .filter_map(Value::as_str)
                .any(|t| is_type(value, t)),
            _ => true,
        };
        if !ok {
            return Err(invalid(path, &format!("must be {}", type_words(types))));
        }
    }
    if let Some(Value::Array(allowed)) = rules.get("enum") {
        if !allowed.contains(value) {
            return Err(invalid(
                path,
                &format!("must be one of {}", listing(allowed)),
            ));
        }
    }
    if let Some(constant) = rules.get("const") {
        if constant != value {
            return Err(invalid(path, &format!("must be {constant}")));
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(branches)) = rules.get(key) {
            any_of(branches, value, path)?;
        }
    }
    if let Some(Value::Array(branches)) = rules.get("allOf") {
        for branch in branches {
            check(branch, value, path)?;
        }
    }
    match value {
        Value::Object(fields) => {
            if let Some(Value::Array(required)) = rules.get("required") {
                for name in required.iter().filter_map(Value::as_str) {
                    if !fields.contains_key(name) {
                        return Err(invalid(&join(path, name), "is required"));
                    }
                }
            }
            let properties = rules.get("properties").and_then(Value::as_object);
            for (name, field) in fields {
                match properties.and_then(|p| p.get(name)) {
                    Some(sub) => check(sub, field, &join(path, name))?,
                    None => match rules.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            return Err(invalid(&join(path, name), "is not a known field"))
                        }
                        Some(sub @ Value::Object(_)) => check(sub, field, &join(path, name))?,
                        _ => {}
                    },
                }
            }
        }
        Value::Array(items) => {
            bounds(rules, "minItems", "maxItems", items.len(), path, "items")?;
            if let Some(sub) = rules.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(sub, item, &format!("{path}[{i}]"))?;
                }
            }
        }
        Value::String(text) => {
            let chars = text.chars().count();
            bounds(rules, "minLength", "maxLength", chars, path, "characters")?;
            if let Some(pattern) = rules.get("pattern").and_then(Value::as_str) {
                if !matches_pattern(pattern, text) {
                    return Err(invalid(path, &format!("must match {pattern}")));
                }
            }
            match rules.get("format").and_then(Value::as_str) {
                Some("date-time") if !is_iso_datetime(text) => {
                    return Err(invalid(path, "must be an ISO-8601 date-time"))
                }
                Some("date") if !is_iso_date(text) => {
                    return Err(invalid(path, "must be an ISO-8601 date (YYYY-MM-DD)"))
                }
                _ => {}
            }
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            if rules
                .get("minimum")
                .and_then(Value::as_f64)
                .is_some_and(|m| x < m)
            {
                return Err(invalid(path, "is below the minimum"));
            }
            if rules
                .get("maximum")
                .and_then(Value::as_f64)
                .is_some_and(|m| x > m)
            {
                return Err(invalid(path, "is above the maximum"));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Passes when one branch passes; otherwise reports the branch that fits
/// the value's type best (so `anyOf [X, null]` reports X's error).
fn any_of(branches: &[Value], value: &Value, path: &str) -> Result<()> {
    let mut first_error = None;
    let mut typed_error = None;
    for branch in branches {
        match check(branch, value, path) {
            Ok(()) => return Ok(()),
            Err(err) => {
                let typed = match branch.get("type") {
                    Some(Value::String(t)) => is_type(value, t),
                    _ => branch.get("enum").is_some(),
                };
                if typed && typed_error.is_none() {
                    typed_error = Some(err);
                } else if first_error.is_none() {
                    first_error = Some(err);
                }
            }
        }
    }
    Err(typed_error
        .or(first_error)
        .unwrap_or_else(|| invalid(path, "matches none of the allowed shapes")))
}

fn bounds(
    rules: &serde_json::Map<String, Value>,
    min: &str,
    max: &str,
    len: usize,
    path: &str,
    unit: &str,
) -> Result<()> {
    let len = len as u64;
    if let Some(m) = rules.get(min).and_then(Value::as_u64).filter(|m| len < *m) {
        return Err(invalid(path, &format!("needs at least {m} {unit}")));
    }
    if let Some(m) = rules.get(max).and_then(Value::as_u64).filter(|m| len > *m) {
        return Err(invalid(path, &format!("takes at most {m} {unit}")));
    }
    Ok(())
}

fn is_type(value: &Value, t: &str) -> bool {
    match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        _ => true,
    }
}

fn type_words(types: &Value) -> String {
    let word = |t: &str| match t {
        "object" => "an object",
        "array" => "a list",
        "string" => "a string",
        "boolean" => "a boolean",
        "null" => "null",
        "integer" => "an integer",
        "number" => "a number",
        _ => "of the documented type",
    };
    match types {
        Value::String(t) => word(t).to_owned(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(word)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "of the documented type".to_owned(),
    }
}

fn listing(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .collect::<Vec<_>>()
        .join(", ")
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

pub(crate) fn invalid(path: &str, why: &str) -> Error {
    let what = if path.is_empty() {
        "the request body"
    } else {
        path
    };
    Error::new(ErrorCode::InvalidArgument, format!("{what} {why}"))
}

/// The two pattern shapes SpotDraft's schema uses (the distiller refuses
/// any other): `^[class]+$` and a literal `^prefix`.
pub(crate) fn matches_pattern(pattern: &str, text: &str) -> bool {
    let Some(body) = pattern.strip_prefix('^') else {
        return false;
    };
    match body
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix("]+$"))
    {
        Some(class) => !text.is_empty() && text.chars().all(|c| in_class(class, c)),
        None => text.starts_with(body),
    }
}

/// Whether `c` is in a character class body like `HT\-0-9` or `0-9a-z\-`
/// (an escaped dash is literal; `a-z` is a range).
fn in_class(class: &str, c: char) -> bool {
    // Tokens: (char, escaped).
    let mut tokens = Vec::new();
    let mut it = class.chars();
    while let Some(ch) = it.next() {
        match ch {
            '\\' => tokens.push((it.next().unwrap_or('\\'), true)),
            _ => tokens.push((ch, false)),
        }
    }
    let mut i = 0;
    while i < tokens.len() {
        let (lo, _) = tokens[i];
        match (tokens.get(i + 1), tokens.get(i + 2)) {
            (Some(('-', false)), Some(&(hi, _))) => {
                if (lo..=hi).contains(&c) {
                    return true;
                }
                i += 3;
            }
            _ => {
                if lo == c {
                    return true;
                }
                i += 1;
            }
        }
    }
    false
}

/// `YYYY-MM-DD`.
pub(crate) fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
        && (1..=12).contains(&two(&b[5..7]))
        && (1..=31).contains(&two(&b[8..10]))
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
pub(crate) fn is_iso_datetime(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 20 || !text.get(..10).is_some_and(is_iso_date) || !matches!(b[10], b'T' | b't') {
        return false;
    }
    let time = &b[11..];
    let clock = time.len() >= 8
        && time[2] == b':'
        && time[5] == b':'
        && [0, 1, 3, 4, 6, 7].iter().all(|&i| time[i].is_ascii_digit())
        && two(&time[0..2]) < 24
        && two(&time[3..5]) < 60
        && two(&time[6..8]) < 61;
    if !clock {
        return false;
    }
    let mut rest = &time[8..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let digits = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = &frac[digits..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
                && two(&[*h1, *h2]) < 24
                && two(&[*m1, *m2]) < 60
        }
        _ => false,
    }
}

fn two(b: &[u8]) -> u32 {
    b.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patterns() {
        assert!(matches_pattern("^[HT\\-0-9]+$", "T-123"));
        assert!(!matches_pattern("^[HT\\-0-9]+$", "X-1"));
        assert!(!matches_pattern("^[HT\\-0-9]+$", ""));
        assert!(matches_pattern("^[0-9a-z\\-]+$", "ab-12"));
        assert!(!matches_pattern("^[0-9a-z\\-]+$", "AB"));
        assert!(matches_pattern("^[0-9]+$", "42"));
        assert!(!matches_pattern("^[0-9]+$", "4 2"));
        assert!(matches_pattern("^https://", "https://x"));
        assert!(!matches_pattern("^https://", "http://x"));
    }

    #[test]
    fn dates() {
        assert!(is_iso_datetime("2026-01-02T03:04:05Z"));
        assert!(is_iso_datetime("2026-01-02T03:04:05.123+05:30"));
        assert!(!is_iso_datetime("2026-01-02 03:04:05Z"));
        assert!(!is_iso_datetime("2026-13-02T03:04:05Z"));
        assert!(!is_iso_datetime("2026-01-02T03:04:05"));
        assert!(is_iso_date("2026-01-02"));
        assert!(!is_iso_date("2026-1-02"));
        assert!(!is_iso_datetime("2026-01-0é03:04:05.000Z"));
        assert!(!is_iso_date("2026-01-0é"));
    }

    #[test]
    fn paths_name_the_field() {
        let schema = json!({"type": "object", "required": ["a"], "properties": {
            "a": {"type": "array", "items": {"type": "object", "required": ["email"],
                  "properties": {"email": {"type": "string"}, "kind": {"enum": ["X", "Y"]}}}}}});
        let err = check(&schema, &json!({"a": [{"email": "e"}, {}]}), "").unwrap_err();
        assert_eq!(err.message(), "a[1].email is required");
        let err = check(&schema, &json!({"a": [{"email": 3}]}), "").unwrap_err();
        assert_eq!(err.message(), "a[0].email must be a string");
        let err = check(&schema, &json!({"a": [{"email": "e", "kind": "Z"}]}), "").unwrap_err();
        assert_eq!(err.message(), "a[0].kind must be one of X, Y");
        assert!(check(&schema, &json!({"a": [], "extra": {"any": 1}}), "").is_ok());
        let err = check(&schema, &json!([1]), "").unwrap_err();
        assert_eq!(err.message(), "the request body must be an object");
    }

    #[test]
    fn nullable_any_of_reports_the_typed_branch() {
        let schema = json!({"anyOf": [{"type": "string", "enum": ["PDF"]}, {"type": "null"}]});
        assert!(check(&schema, &Value::Null, "format").is_ok());
        let err = check(&schema, &json!("pdf"), "format").unwrap_err();
        assert_eq!(err.message(), "format must be one of PDF");
    }
}
