//! [`Api`]: builders for SpotDraft's endpoints. Paths are stored verbatim,
//! because SpotDraft's trailing slashes differ per endpoint and a mismatch
//! answers 302.
//!
//! Paths marked *documented* come from SpotDraft's developer portal and
//! OpenAPI schema; the few marked *inferred* follow its conventions and are
//! pinned by the golden table in `tests/vectors/api.json`, so a correction
//! is one line.

use serde_json::{json, Value};

use super::config::ApiConfig;
use super::path::{checked_path, contract_ref, integer_id, query_string, text_id};
use super::request::{HttpRequest, Method};
use crate::activity::Activity;
use crate::error::{Error, ErrorCode, Result};

/// Builds requests for one workspace; sends nothing.
///
/// ```
/// use spotdraft_kit::api::{Api, ApiConfig, Method, Region};
/// let api = Api::new(ApiConfig::new(Region::In, "client-id", "client-secret")?);
/// let req = api.webhooks_create("CRM sync", "https://hooks.example.com/spotdraft", &["CONTRACT_EXECUTED"])?;
/// assert_eq!(req.method, Method::Post);
/// assert_eq!(req.url, "https://api.in.spotdraft.com/api/v2.1/public/webhooks/");
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Api {
    config: ApiConfig,
}

/// Largest page size SpotDraft serves.
pub const MAX_PAGE_LIMIT: u32 = 100;

impl Api {
    /// An API builder for a config.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert_eq!(api.config().environment(), "production");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn new(config: ApiConfig) -> Self {
        Api { config }
    }

    /// The config.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert_eq!(api.config().client_id(), "i");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn config(&self) -> &ApiConfig {
        &self.config
    }

    fn build(
        &self,
        operation: &'static str,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> HttpRequest {
        let mut headers = vec![
            ("accept".to_owned(), "application/json".to_owned()),
            ("client-id".to_owned(), self.config.client_id().to_owned()),
            (
                "client-secret".to_owned(),
                self.config.client_secret().to_owned(),
            ),
        ];
        if let Some(email) = self.config.user_email() {
            headers.push(("user-email".to_owned(), email.to_owned()));
        }
        if body.is_some() {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        headers.push((
            "user-agent".to_owned(),
            concat!("spotdraft-kit/", env!("CARGO_PKG_VERSION")).to_owned(),
        ));
        HttpRequest {
            method,
            url: format!("{}{}", self.config.base_url(), path),
            headers,
            body: body.map(|b| b.to_string().into_bytes()),
            operation,
            environment: self.config.environment().to_owned(),
        }
    }

    /// `GET v2.1/public/webhooks/hmac_key/` (documented): the workspace's
    /// base64 HMAC key, `{"hmac_key": "..."}`.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.webhooks_hmac_key().url.ends_with("/webhooks/hmac_key/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn webhooks_hmac_key(&self) -> HttpRequest {
        self.build(
            "webhooks.hmac_key",
            Method::Get,
            "v2.1/public/webhooks/hmac_key/",
            None,
        )
    }

    /// `POST v2.1/public/webhooks/` (documented): registers a webhook for a
    /// non-empty list of documented activities; the URL must be https.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.webhooks_create("t", "http://hooks.example.com", &["CONTRACT_SIGNED"]).is_err());
    /// assert!(api.webhooks_create("t", "https://hooks.example.com", &[]).is_err());
    /// assert!(api.webhooks_create("t", "https://hooks.example.com", &["NOT_AN_ACTIVITY"]).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn webhooks_create(
        &self,
        title: &str,
        url: &str,
        activities: &[&str],
    ) -> Result<HttpRequest> {
        let title = title.trim();
        if title.is_empty() || title.len() > 255 {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "webhook title must be 1 to 255 characters",
            ));
        }
        let url = url.trim();
        let host = url
            .strip_prefix("https://")
            .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
        if !host.is_some_and(|h| !h.is_empty() && !h.contains('@'))
            || url.contains(char::is_whitespace)
        {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "webhook url must be an https:// URL (SpotDraft delivers only over HTTPS)",
            ));
        }
        if activities.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "a webhook needs at least one activity",
            ));
        }
        let mut list = Vec::with_capacity(activities.len());
        for a in activities {
            match Activity::known(a.trim()) {
                Some(known) if !list.contains(&known.as_str().to_owned()) => {
                    list.push(known.as_str().to_owned())
                }
                Some(_) => {}
                None => {
                    return Err(Error::new(
                        ErrorCode::InvalidArgument,
                        format!("{a:?} is not a documented SpotDraft activity"),
                    ))
                }
            }
        }
        let body = json!({"title": title, "url": url, "only_for_activities": list});
        Ok(self.build(
            "webhooks.create",
            Method::Post,
            "v2.1/public/webhooks/",
            Some(body),
        ))
    }

    /// `DELETE v2.1/public/webhooks/{webhook_id}` (documented; no trailing
    /// slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.webhooks_delete("12")?.url.ends_with("/v2.1/public/webhooks/12"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn webhooks_delete(&self, webhook_id: &str) -> Result<HttpRequest> {
        let id = integer_id(webhook_id)?;
        Ok(self.build(
            "webhooks.delete",
            Method::Delete,
            &format!("v2.1/public/webhooks/{id}"),
            None,
        ))
    }

    /// `POST v2.1/public/contracts/webhooks/re_trigger_latest/` (documented):
    /// re-sends the latest webhook of each contract.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.webhooks_re_trigger_latest(&[42, 43])?;
    /// assert_eq!(req.body.as_deref(), Some(&br#"{"contract_ids":[42,43]}"#[..]));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn webhooks_re_trigger_latest(&self, contract_ids: &[u64]) -> Result<HttpRequest> {
        if contract_ids.is_empty() || contract_ids.contains(&0) {
            return Err(Error::new(
                ErrorCode::InvalidId,
                "contract_ids must be non-empty positive integers",
            ));
        }
        Ok(self.build(
            "webhooks.re_trigger_latest",
            Method::Post,
            "v2.1/public/contracts/webhooks/re_trigger_latest/",
            Some(json!({ "contract_ids": contract_ids })),
        ))
    }

    /// `GET v2.1/public/contracts/?page=&limit=&filter__field$op=value`
    /// (documented). Filters are `(field, op, value)`, e.g.
    /// `("client_name", "eq", "Acme")`; pages start at 1, limit 1..=100.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.contracts_list(2, 50, &[("contract_id", "in", "T-1,T-2")])?;
    /// assert!(req.url.ends_with("/v2.1/public/contracts/?page=2&limit=50&filter__contract_id$in=T-1%2CT-2"));
    /// assert!(api.contracts_list(0, 10, &[]).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_list(
        &self,
        page: u32,
        limit: u32,
        filters: &[(&str, &str, &str)],
    ) -> Result<HttpRequest> {
        let mut query = page_query(page, limit)?;
        for (field, op, value) in filters {
            let ident = |s: &str| {
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            };
            if !ident(field) || !ident(op) {
                return Err(Error::new(
                    ErrorCode::InvalidArgument,
                    "filter field and operator must be letters, digits or _",
                ));
            }
            query.push((format!("filter__{field}${op}"), (*value).to_owned()));
        }
        let path = format!("v2.1/public/contracts/{}", query_string(&query));
        Ok(self.build("contracts.list", Method::Get, &path, None))
    }

    /// `POST v2.1/public/contracts/` (documented) with the caller's JSON body.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_create(serde_json::json!({"template_id": 3}))?.body.is_some());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_create(&self, body: Value) -> Result<HttpRequest> {
        Ok(self.build(
            "contracts.create",
            Method::Post,
            "v2.1/public/contracts/",
            Some(object(body)?),
        ))
    }

    /// `GET v2.1/public/contracts/{id}/status` (documented).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_status("T-7")?.url.ends_with("/contracts/T-7/status"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_status(&self, contract_id: &str) -> Result<HttpRequest> {
        self.contract_op("contracts.status", Method::Get, contract_id, "status", None)
    }

    /// `GET v2.1/public/contracts/{id}/key_pointers` (documented).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_key_pointers("H-9")?.url.ends_with("/contracts/H-9/key_pointers"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_key_pointers(&self, contract_id: &str) -> Result<HttpRequest> {
        self.contract_op(
            "contracts.key_pointers",
            Method::Get,
            contract_id,
            "key_pointers",
            None,
        )
    }

    /// `POST v2.1/public/contracts/{id}/download_link` (documented as a
    /// POST in SpotDraft's schema), optionally with `{"format": "pdf"|"docx"}`.
    /// The answer holds a signed URL: never log it.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Method, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.contracts_download_link("T-7", Some("pdf"))?;
    /// assert_eq!(req.method, Method::Post);
    /// assert!(api.contracts_download_link("T-7", Some("exe")).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_download_link(
        &self,
        contract_id: &str,
        format: Option<&str>,
    ) -> Result<HttpRequest> {
        let body = match format.map(str::to_ascii_lowercase).as_deref() {
            None => None,
            Some(f @ ("pdf" | "docx")) => Some(json!({ "format": f })),
            Some(_) => {
                return Err(Error::new(
                    ErrorCode::InvalidArgument,
                    "format must be pdf or docx",
                ))
            }
        };
        self.contract_op(
            "contracts.download_link",
            Method::Post,
            contract_id,
            "download_link",
            body,
        )
    }

    /// `POST v2.1/public/contracts/{id}/send_to_counterparties` (documented).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_send_to_counterparties("T-7", serde_json::json!({}))?.url.ends_with("/send_to_counterparties"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_send_to_counterparties(
        &self,
        contract_id: &str,
        body: Value,
    ) -> Result<HttpRequest> {
        let body = object(body)?;
        self.contract_op(
            "contracts.send_to_counterparties",
            Method::Post,
            contract_id,
            "send_to_counterparties",
            Some(body),
        )
    }

    /// `POST v2.1/public/contracts/{id}/mark_for_execution/` (documented,
    /// with a trailing slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_mark_for_execution("T-7")?.url.ends_with("/mark_for_execution/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_mark_for_execution(&self, contract_id: &str) -> Result<HttpRequest> {
        self.contract_op(
            "contracts.mark_for_execution",
            Method::Post,
            contract_id,
            "mark_for_execution/",
            None,
        )
    }

    /// `POST v2.1/public/contracts/{id}/unmark_for_execution` (documented,
    /// without a trailing slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_unmark_for_execution("T-7")?.url.ends_with("/unmark_for_execution"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_unmark_for_execution(&self, contract_id: &str) -> Result<HttpRequest> {
        self.contract_op(
            "contracts.unmark_for_execution",
            Method::Post,
            contract_id,
            "unmark_for_execution",
            None,
        )
    }

    /// `POST v2.1/public/contracts/{id}/void` (inferred) with an optional
    /// reason.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_void("T-7", Some("duplicate"))?.url.ends_with("/contracts/T-7/void"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_void(&self, contract_id: &str, reason: Option<&str>) -> Result<HttpRequest> {
        let body = reason.map(|r| json!({ "reason": r }));
        self.contract_op("contracts.void", Method::Post, contract_id, "void", body)
    }

    /// `GET v2.1/public/contracts/by_external_metadata/{id}` (documented):
    /// contracts carrying the integration's own record id (a bare array, up
    /// to 50).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_by_external_metadata("crm/7")?.url.ends_with("/by_external_metadata/crm%2F7"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_by_external_metadata(&self, external_id: &str) -> Result<HttpRequest> {
        let id = text_id(external_id)?;
        let path = format!("v2.1/public/contracts/by_external_metadata/{id}");
        Ok(self.build("contracts.by_external_metadata", Method::Get, &path, None))
    }

    /// `GET v2.1/public/contracts/{id}/external_metadata` (documented).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_external_metadata("T-7")?.url.ends_with("/contracts/T-7/external_metadata"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_external_metadata(&self, contract_id: &str) -> Result<HttpRequest> {
        self.contract_op(
            "contracts.external_metadata.get",
            Method::Get,
            contract_id,
            "external_metadata",
            None,
        )
    }

    /// `PUT v2.1/public/contracts/{id}/external_metadata` (path documented,
    /// method inferred) with a JSON object.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Method, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert_eq!(api.contracts_update_external_metadata("T-7", serde_json::json!({"id": "crm-7"}))?.method, Method::Put);
    /// assert!(api.contracts_update_external_metadata("T-7", serde_json::json!([1])).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_update_external_metadata(
        &self,
        contract_id: &str,
        metadata: Value,
    ) -> Result<HttpRequest> {
        let body = object(metadata)?;
        self.contract_op(
            "contracts.external_metadata.update",
            Method::Put,
            contract_id,
            "external_metadata",
            Some(body),
        )
    }

    /// `GET v2.1/public/templates/` (documented), paginated.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.templates_list(1, 20)?.url.ends_with("/v2.1/public/templates/?page=1&limit=20"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn templates_list(&self, page: u32, limit: u32) -> Result<HttpRequest> {
        self.list("templates.list", "v2.1/public/templates/", page, limit)
    }

    /// `GET v2.1/public/templates/{id}/` (documented, trailing slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.templates_get("5")?.url.ends_with("/v2.1/public/templates/5/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn templates_get(&self, template_id: &str) -> Result<HttpRequest> {
        let id = integer_id(template_id)?;
        Ok(self.build(
            "templates.get",
            Method::Get,
            &format!("v2.1/public/templates/{id}/"),
            None,
        ))
    }

    /// `GET v2.1/public/templates/{id}/metadata` (documented): the fields a
    /// contract from this template needs.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.templates_metadata("5")?.url.ends_with("/v2.1/public/templates/5/metadata"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn templates_metadata(&self, template_id: &str) -> Result<HttpRequest> {
        let id = integer_id(template_id)?;
        Ok(self.build(
            "templates.metadata",
            Method::Get,
            &format!("v2.1/public/templates/{id}/metadata"),
            None,
        ))
    }

    /// `GET v2.1/public/contract_types/` (documented).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contract_types_list().url.ends_with("/v2.1/public/contract_types/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_types_list(&self) -> HttpRequest {
        self.build(
            "contract_types.list",
            Method::Get,
            "v2.1/public/contract_types/",
            None,
        )
    }

    /// `GET v2.1/public/contract_types/{id}/intake_form` (inferred).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contract_types_intake_form("3")?.url.ends_with("/contract_types/3/intake_form"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_types_intake_form(&self, contract_type_id: &str) -> Result<HttpRequest> {
        let id = integer_id(contract_type_id)?;
        let path = format!("v2.1/public/contract_types/{id}/intake_form");
        Ok(self.build("contract_types.intake_form", Method::Get, &path, None))
    }

    /// `GET v2.1/public/counter_parties/` (documented), paginated.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.counterparties_list(1, 100)?.url.ends_with("/counter_parties/?page=1&limit=100"));
    /// assert!(api.counterparties_list(1, 101).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn counterparties_list(&self, page: u32, limit: u32) -> Result<HttpRequest> {
        self.list(
            "counterparties.list",
            "v2.1/public/counter_parties/",
            page,
            limit,
        )
    }

    /// `GET v2.1/public/counter_parties/{id}` (documented, no trailing slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.counterparties_get("77")?.url.ends_with("/counter_parties/77"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn counterparties_get(&self, counterparty_id: &str) -> Result<HttpRequest> {
        let id = integer_id(counterparty_id)?;
        Ok(self.build(
            "counterparties.get",
            Method::Get,
            &format!("v2.1/public/counter_parties/{id}"),
            None,
        ))
    }

    /// `POST v2.1/public/counter_parties/` (documented).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.counterparties_create(serde_json::json!({"name": "Acme"}))?.url.ends_with("/counter_parties/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn counterparties_create(&self, body: Value) -> Result<HttpRequest> {
        let body = object(body)?;
        Ok(self.build(
            "counterparties.create",
            Method::Post,
            "v2.1/public/counter_parties/",
            Some(body),
        ))
    }

    /// `GET v2.1/public/users/` (inferred), paginated.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.users_list(1, 10)?.url.ends_with("/v2.1/public/users/?page=1&limit=10"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn users_list(&self, page: u32, limit: u32) -> Result<HttpRequest> {
        self.list("users.list", "v2.1/public/users/", page, limit)
    }

    /// `GET v2.1/public/roles/` (inferred).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.roles_list().url.ends_with("/v2.1/public/roles/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn roles_list(&self) -> HttpRequest {
        self.build("roles.list", Method::Get, "v2.1/public/roles/", None)
    }

    /// Any other endpoint, checked: `path` is relative to the `/api/` base
    /// and starts with `v2.1/public/`; `query` pairs are percent-encoded.
    ///
    /// ```
    /// use spotdraft_kit::api::{Api, ApiConfig, Method, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.request(Method::Get, "v2.1/public/contracts/T-1/approvals", &[("page", "1")], None)?;
    /// assert!(req.url.ends_with("/api/v2.1/public/contracts/T-1/approvals?page=1"));
    /// assert!(api.request(Method::Get, "/api/v2.1/public/x", &[], None).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn request(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        json_body: Option<Value>,
    ) -> Result<HttpRequest> {
        let path = checked_path(path)?;
        Ok(self.build(
            "request",
            method,
            &format!("{path}{}", query_string(query)),
            json_body,
        ))
    }

    fn contract_op(
        &self,
        operation: &'static str,
        method: Method,
        contract_id: &str,
        tail: &str,
        body: Option<Value>,
    ) -> Result<HttpRequest> {
        let id = contract_ref(contract_id)?;
        Ok(self.build(
            operation,
            method,
            &format!("v2.1/public/contracts/{id}/{tail}"),
            body,
        ))
    }

    fn list(
        &self,
        operation: &'static str,
        path: &str,
        page: u32,
        limit: u32,
    ) -> Result<HttpRequest> {
        let query = page_query(page, limit)?;
        Ok(self.build(
            operation,
            Method::Get,
            &format!("{path}{}", query_string(&query)),
            None,
        ))
    }
}

fn page_query(page: u32, limit: u32) -> Result<Vec<(String, String)>> {
    if page == 0 || limit == 0 || limit > MAX_PAGE_LIMIT {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            format!("page starts at 1 and limit is 1 to {MAX_PAGE_LIMIT}"),
        ));
    }
    Ok(vec![
        ("page".to_owned(), page.to_string()),
        ("limit".to_owned(), limit.to_string()),
    ])
}

fn object(body: Value) -> Result<Value> {
    if body.is_object() {
        Ok(body)
    } else {
        Err(Error::new(
            ErrorCode::InvalidArgument,
            "the request body must be a JSON object",
        ))
    }
}
