//! The webhook registry's rules, pure: what `create` persists, which ids
//! `delete` accepts, one URL per environment, and key-free rotation.
//!
//! SpotDraft has no endpoint that lists webhooks, so the integration must
//! persist the id that create returns and delete exactly that id ("deleting
//! the wrong webhook" is a documented failure), and UAT and production keep
//! separate receivers. The store itself is the runtime's; these functions
//! decide and plan [`PlannedCall`]s for the API layer's `call`.
//!
//! ```
//! use serde_json::json;
//! use spotdraft_kit::webhook_registry::{plan_create, plan_delete, WebhookRecord, WebhookSpec};
//!
//! let spec = WebhookSpec::new("Contracts to CRM", "https://hooks.example.com/spotdraft", &["CONTRACT_EXECUTED"], "production");
//! let call = plan_create(&[], &spec)?;
//! assert_eq!(call.operation, "webhooks_create");
//! // ... the runtime sends it; SpotDraft answers 201 with the webhook:
//! let record = WebhookRecord::from_created(&json!({"id": 31, "title": "Contracts to CRM",
//!     "url": "https://hooks.example.com/spotdraft", "only_for_activities": ["CONTRACT_EXECUTED"]}), "production")?;
//! assert_eq!(record.id, "31");
//! assert_eq!(plan_delete(&[record], "31", false)?.params, json!({"webhook_id": 31}));
//! assert!(plan_delete(&[], "31", false).is_err());
//! # Ok::<(), spotdraft_kit::Error>(())
//! ```

use serde_json::{json, Value};

use crate::error::{Error, ErrorCode, Result};
pub use crate::reconcile::PlannedCall;

/// The operation that registers a webhook (`POST webhooks/`).
///
/// ```
/// assert_eq!(spotdraft_kit::webhook_registry::WEBHOOK_CREATE_OPERATION, "webhooks_create");
/// ```
pub const WEBHOOK_CREATE_OPERATION: &str = "webhooks_create";
/// The operation that removes one (`DELETE webhooks/{webhook_id}`).
///
/// ```
/// assert_eq!(spotdraft_kit::webhook_registry::WEBHOOK_DELETE_OPERATION, "webhooks_destroy");
/// ```
pub const WEBHOOK_DELETE_OPERATION: &str = "webhooks_destroy";

/// What the registry persists for each webhook it created.
///
/// ```
/// let r = spotdraft_kit::webhook_registry::WebhookRecord::from_created(
///     &serde_json::json!({"id": 5, "title": "t", "url": "https://a.example/h", "only_for_activities": ["CONTRACT_SIGNED"]}), "uat")?;
/// assert_eq!((r.environment.as_str(), r.activities.len()), ("uat", 1));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookRecord {
    /// SpotDraft's webhook id, as text.
    pub id: String,
    /// The title given at create.
    pub title: String,
    /// The receiver URL.
    pub url: String,
    /// The activities it delivers (`only_for_activities`).
    pub activities: Vec<String>,
    /// The environment label of the workspace it is registered in.
    pub environment: String,
}

impl WebhookRecord {
    /// The record to persist from create's 201 response body.
    ///
    /// ```
    /// use spotdraft_kit::webhook_registry::WebhookRecord;
    /// assert!(WebhookRecord::from_created(&serde_json::json!({"title": "no id"}), "uat").is_err());
    /// ```
    pub fn from_created(response: &Value, environment: &str) -> Result<WebhookRecord> {
        let id = match response.get("id") {
            Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n > 0) => n.to_string(),
            Some(Value::String(s)) if is_webhook_id(s) => s.clone(),
            _ => return Err(argument("create's response has no webhook id")),
        };
        let text = |name: &str| {
            response
                .get(name)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| argument(format!("create's response has no {name}")))
        };
        let activities = response
            .get("only_for_activities")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Ok(WebhookRecord {
            id,
            title: text("title")?,
            url: text("url")?,
            activities,
            environment: environment.to_owned(),
        })
    }
}

/// A webhook to create: title, URL, activities, environment.
///
/// ```
/// let s = spotdraft_kit::webhook_registry::WebhookSpec::new("t", "https://a.example/h", &["CONTRACT_SIGNED"], "uat");
/// assert_eq!(s.activities, vec!["CONTRACT_SIGNED"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookSpec {
    /// The title.
    pub title: String,
    /// The receiver URL (https; http only for loopback hosts, in tests).
    pub url: String,
    /// The activities (at least one).
    pub activities: Vec<String>,
    /// The environment label.
    pub environment: String,
}

impl WebhookSpec {
    /// A spec from its four parts.
    ///
    /// ```
    /// let s = spotdraft_kit::webhook_registry::WebhookSpec::new("t", "https://a.example/h", &[], "production");
    /// assert!(s.activities.is_empty());
    /// ```
    pub fn new(title: &str, url: &str, activities: &[&str], environment: &str) -> WebhookSpec {
        WebhookSpec {
            title: title.to_owned(),
            url: url.to_owned(),
            activities: activities.iter().map(|a| (*a).to_owned()).collect(),
            environment: environment.to_owned(),
        }
    }
}

/// The create call for `spec`, refused when the spec is incomplete or its
/// URL is already registered in another environment.
///
/// ```
/// use spotdraft_kit::webhook_registry::{plan_create, WebhookRecord, WebhookSpec};
/// let uat = WebhookRecord { id: "1".into(), title: "t".into(), url: "https://hooks.example.com/sd/".into(),
///     activities: vec![], environment: "uat".into() };
/// let spec = WebhookSpec::new("t", "https://HOOKS.example.com/sd", &["CONTRACT_SIGNED"], "production");
/// assert_eq!(plan_create(&[uat], &spec).unwrap_err().code().as_str(), "invalid_config");
/// ```
pub fn plan_create(registry: &[WebhookRecord], spec: &WebhookSpec) -> Result<PlannedCall> {
    if spec.title.trim().is_empty() {
        return Err(argument("a webhook needs a title"));
    }
    if spec.activities.is_empty() || spec.activities.iter().any(|a| a.is_empty()) {
        return Err(argument("a webhook needs at least one activity"));
    }
    if spec.environment.trim().is_empty() {
        return Err(argument("a webhook needs an environment label"));
    }
    let url = normalized_url(&spec.url)?;
    let clash = registry.iter().find(|r| {
        r.environment != spec.environment && normalized_url(&r.url).ok().as_ref() == Some(&url)
    });
    if let Some(other) = clash {
        return Err(Error::new(
            ErrorCode::InvalidConfig,
            format!(
                "this URL is already registered in {:?} (webhook {}); UAT and production need separate receivers",
                other.environment, other.id
            ),
        ));
    }
    Ok(PlannedCall {
        operation: WEBHOOK_CREATE_OPERATION,
        params: json!({"body": {
            "title": spec.title,
            "url": spec.url,
            "only_for_activities": spec.activities,
        }}),
    })
}

/// Every URL the registry holds in more than one environment, with the
/// environments (sorted), for a check over an existing store.
///
/// ```
/// use spotdraft_kit::webhook_registry::{shared_urls, WebhookRecord};
/// let r = |id: &str, env: &str| WebhookRecord { id: id.into(), title: "t".into(),
///     url: "https://a.example/h".into(), activities: vec![], environment: env.into() };
/// assert_eq!(shared_urls(&[r("1", "uat"), r("2", "production")]),
///     vec![("https://a.example/h".to_string(), vec!["production".to_string(), "uat".to_string()])]);
/// assert!(shared_urls(&[r("1", "uat"), r("2", "uat")]).is_empty());
/// ```
pub fn shared_urls(registry: &[WebhookRecord]) -> Vec<(String, Vec<String>)> {
    let mut by_url: Vec<(String, Vec<String>)> = Vec::new();
    for record in registry {
        let url = normalized_url(&record.url).unwrap_or_else(|_| record.url.clone());
        match by_url.iter_mut().find(|(u, _)| *u == url) {
            Some((_, envs)) if !envs.contains(&record.environment) => {
                envs.push(record.environment.clone())
            }
            Some(_) => {}
            None => by_url.push((url, vec![record.environment.clone()])),
        }
    }
    by_url
        .into_iter()
        .filter(|(_, envs)| envs.len() > 1)
        .map(|(url, mut envs)| {
            envs.sort();
            (url, envs)
        })
        .collect()
}

/// The delete call for `id`; an id the registry does not hold is refused
/// (`invalid_id`) unless `force`.
///
/// ```
/// use spotdraft_kit::webhook_registry::plan_delete;
/// assert_eq!(plan_delete(&[], "77", false).unwrap_err().code().as_str(), "invalid_id");
/// assert_eq!(plan_delete(&[], "77", true)?.operation, "webhooks_destroy");
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn plan_delete(registry: &[WebhookRecord], id: &str, force: bool) -> Result<PlannedCall> {
    if !is_webhook_id(id) {
        return Err(Error::new(
            ErrorCode::InvalidId,
            "a webhook id is a positive integer",
        ));
    }
    if !force && !registry.iter().any(|r| r.id == id) {
        return Err(Error::new(
            ErrorCode::InvalidId,
            format!("webhook {id} is not in the registry; SpotDraft cannot list webhooks, so check the id (or force)"),
        ));
    }
    let numeric: u64 = id
        .parse()
        .map_err(|_| Error::new(ErrorCode::InvalidId, "webhook id out of range"))?;
    Ok(PlannedCall {
        operation: WEBHOOK_DELETE_OPERATION,
        params: json!({"webhook_id": numeric}),
    })
}

/// A URL in the form the one-URL-per-environment check compares:
/// scheme and host lowercased, `:443` dropped, no trailing `/`.
fn normalized_url(url: &str) -> Result<String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| argument("a webhook URL must start with https://"))?;
    let scheme = scheme.to_ascii_lowercase();
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority.to_ascii_lowercase();
    let bare = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
    let loopback = matches!(bare, "localhost" | "127.0.0.1" | "[::1]");
    if authority.is_empty()
        || authority.contains('@')
        || !(scheme == "https" || (scheme == "http" && loopback))
    {
        return Err(argument(
            "a webhook URL must be https:// with a host (http only for loopback)",
        ));
    }
    let host = host
        .strip_suffix(":443")
        .filter(|_| scheme == "https")
        .unwrap_or(&host);
    Ok(format!("{scheme}://{host}{}", path.trim_end_matches('/')))
}

/// Whether two URLs name one receiver (compared as the one-URL-per-
/// environment check compares them; unparsable URLs never match).
pub(crate) fn same_receiver(a: &str, b: &str) -> bool {
    matches!((normalized_url(a), normalized_url(b)), (Ok(a), Ok(b)) if a == b)
}

pub(crate) fn is_webhook_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 19
        && id.bytes().all(|b| b.is_ascii_digit())
        && id.bytes().any(|b| b != b'0')
}

pub(crate) fn argument(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidArgument, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_compare_by_scheme_host_and_path() {
        assert_eq!(
            normalized_url("HTTPS://A.example:443/x/").unwrap(),
            "https://a.example/x"
        );
        assert_eq!(
            normalized_url("http://127.0.0.1:8080/h").unwrap(),
            "http://127.0.0.1:8080/h"
        );
        for bad in [
            "http://a.example/h",
            "a.example/h",
            "https:///h",
            "https://u:p@a.example/h",
            "ftp://a.example",
        ] {
            assert!(normalized_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn create_refuses_incomplete_specs() {
        let ok = WebhookSpec::new("t", "https://a.example/h", &["CONTRACT_SIGNED"], "uat");
        assert!(plan_create(&[], &ok).is_ok());
        for spec in [
            WebhookSpec {
                title: " ".into(),
                ..ok.clone()
            },
            WebhookSpec {
                activities: vec![],
                ..ok.clone()
            },
            WebhookSpec {
                environment: String::new(),
                ..ok.clone()
            },
            WebhookSpec {
                url: "http://a.example/h".into(),
                ..ok.clone()
            },
        ] {
            assert_eq!(
                plan_create(&[], &spec).unwrap_err().code(),
                ErrorCode::InvalidArgument
            );
        }
    }

    #[test]
    fn same_environment_may_reuse_a_url_and_ids_are_checked() {
        let r = WebhookRecord::from_created(
            &json!({"id": "8", "title": "t", "url": "https://a.example/h"}),
            "uat",
        )
        .unwrap();
        let spec = WebhookSpec::new("t2", "https://a.example/h", &["CONTRACT_SIGNED"], "uat");
        assert!(plan_create(std::slice::from_ref(&r), &spec).is_ok());
        for bad in ["", "0", "00", "-1", "1a", "99999999999999999999"] {
            assert!(plan_delete(&[], bad, true).is_err(), "{bad}");
        }
        assert!(
            WebhookRecord::from_created(&json!({"id": 0, "title": "t", "url": "u"}), "uat")
                .is_err()
        );
    }
}
