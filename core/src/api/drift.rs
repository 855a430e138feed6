//! [`compare_environments`]: catches the configuration mistakes SpotDraft
//! warns about when a UAT and a production workspace sit side by side.
//! Secrets are compared by fingerprint only.

use std::collections::{BTreeMap, HashMap};

use super::config::{hmac_keys_from_env_map, ApiConfig};
use crate::error::Result;

/// What one environment is configured with, secrets reduced to
/// fingerprints.
///
/// ```
/// use std::collections::HashMap;
/// use spotdraft_kit::api::EnvironmentProfile;
/// let env = HashMap::from([
///     ("SPOTDRAFT_REGION".to_string(), "us".to_string()),
///     ("SPOTDRAFT_CLIENT_ID".to_string(), "uat-client".to_string()),
///     ("SPOTDRAFT_CLIENT_SECRET".to_string(), "uat-secret".to_string()),
///     ("SPOTDRAFT_ENVIRONMENT".to_string(), "uat".to_string()),
///     ("SPOTDRAFT_WEBHOOK_URLS".to_string(), "https://uat.example.com/hooks".to_string()),
///     ("SPOTDRAFT_ID_TEMPLATE_NDA".to_string(), "101".to_string()),
/// ]);
/// let profile = EnvironmentProfile::from_env_map(&env)?;
/// assert_eq!(profile.name, "uat");
/// assert_eq!(profile.ids["TEMPLATE_NDA"], "101");
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvironmentProfile {
    /// Environment label.
    pub name: String,
    /// API base URL.
    pub base_url: String,
    /// Client id (not secret).
    pub client_id: String,
    /// Fingerprint of the client secret.
    pub secret_fingerprint: String,
    /// Webhook URLs this environment registers (`SPOTDRAFT_WEBHOOK_URLS`, comma-separated).
    pub webhook_urls: Vec<String>,
    /// Fingerprints of the HMAC keys (`SPOTDRAFT_HMAC_KEYS`).
    pub hmac_key_fingerprints: Vec<String>,
    /// Ids the integration maps per environment (`SPOTDRAFT_ID_<NAME>=<id>`).
    pub ids: BTreeMap<String, String>,
}

impl EnvironmentProfile {
    /// Reads a profile from environment variables given as a map.
    pub fn from_env_map<S: std::hash::BuildHasher>(
        env: &HashMap<String, String, S>,
    ) -> Result<Self> {
        let config = ApiConfig::from_env_map(env)?;
        let keys = hmac_keys_from_env_map(env)?;
        Ok(EnvironmentProfile {
            name: config.environment().to_owned(),
            base_url: config.base_url().to_owned(),
            client_id: config.client_id().to_owned(),
            secret_fingerprint: config.secret_fingerprint(),
            webhook_urls: env
                .get("SPOTDRAFT_WEBHOOK_URLS")
                .map(|v| {
                    v.split(',')
                        .map(|u| u.trim().to_owned())
                        .filter(|u| !u.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            hmac_key_fingerprints: keys.iter().map(|k| k.fingerprint()).collect(),
            ids: env
                .iter()
                .filter_map(|(k, v)| {
                    Some((
                        k.strip_prefix("SPOTDRAFT_ID_")?.to_owned(),
                        v.trim().to_owned(),
                    ))
                })
                .collect(),
        })
    }
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Probably a mistake.
    Warning,
    /// A mistake that crosses environments.
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::api::Severity::Error.as_str(), "error");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One drift finding, with a stable `code`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriftFinding {
    /// Stable code: `same_environment_label`, `same_client_id`,
    /// `same_client_secret`, `same_hmac_key`, `same_webhook_url`, `same_id`,
    /// `missing_id`, `missing_hmac_keys`, `different_host`.
    pub code: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, naming no secret.
    pub message: String,
}

/// Compares two environments (typically UAT and production) and lists the
/// mistakes SpotDraft warns about: shared credentials, HMAC keys or webhook
/// URLs, production ids left in the UAT config, missing mappings.
///
/// ```
/// use spotdraft_kit::api::{compare_environments, EnvironmentProfile};
/// let uat = EnvironmentProfile { name: "uat".into(), client_id: "same".into(), ..Default::default() };
/// let prod = EnvironmentProfile { name: "production".into(), client_id: "same".into(), ..Default::default() };
/// let findings = compare_environments(&uat, &prod);
/// assert!(findings.iter().any(|f| f.code == "same_client_id"));
/// ```
pub fn compare_environments(a: &EnvironmentProfile, b: &EnvironmentProfile) -> Vec<DriftFinding> {
    let mut out = Vec::new();
    let mut add = |code, severity, message: String| {
        out.push(DriftFinding {
            code,
            severity,
            message,
        })
    };
    let (na, nb) = (&a.name, &b.name);
    if na == nb {
        add(
            "same_environment_label",
            Severity::Warning,
            format!("both configs are labelled {na:?}"),
        );
    }
    if !a.client_id.is_empty() && a.client_id == b.client_id {
        add(
            "same_client_id",
            Severity::Error,
            format!("{na} and {nb} use the same client id: each workspace has its own credentials"),
        );
    }
    if !a.secret_fingerprint.is_empty() && a.secret_fingerprint == b.secret_fingerprint {
        add(
            "same_client_secret",
            Severity::Error,
            format!("{na} and {nb} use the same client secret"),
        );
    }
    for fp in a
        .hmac_key_fingerprints
        .iter()
        .filter(|fp| b.hmac_key_fingerprints.contains(fp))
    {
        add("same_hmac_key", Severity::Error, format!("{na} and {nb} share an HMAC key (fingerprint {fp}): a UAT delivery would verify in production"));
    }
    for (profile, other) in [(a, b), (b, a)] {
        if profile.hmac_key_fingerprints.is_empty() && !other.hmac_key_fingerprints.is_empty() {
            add(
                "missing_hmac_keys",
                Severity::Warning,
                format!("{} has no SPOTDRAFT_HMAC_KEYS", profile.name),
            );
        }
    }
    for url in a.webhook_urls.iter().filter(|u| b.webhook_urls.contains(u)) {
        add("same_webhook_url", Severity::Error, format!("{na} and {nb} register the same webhook URL {url}: one receiver would get both environments' events"));
    }
    for (name, id) in &a.ids {
        match b.ids.get(name) {
            Some(other) if other == id => add("same_id", Severity::Error, format!("{name} is {id} in both {na} and {nb}: ids differ between workspaces, so one config holds the other's id")),
            Some(_) => {}
            None => add("missing_id", Severity::Warning, format!("{name} is mapped in {na} but not in {nb}")),
        }
    }
    for name in b.ids.keys().filter(|k| !a.ids.contains_key(*k)) {
        add(
            "missing_id",
            Severity::Warning,
            format!("{name} is mapped in {nb} but not in {na}"),
        );
    }
    if !a.base_url.is_empty() && !b.base_url.is_empty() && a.base_url != b.base_url {
        add(
            "different_host",
            Severity::Info,
            format!("{na} uses {} and {nb} uses {}", a.base_url, b.base_url),
        );
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}
