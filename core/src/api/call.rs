//! [`Api::call`]: the one entry point that turns an operation name and its
//! parameters into an [`HttpRequest`], checked against the operation table.
//!
//! Parameters are one JSON object:
//! - each path, query and header parameter by its schema name
//!   (`composite_id`, `page`, `user-email`, `Enforce-User-Scoping`);
//! - `filters`: `{field: value}` (sent as `filter__field=value`, which
//!   means `$eq`) or `{field: {"$op": value}}` (sent as
//!   `filter__field[$op]=value`); `$in` takes a list, a comma inside a
//!   value is escaped `\,`; date fields take ISO-8601;
//! - `filter_custom`: `{name: value}` for `filter_custom__<name>`;
//! - `body`: the JSON request body, checked against the schema.

use serde_json::{Map, Value};

use super::config::ApiConfig;
use super::endpoints::{Api, USER_AGENT};
use super::operation::{AuthMode, Filter, FilterOp, Operation, Param, ParamIn, ValueType};
use super::path::percent_encode;
use super::request::HttpRequest;
use super::rules;
use super::schema::{self, is_iso_date, is_iso_datetime, matches_pattern};
use crate::error::{Error, ErrorCode, Result};

/// The clickthrough headers an operation with [`AuthMode::Clickwrap`] takes
/// as parameters.
const CLICKWRAP_HEADERS: [&str; 2] = ["clickwrap-id", "Origin"];
/// The longest single parameter value accepted.
const MAX_PARAM_LEN: usize = 4096;

impl Api {
    /// Builds the request for any operation of the table by name.
    ///
    /// ```
    /// use serde_json::json;
    /// use spotdraft_kit::api::{Api, ApiConfig, Method, Region};
    /// let api = Api::new(ApiConfig::new(Region::Us, "client-id", "client-secret")?);
    /// let req = api.call("contracts_status_void_create",
    ///     &json!({"composite_id": "T-12", "body": {"note": "duplicate"}}))?;
    /// assert_eq!(req.method, Method::Post);
    /// assert_eq!(req.url, "https://api.us.spotdraft.com/api/v2.1/public/contracts/T-12/status/void");
    ///
    /// let req = api.call("contracts_retrieve", &json!({"page": 1, "limit": 50,
    ///     "filters": {"last_updated_on": {"$gte": "2026-01-01T00:00:00Z"}}}))?;
    /// assert!(req.url.ends_with("/contracts/?limit=50&page=1&filter__last_updated_on[$gte]=2026-01-01T00%3A00%3A00Z"));
    ///
    /// let err = api.call("contracts_create", &json!({"body": {"contract_template_id": 3}})).unwrap_err();
    /// assert_eq!(err.code().as_str(), "invalid_argument");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn call(&self, operation: &str, params: &Value) -> Result<HttpRequest> {
        let op = Operation::find(operation).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidArgument,
                format!(
                    "{:?} is not a SpotDraft operation (see the operations list)",
                    clip(operation)
                ),
            )
        })?;
        self.call_operation(op, params)
    }

    /// [`Api::call`] for an operation already looked up (or one built by
    /// hand, in tests).
    ///
    /// ```
    /// use spotdraft_kit::api::{Api, ApiConfig, Operation, Region};
    /// let api = Api::new(ApiConfig::new(Region::In, "i", "s")?);
    /// let op = Operation::find("webhooks_hmac_key_get").unwrap();
    /// assert!(api.call_operation(op, &serde_json::Value::Null)?.url.ends_with("/webhooks/hmac_key/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn call_operation(&self, op: &'static Operation, params: &Value) -> Result<HttpRequest> {
        let empty = Map::new();
        let params = match params {
            Value::Null => &empty,
            Value::Object(map) => map,
            _ => return Err(argument(op, "parameters must be a JSON object")),
        };
        let clickwrap = op.auth.contains(&AuthMode::Clickwrap);
        for key in params.keys() {
            let known = op.param(key).is_some()
                || (key == "filters" && !op.filters.is_empty())
                || (key == "filter_custom" && op.custom_filter_prefix.is_some())
                || (key == "body" && op.body_schema.is_some())
                || (clickwrap && CLICKWRAP_HEADERS.contains(&key.as_str()));
            if !known {
                return Err(argument(
                    op,
                    &format!(
                        "takes no parameter {:?} (it takes: {})",
                        clip(key),
                        accepted(op)
                    ),
                ));
            }
        }
        let path = fill_path(op, params)?;
        let mut query = Vec::new();
        let mut headers = Vec::new();
        for p in op.params {
            let Some(value) = params.get(p.name) else {
                if p.required && p.location != ParamIn::Path {
                    return Err(argument(op, &format!("needs the parameter {}", p.name)));
                }
                continue;
            };
            match p.location {
                ParamIn::Path => {}
                ParamIn::Query => {
                    for text in param_texts(p, value)? {
                        query.push((p.name.to_owned(), percent_encode(&text)));
                    }
                }
                ParamIn::Header => {
                    let text = header_text(p.name, &param_text(p, value)?)?;
                    headers.push((p.name.to_ascii_lowercase(), text));
                }
            }
        }
        if let Some(filters) = params.get("filters") {
            filter_query(op, filters, &mut query)?;
        }
        if let (Some(custom), Some(prefix)) = (params.get("filter_custom"), op.custom_filter_prefix)
        {
            custom_filter_query(custom, prefix, &mut query)?;
        }
        if clickwrap {
            for name in CLICKWRAP_HEADERS {
                if let Some(value) = params.get(name) {
                    let text = value.as_str().ok_or_else(|| {
                        Error::new(
                            ErrorCode::InvalidArgument,
                            format!("{name} must be a string"),
                        )
                    })?;
                    headers.push((name.to_ascii_lowercase(), header_text(name, text)?));
                }
            }
        }
        let body = body_of(op, params.get("body"))?;
        let mut url = format!("{}{path}", self.config().base_url());
        for (i, (name, value)) in query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(value);
        }
        let mut all = vec![("accept".to_owned(), "application/json".to_owned())];
        all.extend(auth_headers(self.config(), op)?);
        for (name, value) in headers {
            // A `user-email` parameter replaces the config's.
            all.retain(|(k, _)| *k != name);
            all.push((name, value));
        }
        if body.is_some() {
            all.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        all.push(("user-agent".to_owned(), USER_AGENT.to_owned()));
        Ok(HttpRequest {
            method: op.method,
            url,
            headers: all,
            body,
            operation: op.name,
            environment: self.config().environment().to_owned(),
        })
    }
}

/// The credential headers for an operation: client credentials, or the
/// OAuth bearer token (plus `X-SD-Auth-Type: oauth-jwt` where the operation
/// accepts both, so SpotDraft reads the token as an OAuth JWT), or none for
/// anonymous and clickthrough routes.
fn auth_headers(config: &ApiConfig, op: &Operation) -> Result<Vec<(String, String)>> {
    let accepts = |mode| op.auth.contains(&mode);
    if let Some(token) = config.oauth_token() {
        if accepts(AuthMode::OAuth) {
            let mut headers = vec![("authorization".to_owned(), format!("Bearer {token}"))];
            if accepts(AuthMode::Client) {
                headers.push(("x-sd-auth-type".to_owned(), "oauth-jwt".to_owned()));
            }
            return Ok(headers);
        }
    } else if accepts(AuthMode::Client) {
        let mut headers = vec![
            ("client-id".to_owned(), config.client_id().to_owned()),
            (
                "client-secret".to_owned(),
                config.client_secret().to_owned(),
            ),
        ];
        if let Some(email) = config.user_email() {
            headers.push(("user-email".to_owned(), email.to_owned()));
        }
        return Ok(headers);
    }
    if accepts(AuthMode::Anonymous) || accepts(AuthMode::Clickwrap) {
        return Ok(Vec::new());
    }
    let wanted = if config.is_oauth() {
        "client-id and client-secret, not an OAuth token"
    } else {
        "an OAuth token"
    };
    Err(Error::new(
        ErrorCode::InvalidConfig,
        format!("{} needs {wanted}", op.name),
    ))
}

/// The path with each `{name}` replaced by its checked, percent-encoded
/// value, relative to the `/api/` base.
fn fill_path(op: &Operation, params: &Map<String, Value>) -> Result<String> {
    let template = op.path.strip_prefix("/api/").unwrap_or(op.path);
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map_or(rest.len(), |i| open + i);
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let p = op
            .param(name)
            .ok_or_else(|| argument(op, "has an undeclared path parameter"))?;
        let value = params
            .get(name)
            .ok_or_else(|| id_error(name, "is required"))?;
        let text = param_text(p, value)
            .map_err(|e| Error::new(ErrorCode::InvalidId, e.message().to_owned()))?;
        if text.is_empty() || text == "." || text == ".." {
            return Err(id_error(name, "must be a non-empty id"));
        }
        out.push_str(&percent_encode(&text));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    Ok(out)
}

/// The texts of a query parameter (several for a list).
fn param_texts(p: &Param, value: &Value) -> Result<Vec<String>> {
    if p.kind != ValueType::Array {
        return Ok(vec![param_text(p, value)?]);
    }
    let item = Param {
        kind: p.items.unwrap_or(ValueType::String),
        items: None,
        ..*p
    };
    match value {
        Value::Array(items) => items.iter().map(|v| param_text(&item, v)).collect(),
        single => Ok(vec![param_text(&item, single)?]),
    }
}

/// One parameter value as text, checked against its type, enum, pattern
/// and format.
fn param_text(p: &Param, value: &Value) -> Result<String> {
    let text = scalar_text(p.name, p.kind, p.format, value)?;
    if !p.enumeration.is_empty() && !p.enumeration.contains(&text.as_str()) {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            format!("{} must be one of {}", p.name, p.enumeration.join(", ")),
        ));
    }
    if let Some(pattern) = p.pattern {
        if !matches_pattern(pattern, &text) {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                format!("{} must match {pattern}", p.name),
            ));
        }
    }
    Ok(text)
}

/// A scalar as text: strings as they are, numbers and booleans written
/// out; strings are accepted for integers, numbers and booleans too
/// (`"2"`, `"true"`), so shells and query strings can pass them.
fn scalar_text(name: &str, kind: ValueType, format: Option<&str>, value: &Value) -> Result<String> {
    let bad = |what: &str| Error::new(ErrorCode::InvalidArgument, format!("{name} must be {what}"));
    let text = match (kind, value) {
        (_, Value::Array(_) | Value::Object(_) | Value::Null) => {
            return Err(bad(match kind {
                ValueType::Integer => "an integer",
                ValueType::Number => "a number",
                ValueType::Boolean => "a boolean",
                _ => "a string",
            }))
        }
        (ValueType::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
        (ValueType::Integer, Value::String(s))
            if !s.is_empty()
                && s.strip_prefix('-')
                    .unwrap_or(s)
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                && s != "-" =>
        {
            s.clone()
        }
        (ValueType::Integer, _) => return Err(bad("an integer")),
        (ValueType::Number, Value::Number(n)) => n.to_string(),
        (ValueType::Number, Value::String(s)) if s.parse::<f64>().is_ok_and(f64::is_finite) => {
            s.clone()
        }
        (ValueType::Number, _) => return Err(bad("a number")),
        (ValueType::Boolean, Value::Bool(b)) => b.to_string(),
        (ValueType::Boolean, Value::String(s)) if s == "true" || s == "false" => s.clone(),
        (ValueType::Boolean, _) => return Err(bad("a boolean")),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Bool(b)) => b.to_string(),
    };
    if text.len() > MAX_PARAM_LEN {
        return Err(bad(&format!("at most {MAX_PARAM_LEN} bytes")));
    }
    match format {
        Some("date-time") if !(is_iso_datetime(&text) || is_iso_date(&text)) => {
            Err(bad("an ISO-8601 date-time (2026-01-31T00:00:00Z) or date"))
        }
        _ => Ok(text),
    }
}

fn header_text(name: &str, text: &str) -> Result<String> {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Ok(text.to_owned())
    } else {
        Err(Error::new(
            ErrorCode::InvalidArgument,
            format!("{name} must be printable ASCII (it is sent as a header)"),
        ))
    }
}

/// `filters` -> `filter__field=value` / `filter__field[$op]=value` pairs,
/// in field order, operators in their documented order.
fn filter_query(op: &Operation, filters: &Value, query: &mut Vec<(String, String)>) -> Result<()> {
    let Value::Object(filters) = filters else {
        return Err(argument(
            op,
            "filters must be an object {field: value or {\"$op\": value}}",
        ));
    };
    let mut fields: Vec<_> = filters.iter().collect();
    fields.sort_by(|a, b| a.0.cmp(b.0));
    for (field, spec) in fields {
        let filter = op.filter(field).ok_or_else(|| {
            let known: Vec<_> = op.filters.iter().map(|f| f.field).collect();
            argument(
                op,
                &format!(
                    "has no filter {:?} (filters: {})",
                    clip(field),
                    known.join(", ")
                ),
            )
        })?;
        match spec {
            Value::Object(ops) => {
                let mut parsed = Vec::with_capacity(ops.len());
                for (name, value) in ops {
                    let fop = FilterOp::parse(name)
                        .filter(|o| filter.ops.contains(o))
                        .ok_or_else(|| bad_op(filter, name))?;
                    parsed.push((fop, value));
                }
                parsed.sort_by_key(|(o, _)| *o);
                for (fop, value) in parsed {
                    let text = filter_value(filter, fop, value)?;
                    query.push((
                        format!("filter__{field}[{}]", fop.as_str()),
                        percent_encode(&text),
                    ));
                }
            }
            value => {
                if !filter.ops.contains(&FilterOp::Eq) {
                    return Err(bad_op(filter, "$eq"));
                }
                let text = filter_value(filter, FilterOp::Eq, value)?;
                query.push((format!("filter__{field}"), percent_encode(&text)));
            }
        }
    }
    Ok(())
}

fn bad_op(filter: &Filter, name: &str) -> Error {
    let ops: Vec<_> = filter.ops.iter().map(|o| o.as_str()).collect();
    Error::new(
        ErrorCode::InvalidArgument,
        format!(
            "filter {} takes no operator {:?} (it takes {})",
            filter.field,
            clip(name),
            ops.join(" ")
        ),
    )
}

/// One filter value as text; `$in` joins a list with commas, escaping a
/// comma inside a value as `\,`.
fn filter_value(filter: &Filter, fop: FilterOp, value: &Value) -> Result<String> {
    let name = format!("filters.{}", filter.field);
    let one = |v: &Value| -> Result<String> {
        let text = scalar_text(&name, filter.kind, filter.format, v)?;
        if !filter.enumeration.is_empty() && !filter.enumeration.contains(&text.as_str()) {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                format!("{name} must be one of {}", filter.enumeration.join(", ")),
            ));
        }
        Ok(text)
    };
    match (fop, value) {
        (FilterOp::In, Value::Array(items)) if !items.is_empty() => {
            let texts: Result<Vec<_>> = items
                .iter()
                .map(|v| one(v).map(|t| t.replace(',', "\\,")))
                .collect();
            Ok(texts?.join(","))
        }
        (FilterOp::In, Value::Array(_)) => Err(Error::new(
            ErrorCode::InvalidArgument,
            format!("{name}[$in] needs at least one value"),
        )),
        (FilterOp::In, single) => Ok(one(single)?.replace(',', "\\,")),
        (_, single) => one(single),
    }
}

fn custom_filter_query(
    custom: &Value,
    prefix: &str,
    query: &mut Vec<(String, String)>,
) -> Result<()> {
    let Value::Object(fields) = custom else {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            "filter_custom must be an object {custom_field_name: value}",
        ));
    };
    for (name, value) in fields {
        let ident = !name.is_empty()
            && name.len() <= 128
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !ident {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "a custom filter name must be letters, digits or _",
            ));
        }
        let text = scalar_text(
            &format!("filter_custom.{name}"),
            ValueType::String,
            None,
            value,
        )?;
        query.push((format!("{prefix}{name}"), percent_encode(&text)));
    }
    Ok(())
}

/// The body, checked against the operation's schema and serialised.
fn body_of(op: &Operation, body: Option<&Value>) -> Result<Option<Vec<u8>>> {
    let Some(schema_text) = op.body_schema else {
        return Ok(None);
    };
    let Some(body) = body else {
        if op.body_required {
            return Err(argument(op, "needs a request body (the body parameter)"));
        }
        return Ok(None);
    };
    let schema: Value = serde_json::from_str(schema_text).map_err(|_| {
        Error::new(
            ErrorCode::InvalidArgument,
            "the operation table holds a bad schema",
        )
    })?;
    schema::check(&schema, body, "")?;
    rules::check(op.name, body)?;
    Ok(Some(body.to_string().into_bytes()))
}

fn accepted(op: &Operation) -> String {
    let mut names: Vec<&str> = op.params.iter().map(|p| p.name).collect();
    if !op.filters.is_empty() {
        names.push("filters");
    }
    if op.custom_filter_prefix.is_some() {
        names.push("filter_custom");
    }
    if op.body_schema.is_some() {
        names.push("body");
    }
    if op.auth.contains(&AuthMode::Clickwrap) {
        names.extend(CLICKWRAP_HEADERS);
    }
    if names.is_empty() {
        "nothing".to_owned()
    } else {
        names.join(", ")
    }
}

fn argument(op: &Operation, why: &str) -> Error {
    Error::new(ErrorCode::InvalidArgument, format!("{} {why}", op.name))
}

fn id_error(name: &str, why: &str) -> Error {
    Error::new(ErrorCode::InvalidId, format!("{name} {why}"))
}

/// A caller's name, shortened for an error message.
fn clip(text: &str) -> String {
    text.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Region;

    #[test]
    fn every_body_schema_parses() {
        for op in Operation::all() {
            if let Some(text) = op.body_schema {
                assert!(serde_json::from_str::<Value>(text).is_ok(), "{}", op.name);
            }
        }
    }

    #[test]
    fn hostile_parameters_never_panic() {
        let api = Api::new(ApiConfig::new(Region::Us, "i", "s").unwrap());
        let values = [
            Value::Null,
            serde_json::json!("é\u{0}/../\r\n?#&="),
            serde_json::json!("2026-01-0é03:04:05Z"),
            serde_json::json!(-1),
            serde_json::json!(1e300),
            serde_json::json!(u64::MAX),
            serde_json::json!([[[]]]),
            serde_json::json!({"$in": [], "$gte": {"x": 1}, "$": null}),
            serde_json::json!("x".repeat(5000)),
        ];
        for op in Operation::all() {
            for value in &values {
                let mut params = serde_json::Map::new();
                for p in op.params {
                    params.insert(p.name.to_owned(), value.clone());
                }
                let filters: serde_json::Map<String, Value> = op
                    .filters
                    .iter()
                    .map(|f| (f.field.to_owned(), value.clone()))
                    .collect();
                params.insert("filters".to_owned(), Value::Object(filters));
                params.insert("filter_custom".to_owned(), value.clone());
                params.insert("body".to_owned(), value.clone());
                let _ = api.call_operation(op, &Value::Object(params));
                let _ = op.next_page(value, value);
                let _ = op.first_page(value);
            }
        }
    }

    #[test]
    fn errors_never_echo_values() {
        let api = Api::new(ApiConfig::new(Region::Us, "i", "s").unwrap());
        let err = api
            .call(
                "contracts_status_retrieve",
                &serde_json::json!({"composite_id": "secret-name@example.com"}),
            )
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidId);
        assert!(!err.message().contains("secret-name"));
    }
}
