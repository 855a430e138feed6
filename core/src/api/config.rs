//! [`ApiConfig`]: where and as whom to call the SpotDraft API, read from
//! arguments or from a map of environment variables the caller passes in.

use std::collections::HashMap;
use std::fmt;

use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode, Result};
use crate::signature::{HmacKey, KeyEncoding, KeyPolicy};

/// A SpotDraft region and its API host.
///
/// ```
/// use spotdraft_kit::api::Region;
/// assert_eq!(Region::parse("EU")?.base_url(), "https://api.eu.spotdraft.com/api/");
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// India: `api.in.spotdraft.com`.
    In,
    /// United States: `api.us.spotdraft.com`.
    Us,
    /// Middle East: `api.me.spotdraft.com`.
    Me,
    /// European Union: `api.eu.spotdraft.com`.
    Eu,
}

impl Region {
    /// Parses `in`, `us`, `me` or `eu` (any case).
    ///
    /// ```
    /// assert!(spotdraft_kit::api::Region::parse("mars").is_err());
    /// ```
    pub fn parse(name: &str) -> Result<Region> {
        match name.trim().to_ascii_lowercase().as_str() {
            "in" => Ok(Region::In),
            "us" => Ok(Region::Us),
            "me" => Ok(Region::Me),
            "eu" => Ok(Region::Eu),
            _ => Err(Error::new(
                ErrorCode::InvalidConfig,
                "region must be one of in, us, me, eu",
            )),
        }
    }

    /// The two-letter code.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::api::Region::Us.as_str(), "us");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Region::In => "in",
            Region::Us => "us",
            Region::Me => "me",
            Region::Eu => "eu",
        }
    }

    /// The API base URL of the region.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::api::Region::In.base_url(), "https://api.in.spotdraft.com/api/");
    /// ```
    pub const fn base_url(self) -> &'static str {
        match self {
            Region::In => "https://api.in.spotdraft.com/api/",
            Region::Us => "https://api.us.spotdraft.com/api/",
            Region::Me => "https://api.me.spotdraft.com/api/",
            Region::Eu => "https://api.eu.spotdraft.com/api/",
        }
    }
}

/// Credentials and target of one SpotDraft workspace. `client_secret` is
/// zeroized on drop and never printed.
///
/// ```
/// use spotdraft_kit::api::{ApiConfig, Region};
/// let config = ApiConfig::new(Region::Us, "client-123", "s3cret")?.with_environment("uat");
/// assert_eq!(config.base_url(), "https://api.us.spotdraft.com/api/");
/// assert!(!format!("{config:?}").contains("s3cret"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone)]
pub struct ApiConfig {
    base_url: String,
    region: Option<Region>,
    environment: String,
    client_id: String,
    client_secret: Zeroizing<String>,
    user_email: Option<String>,
    oauth_token: Option<Zeroizing<String>>,
}

impl ApiConfig {
    /// A config for a region's public host, environment `production`.
    ///
    /// ```
    /// # use spotdraft_kit::api::{ApiConfig, Region};
    /// assert!(ApiConfig::new(Region::In, "", "x").is_err());
    /// ```
    pub fn new(region: Region, client_id: &str, client_secret: &str) -> Result<Self> {
        ApiConfig::build(
            region.base_url().to_owned(),
            Some(region),
            client_id,
            client_secret,
        )
    }

    /// A config for an explicit base URL: `https://...` ending in `/api/`,
    /// or plain `http://` only for loopback hosts (local tests).
    ///
    /// ```
    /// use spotdraft_kit::api::ApiConfig;
    /// assert!(ApiConfig::with_base_url("http://127.0.0.1:8080/api/", "id", "s").is_ok());
    /// assert!(ApiConfig::with_base_url("http://api.us.spotdraft.com/api/", "id", "s").is_err());
    /// assert!(ApiConfig::with_base_url("https://api.us.spotdraft.com/api/v2.1/", "id", "s").is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn with_base_url(base_url: &str, client_id: &str, client_secret: &str) -> Result<Self> {
        let base = normalize_base_url(base_url)?;
        ApiConfig::build(base, None, client_id, client_secret)
    }

    fn build(
        base_url: String,
        region: Option<Region>,
        client_id: &str,
        client_secret: &str,
    ) -> Result<Self> {
        let client_id = client_id.trim();
        if client_id.is_empty() || client_id.len() > 256 || !is_header_safe(client_id) {
            return Err(Error::new(
                ErrorCode::InvalidConfig,
                "client_id must be 1 to 256 visible ASCII characters",
            ));
        }
        let secret = client_secret.trim();
        if secret.is_empty() || secret.len() > 1024 || !is_header_safe(secret) {
            return Err(Error::new(
                ErrorCode::InvalidConfig,
                "client_secret must be 1 to 1024 visible ASCII characters",
            ));
        }
        Ok(ApiConfig {
            base_url,
            region,
            environment: "production".to_owned(),
            client_id: client_id.to_owned(),
            client_secret: Zeroizing::new(secret.to_owned()),
            user_email: None,
            oauth_token: None,
        })
    }

    /// A config that authenticates with a user-scoped OAuth JWT
    /// (`Authorization: Bearer <token>`) instead of the client credentials,
    /// for a region's host or, with `base_url`, an explicit one. The token
    /// is redacted wherever the client secret is.
    ///
    /// ```
    /// use spotdraft_kit::api::{ApiConfig, Region};
    /// let config = ApiConfig::oauth(Some(Region::Eu), None, "eyJ.token.sig")?;
    /// assert!(config.is_oauth());
    /// assert!(!format!("{config:?}").contains("eyJ"));
    /// assert!(ApiConfig::oauth(Some(Region::Eu), None, "two words").is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn oauth(region: Option<Region>, base_url: Option<&str>, token: &str) -> Result<Self> {
        let base = match (region, base_url) {
            (_, Some(url)) => normalize_base_url(url)?,
            (Some(r), None) => r.base_url().to_owned(),
            (None, None) => {
                return Err(Error::new(
                    ErrorCode::InvalidConfig,
                    "an OAuth config needs a region or a base_url",
                ))
            }
        };
        let token = token.trim();
        if token.is_empty() || token.len() > 8192 || !is_header_safe(token) {
            return Err(Error::new(
                ErrorCode::InvalidConfig,
                "the OAuth token must be 1 to 8192 visible ASCII characters",
            ));
        }
        Ok(ApiConfig {
            base_url: base,
            region: if base_url.is_some() { None } else { region },
            environment: "production".to_owned(),
            client_id: String::new(),
            client_secret: Zeroizing::new(String::new()),
            user_email: None,
            oauth_token: Some(Zeroizing::new(token.to_owned())),
        })
    }

    /// Whether requests carry an OAuth bearer token rather than the client
    /// credentials.
    ///
    /// ```
    /// # use spotdraft_kit::api::{ApiConfig, Region};
    /// assert!(!ApiConfig::new(Region::In, "i", "s")?.is_oauth());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn is_oauth(&self) -> bool {
        self.oauth_token.is_some()
    }

    pub(crate) fn oauth_token(&self) -> Option<&str> {
        self.oauth_token.as_deref().map(String::as_str)
    }

    /// Labels the environment (`production`, `uat`, or any name) for logs
    /// and drift checks.
    ///
    /// ```
    /// # use spotdraft_kit::api::{ApiConfig, Region};
    /// assert_eq!(ApiConfig::new(Region::In, "i", "s")?.with_environment("uat").environment(), "uat");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn with_environment(mut self, environment: impl Into<String>) -> Self {
        self.environment = environment.into();
        self
    }

    /// Acts as this workspace user (`user-email` header).
    ///
    /// ```
    /// # use spotdraft_kit::api::{ApiConfig, Region};
    /// assert!(ApiConfig::new(Region::In, "i", "s")?.with_user_email("not an email").is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn with_user_email(mut self, email: &str) -> Result<Self> {
        let email = email.trim();
        let valid = email.len() <= 254
            && is_header_safe(email)
            && email
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        if !valid {
            return Err(Error::new(
                ErrorCode::InvalidConfig,
                "user_email must be an email address",
            ));
        }
        self.user_email = Some(email.to_owned());
        Ok(self)
    }

    /// Reads a config from environment variables given as a map (core
    /// never reads the process environment): `SPOTDRAFT_REGION` or
    /// `SPOTDRAFT_BASE_URL`, `SPOTDRAFT_CLIENT_ID`, `SPOTDRAFT_CLIENT_SECRET`,
    /// optional `SPOTDRAFT_ENVIRONMENT` and `SPOTDRAFT_USER_EMAIL`.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use spotdraft_kit::api::ApiConfig;
    /// let env: HashMap<String, String> = [
    ///     ("SPOTDRAFT_REGION", "eu"), ("SPOTDRAFT_CLIENT_ID", "id"),
    ///     ("SPOTDRAFT_CLIENT_SECRET", "secret"), ("SPOTDRAFT_ENVIRONMENT", "uat"),
    /// ].into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    /// let config = ApiConfig::from_env_map(&env)?;
    /// assert_eq!((config.environment(), config.base_url()), ("uat", "https://api.eu.spotdraft.com/api/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn from_env_map<S: std::hash::BuildHasher>(
        env: &HashMap<String, String, S>,
    ) -> Result<Self> {
        let get = |name: &str| env.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
        let require = |name: &str| {
            get(name)
                .ok_or_else(|| Error::new(ErrorCode::InvalidConfig, format!("{name} is not set")))
        };
        let id = require("SPOTDRAFT_CLIENT_ID")?;
        let secret = require("SPOTDRAFT_CLIENT_SECRET")?;
        let mut config = match (get("SPOTDRAFT_BASE_URL"), get("SPOTDRAFT_REGION")) {
            (Some(_), Some(_)) => {
                return Err(Error::new(
                    ErrorCode::InvalidConfig,
                    "set SPOTDRAFT_REGION or SPOTDRAFT_BASE_URL, not both",
                ))
            }
            (Some(url), None) => ApiConfig::with_base_url(url, id, secret)?,
            (None, Some(region)) => ApiConfig::new(Region::parse(region)?, id, secret)?,
            (None, None) => {
                return Err(Error::new(
                    ErrorCode::InvalidConfig,
                    "SPOTDRAFT_REGION (in, us, me, eu) or SPOTDRAFT_BASE_URL is not set",
                ))
            }
        };
        if let Some(name) = get("SPOTDRAFT_ENVIRONMENT") {
            config = config.with_environment(name);
        }
        if let Some(email) = get("SPOTDRAFT_USER_EMAIL") {
            config = config.with_user_email(email)?;
        }
        Ok(config)
    }

    /// The base URL, always ending in `/api/`.
    ///
    /// ```
    /// # use spotdraft_kit::api::ApiConfig;
    /// assert_eq!(ApiConfig::with_base_url("https://sd.example.com/api", "i", "s")?.base_url(), "https://sd.example.com/api/");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The region, when configured by region.
    ///
    /// ```
    /// # use spotdraft_kit::api::{ApiConfig, Region};
    /// assert_eq!(ApiConfig::new(Region::Me, "i", "s")?.region(), Some(Region::Me));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn region(&self) -> Option<Region> {
        self.region
    }

    /// The environment label.
    ///
    /// ```
    /// # use spotdraft_kit::api::{ApiConfig, Region};
    /// assert_eq!(ApiConfig::new(Region::Me, "i", "s")?.environment(), "production");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn environment(&self) -> &str {
        &self.environment
    }

    /// The client id (not a secret).
    ///
    /// ```
    /// # use spotdraft_kit::api::{ApiConfig, Region};
    /// assert_eq!(ApiConfig::new(Region::Me, "abc", "s")?.client_id(), "abc");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The acting user's email, if set.
    ///
    /// ```
    /// # use spotdraft_kit::api::{ApiConfig, Region};
    /// assert_eq!(ApiConfig::new(Region::Me, "abc", "s")?.user_email(), None);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn user_email(&self) -> Option<&str> {
        self.user_email.as_deref()
    }

    /// A short fingerprint of the client secret, safe to log and compare
    /// across environments.
    ///
    /// ```
    /// # use spotdraft_kit::api::{ApiConfig, Region};
    /// let a = ApiConfig::new(Region::In, "i", "one")?;
    /// assert_eq!(a.secret_fingerprint().len(), 16);
    /// assert_ne!(a.secret_fingerprint(), ApiConfig::new(Region::In, "i", "two")?.secret_fingerprint());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn secret_fingerprint(&self) -> String {
        crate::signature::fingerprint(b"client-secret", self.client_secret.as_bytes())
    }

    pub(crate) fn client_secret(&self) -> &str {
        &self.client_secret
    }
}

impl fmt::Debug for ApiConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiConfig")
            .field("base_url", &self.base_url)
            .field("environment", &self.environment)
            .field("client_id", &self.client_id)
            .field("client_secret", &format_args!("<redacted>"))
            .field("user_email", &self.user_email.as_ref().map(|_| "<set>"))
            .field(
                "oauth_token",
                &self.oauth_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Reads `SPOTDRAFT_HMAC_KEYS`: comma-separated base64 keys, each optionally
/// labelled `label:key` (base64 never contains `:`).
///
/// ```
/// use std::collections::HashMap;
/// let env = HashMap::from([("SPOTDRAFT_HMAC_KEYS".to_string(), "new:c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBuZXcta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw==, c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBvbGQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw==".to_string())]);
/// let keys = spotdraft_kit::api::hmac_keys_from_env_map(&env)?;
/// assert_eq!(keys.len(), 2);
/// assert_eq!(keys[0].id(), Some("new"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn hmac_keys_from_env_map<S: std::hash::BuildHasher>(
    env: &HashMap<String, String, S>,
) -> Result<Vec<HmacKey>> {
    match env.get("SPOTDRAFT_HMAC_KEYS") {
        Some(list) => hmac_keys_from_list(list),
        None => Ok(Vec::new()),
    }
}

/// Parses a `SPOTDRAFT_HMAC_KEYS` value: comma-separated base64 keys, each
/// optionally labelled `label:key` (for bindings that hold the one value,
/// not a map).
///
/// ```
/// let keys = spotdraft_kit::api::hmac_keys_from_list("new:c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBuZXcta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw==, c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBvbGQta2V5LCA2NCBieXRlcyBsaWtlIGEgU3BvdERyYWZ0IGhtYWNfaw==")?;
/// assert_eq!(keys.len(), 2);
/// assert_eq!(keys[1].id(), None);
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn hmac_keys_from_list(list: &str) -> Result<Vec<HmacKey>> {
    hmac_keys_from_list_with_policy(list, KeyPolicy::Strict)
}

/// [`hmac_keys_from_list`] under an explicit [`KeyPolicy`] (the one opt-in
/// for short demo keys).
///
/// ```
/// use spotdraft_kit::KeyPolicy;
/// assert!(spotdraft_kit::api::hmac_keys_from_list_with_policy("a:c2VjcmV0", KeyPolicy::Strict).is_err());
/// let keys = spotdraft_kit::api::hmac_keys_from_list_with_policy("a:c2VjcmV0", KeyPolicy::AllowShort)?;
/// assert_eq!(keys[0].id(), Some("a"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn hmac_keys_from_list_with_policy(list: &str, policy: KeyPolicy) -> Result<Vec<HmacKey>> {
    let decode = |key: &str| HmacKey::new_with_policy(key, KeyEncoding::Base64, policy);
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| match entry.split_once(':') {
            Some((label, key)) => Ok(decode(key)?.with_id(label.trim())),
            None => decode(entry),
        })
        .collect()
}

fn is_header_safe(value: &str) -> bool {
    value.bytes().all(|b| (0x21..0x7f).contains(&b))
}

fn normalize_base_url(raw: &str) -> Result<String> {
    let bad = |why: &str| {
        Err(Error::new(
            ErrorCode::InvalidConfig,
            format!("base_url {why}"),
        ))
    };
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    let (scheme, rest) = if let Some(rest) = lower.strip_prefix("https://") {
        ("https", &raw[raw.len() - rest.len()..])
    } else if let Some(rest) = lower.strip_prefix("http://") {
        ("http", &raw[raw.len() - rest.len()..])
    } else {
        return bad("must start with https://");
    };
    if rest.contains(['?', '#', '@', ' ', '\\']) || !is_header_safe(rest) {
        return bad("must be a plain URL without query, fragment, credentials or spaces");
    }
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let hostname = host_without_port(host);
    if hostname.is_empty() {
        return bad("has no host");
    }
    if scheme == "http" && !is_loopback(hostname) {
        return bad("must use https:// (plain http:// is allowed only for loopback test servers)");
    }
    let path = path.trim_end_matches('/');
    if !path.ends_with("/api") || path.contains("//") || path.matches("/api").count() != 1 {
        return bad("must end with /api/ (SpotDraft paths then start with v2.1/public/)");
    }
    Ok(format!("{scheme}://{}{path}/", host.to_ascii_lowercase()))
}

fn host_without_port(host: &str) -> &str {
    if let Some(v6) = host.strip_prefix('[') {
        return v6.split(']').next().unwrap_or("");
    }
    host.split(':').next().unwrap_or("")
}

fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        for (input, want) in [
            (
                "https://api.us.spotdraft.com/api/",
                Some("https://api.us.spotdraft.com/api/"),
            ),
            (
                "HTTPS://API.US.SPOTDRAFT.COM/api",
                Some("https://api.us.spotdraft.com/api/"),
            ),
            (
                "http://localhost:9000/api/",
                Some("http://localhost:9000/api/"),
            ),
            ("http://127.0.0.2/api", Some("http://127.0.0.2/api/")),
            ("http://[::1]:80/api/", Some("http://[::1]:80/api/")),
            ("http://10.0.0.1/api/", None),
            ("https://x.example/api/api/", None),
            ("https://x.example//api/", None),
            ("https://x.example/", None),
            ("https://user:pw@x.example/api/", None),
            ("https://x.example/api/?a=1", None),
            ("ftp://x.example/api/", None),
            ("https:///api/", None),
        ] {
            assert_eq!(normalize_base_url(input).ok().as_deref(), want, "{input}");
        }
    }
}
