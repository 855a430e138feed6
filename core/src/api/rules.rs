//! Rules SpotDraft documents beyond its OpenAPI schema, checked by
//! [`Api::call`](super::Api::call) after the schema check, so every runtime
//! gets them through the one entry point (SPOTDRAFT.md, "Webhook
//! endpoints"): a webhook URL is https (SpotDraft delivers only over
//! HTTPS), a webhook listens to at least one activity, and a re-trigger
//! names at least one contract, each a positive id.

use serde_json::Value;

use crate::error::{Error, ErrorCode, Result};

/// Checks `body` of the operation `name` against the rules the schema does
/// not hold.
///
/// ```
/// use serde_json::json;
/// use spotdraft_kit::api::{Api, ApiConfig, Region};
/// let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
/// let hook = |url: &str, acts: serde_json::Value| api.call("webhooks_create",
///     &json!({"body": {"title": "t", "url": url, "only_for_activities": acts}}));
/// assert!(hook("https://hooks.example.com/sd", json!(["CONTRACT_SIGNED"])).is_ok());
/// assert!(hook("http://hooks.example.com/sd", json!(["CONTRACT_SIGNED"])).is_err());
/// assert!(hook("https://hooks.example.com/sd", json!([])).is_err());
/// let again = |ids: serde_json::Value| api.call("contracts_webhooks_re_trigger_latest_create",
///     &json!({"body": {"contract_ids": ids}}));
/// assert_eq!(again(json!([])).unwrap_err().code().as_str(), "invalid_id");
/// assert_eq!(again(json!([4, 0])).unwrap_err().code().as_str(), "invalid_id");
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub(crate) fn check(name: &str, body: &Value) -> Result<()> {
    match name {
        "webhooks_create" => {
            if let Some(url) = body.get("url").and_then(Value::as_str) {
                check_https_url(url)?;
            }
            let none = body
                .get("only_for_activities")
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty);
            if none {
                return Err(Error::new(
                    ErrorCode::InvalidArgument,
                    "only_for_activities: a webhook needs at least one activity",
                ));
            }
            Ok(())
        }
        "contracts_webhooks_re_trigger_latest_create" => {
            let ids = body.get("contract_ids").and_then(Value::as_array);
            let positive = |v: &Value| v.as_u64().is_some_and(|n| n > 0);
            if ids.is_some_and(|ids| ids.is_empty() || !ids.iter().all(positive)) {
                return Err(Error::new(
                    ErrorCode::InvalidId,
                    "contract_ids must be non-empty positive integers",
                ));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// An `https://` URL with a host and no whitespace.
fn check_https_url(url: &str) -> Result<()> {
    let host = url
        .strip_prefix("https://")
        .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    if host.is_some_and(|h| !h.is_empty() && !h.contains('@')) && !url.contains(char::is_whitespace)
    {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::InvalidArgument,
        "url: a webhook url must be an https:// URL (SpotDraft delivers only over HTTPS)",
    ))
}
