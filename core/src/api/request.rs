//! [`HttpRequest`]: what an executor sends, and its secret-free log record.

use std::fmt;

use crate::delivery::LogRecord;

/// HTTP method.
///
/// ```
/// assert_eq!(spotdraft_kit::api::Method::Delete.as_str(), "DELETE");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method name.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::api::Method::Get.as_str(), "GET");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Parses a method name (any case).
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::api::Method::parse("patch")?, spotdraft_kit::api::Method::Patch);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn parse(name: &str) -> crate::Result<Method> {
        match name.to_ascii_uppercase().as_str() {
            "GET" => Ok(Method::Get),
            "POST" => Ok(Method::Post),
            "PUT" => Ok(Method::Put),
            "PATCH" => Ok(Method::Patch),
            "DELETE" => Ok(Method::Delete),
            _ => Err(crate::Error::new(
                crate::ErrorCode::InvalidArgument,
                "method must be GET, POST, PUT, PATCH or DELETE",
            )),
        }
    }

    /// Whether repeating the request cannot change the outcome (for
    /// retrying after a timeout when the server may have acted).
    ///
    /// ```
    /// assert!(!spotdraft_kit::api::Method::Post.is_idempotent());
    /// ```
    pub const fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

/// Headers whose values are secrets or personal data, redacted in logs.
const SENSITIVE_HEADERS: [&str; 4] = ["client-secret", "authorization", "user-email", "cookie"];

/// A request ready to send: method, absolute URL, headers and JSON body.
/// `Debug` shows it redacted.
///
/// ```
/// use spotdraft_kit::api::{Api, ApiConfig, Region};
/// let api = Api::new(ApiConfig::new(Region::Us, "client-123", "s3cret")?);
/// let req = api.webhooks_hmac_key()?;
/// assert_eq!(req.url, "https://api.us.spotdraft.com/api/v2.1/public/webhooks/hmac_key/");
/// assert_eq!(req.header("client-secret"), Some("s3cret"));
/// assert_eq!(req.redacted().header("client-secret"), Some("<redacted>"));
/// assert!(!format!("{req:?}").contains("s3cret"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// Headers, lowercase names.
    pub headers: Vec<(String, String)>,
    /// JSON body, if any.
    pub body: Option<Vec<u8>>,
    /// A stable name of the operation (the table's, `webhooks_create`; `request` for [`crate::api::Api::request`]), for logs.
    pub operation: &'static str,
    /// The environment label of the config that built it.
    pub environment: String,
}

impl HttpRequest {
    /// The first value of a header (case-insensitive).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert_eq!(api.webhooks_hmac_key()?.header("Accept"), Some("application/json"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The host part of the URL.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Eu, "i", "s")?);
    /// assert_eq!(api.webhooks_hmac_key()?.host(), "api.eu.spotdraft.com");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn host(&self) -> &str {
        let rest = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, r)| r);
        rest.split('/').next().unwrap_or("")
    }

    /// The path part of the URL, without query.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Eu, "i", "s")?);
    /// assert_eq!(api.webhooks_hmac_key()?.path(), "/api/v2.1/public/webhooks/hmac_key/");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn path(&self) -> &str {
        let rest = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, r)| r);
        let path = rest.find('/').map_or("", |i| &rest[i..]);
        path.split(['?', '#']).next().unwrap_or("")
    }

    /// A copy safe to log: secret and personal headers replaced by
    /// `<redacted>`, query values dropped (they may hold emails or names),
    /// body removed.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Eu, "i", "s")?);
    /// let req = api.contracts_list(1, 10, &[("client_email_address", "eq", "a@example.com")])?;
    /// assert!(req.redacted().url.ends_with("filter__client_email_address[$eq]=<redacted>"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn redacted(&self) -> HttpRequest {
        let headers = self
            .headers
            .iter()
            .map(|(k, v)| {
                let sensitive = SENSITIVE_HEADERS.iter().any(|s| k.eq_ignore_ascii_case(s));
                (
                    k.clone(),
                    if sensitive {
                        "<redacted>".to_owned()
                    } else {
                        v.clone()
                    },
                )
            })
            .collect();
        HttpRequest {
            method: self.method,
            url: redact_query(&self.url),
            headers,
            body: None,
            operation: self.operation,
            environment: self.environment.clone(),
        }
    }

    /// What SpotDraft says to log about a request: method, regional host,
    /// path, environment and operation; never secrets, query values or body.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Eu, "i", "s")?.with_environment("uat"));
    /// let record = api.webhooks_hmac_key()?.log_record();
    /// assert_eq!(record.get("environment").unwrap().to_string(), "uat");
    /// assert_eq!(record.get("host").unwrap().to_string(), "api.eu.spotdraft.com");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn log_record(&self) -> LogRecord {
        let mut r = LogRecord::default();
        r.push_str("operation", self.operation);
        r.push_str("method", self.method.as_str());
        r.push_str("host", self.host());
        r.push_str("path", self.path());
        r.push_str("environment", self.environment.clone());
        r
    }
}

/// Replaces every query value with `<redacted>` (keeps the names).
pub(crate) fn redact_query(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let names: Vec<String> = query
        .split('&')
        .map(|pair| format!("{}=<redacted>", pair.split('=').next().unwrap_or("")))
        .collect();
    format!("{base}?{}", names.join("&"))
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.redacted();
        f.debug_struct("HttpRequest")
            .field("method", &r.method)
            .field("url", &r.url)
            .field("headers", &r.headers)
            .field("body_bytes", &self.body.as_ref().map(Vec::len))
            .field("operation", &r.operation)
            .finish()
    }
}
