//! [`Api`]: the request builder of one workspace. [`Api::call`] builds
//! any operation of the table; the typed methods here are one-liners over
//! it for the operations integrations use most, named for what they do.
//! Every method, path and body rule comes from the operation table, which
//! is generated from SpotDraft's OpenAPI schema.

use serde_json::{json, Map, Value};

use super::config::ApiConfig;
use super::path::{checked_path, query_string};
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

    /// `webhooks_hmac_key_get`: the workspace's base64 HMAC key,
    /// `{"hmac_key": "..."}`.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.webhooks_hmac_key()?.url.ends_with("/v2.1/public/webhooks/hmac_key/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn webhooks_hmac_key(&self) -> Result<HttpRequest> {
        self.call("webhooks_hmac_key_get", &Value::Null)
    }

    /// `webhooks_create`: registers a webhook for a non-empty list of
    /// documented activities (duplicates dropped); the URL must be https,
    /// because SpotDraft delivers only over HTTPS.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.webhooks_create("t", "https://hooks.example.com", &["CONTRACT_SIGNED"]).is_ok());
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
        let url = url.trim();
        let mut list: Vec<String> = Vec::with_capacity(activities.len());
        for a in activities {
            match Activity::known(a.trim()) {
                Some(known) if !list.iter().any(|k| k == known.as_str()) => {
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
        let body = json!({"title": title.trim(), "url": url, "only_for_activities": list});
        self.call("webhooks_create", &json!({ "body": body }))
    }

    /// `webhooks_destroy` (`DELETE webhooks/{webhook_id}`, no trailing slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.webhooks_delete("12")?.url.ends_with("/v2.1/public/webhooks/12"));
    /// assert!(api.webhooks_delete("twelve").is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn webhooks_delete(&self, webhook_id: &str) -> Result<HttpRequest> {
        self.call(
            "webhooks_destroy",
            &json!({ "webhook_id": webhook_id.trim() }),
        )
    }

    /// `contracts_webhooks_re_trigger_latest_create`: re-sends the latest
    /// webhook of each contract.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.webhooks_re_trigger_latest(&[42, 43])?;
    /// assert_eq!(req.body.as_deref(), Some(&br#"{"contract_ids":[42,43]}"#[..]));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn webhooks_re_trigger_latest(&self, contract_ids: &[u64]) -> Result<HttpRequest> {
        self.call(
            "contracts_webhooks_re_trigger_latest_create",
            &json!({ "body": { "contract_ids": contract_ids } }),
        )
    }

    /// `contracts_retrieve`: a page of contracts. Filters are `(field, op,
    /// value)` with `op` one of the field's operators (`eq`, `gte`, `in`...;
    /// an `in` value is a comma-separated list), e.g.
    /// `("last_updated_on", "gte", "2026-01-01T00:00:00Z")`.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.contracts_list(2, 50, &[("contract_id", "in", "T-1,T-2")])?;
    /// assert!(req.url.ends_with("/v2.1/public/contracts/?limit=50&page=2&filter__contract_id[$in]=T-1%2CT-2"));
    /// assert!(api.contracts_list(1, 10, &[("contract_id", "gte", "T-1")]).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_list(
        &self,
        page: u32,
        limit: u32,
        filters: &[(&str, &str, &str)],
    ) -> Result<HttpRequest> {
        let mut by_field = Map::new();
        for (field, op, value) in filters {
            let value = if op.trim_start_matches('$') == "in" {
                Value::from(value.split(',').collect::<Vec<_>>())
            } else {
                Value::from(*value)
            };
            let ops = by_field
                .entry((*field).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(ops) = ops {
                ops.insert(format!("${}", op.trim_start_matches('$')), value);
            }
        }
        let mut params = json!({ "page": page, "limit": limit });
        if !by_field.is_empty() {
            params["filters"] = Value::Object(by_field);
        }
        self.call("contracts_retrieve", &params)
    }

    /// `contracts_create` with the caller's JSON body (checked against the
    /// schema: `contract_template_id`, `contract_data` and
    /// `counter_party_details` are required).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_create(serde_json::json!({"template_id": 3})).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_create(&self, body: Value) -> Result<HttpRequest> {
        self.call("contracts_create", &json!({ "body": body }))
    }

    /// `contracts_status_retrieve` (`GET contracts/{composite_id}/status`).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_status("T-7")?.url.ends_with("/contracts/T-7/status"));
    /// assert!(api.contracts_status("../admin").is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_status(&self, contract_id: &str) -> Result<HttpRequest> {
        self.on_contract("contracts_status_retrieve", contract_id, None)
    }

    /// `contracts_key_pointers_retrieve`.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_key_pointers("H-9")?.url.ends_with("/contracts/H-9/key_pointers"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_key_pointers(&self, contract_id: &str) -> Result<HttpRequest> {
        self.on_contract("contracts_key_pointers_retrieve", contract_id, None)
    }

    /// `contracts_download_link_create`, optionally with a format
    /// (`PDF`, `DOCX` or `DOCX_WITH_FALLBACK_TO_PDF`; SpotDraft's default
    /// is PDF). The answer holds a signed URL: never log it.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Method, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert_eq!(api.contracts_download_link("T-7", Some("DOCX"))?.method, Method::Post);
    /// assert!(api.contracts_download_link("T-7", Some("pdf")).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_download_link(
        &self,
        contract_id: &str,
        format: Option<&str>,
    ) -> Result<HttpRequest> {
        let body = format.map(|f| json!({ "format": f }));
        self.on_contract("contracts_download_link_create", contract_id, body)
    }

    /// `contracts_send_to_counterparties_create` (the body needs
    /// `attachment_formats`).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let body = serde_json::json!({"attachment_formats": ["PDF"]});
    /// assert!(api.contracts_send_to_counterparties("T-7", body)?.url.ends_with("/send_to_counterparties"));
    /// assert!(api.contracts_send_to_counterparties("T-7", serde_json::json!({})).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_send_to_counterparties(
        &self,
        contract_id: &str,
        body: Value,
    ) -> Result<HttpRequest> {
        self.on_contract(
            "contracts_send_to_counterparties_create",
            contract_id,
            Some(body),
        )
    }

    /// `contracts_mark_for_execution_create` (with a trailing slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_mark_for_execution("T-7")?.url.ends_with("/mark_for_execution/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_mark_for_execution(&self, contract_id: &str) -> Result<HttpRequest> {
        self.on_contract("contracts_mark_for_execution_create", contract_id, None)
    }

    /// `contracts_unmark_for_execution_create` (without a trailing slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_unmark_for_execution("T-7")?.url.ends_with("/unmark_for_execution"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_unmark_for_execution(&self, contract_id: &str) -> Result<HttpRequest> {
        self.on_contract("contracts_unmark_for_execution_create", contract_id, None)
    }

    /// `contracts_status_void_create` (`POST contracts/{composite_id}/status/void`
    /// with `{"note": ...}`, answered 204).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.contracts_void("T-7", "duplicate")?;
    /// assert!(req.url.ends_with("/contracts/T-7/status/void"));
    /// assert!(api.contracts_void("T-7", "").is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_void(&self, contract_id: &str, note: &str) -> Result<HttpRequest> {
        let body = json!({ "note": note });
        self.on_contract("contracts_status_void_create", contract_id, Some(body))
    }

    /// `contracts_by_external_metadata_retrieve`: contracts carrying the
    /// integration's own record id (a bare array).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_by_external_metadata("crm/7")?.url.ends_with("/by_external_metadata/crm%2F7"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_by_external_metadata(&self, external_id: &str) -> Result<HttpRequest> {
        self.call(
            "contracts_by_external_metadata_retrieve",
            &json!({ "external_metadata_id": external_id.trim() }),
        )
    }

    /// `contracts_external_metadata_retrieve`.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contracts_external_metadata("T-7")?.url.ends_with("/contracts/T-7/external_metadata"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_external_metadata(&self, contract_id: &str) -> Result<HttpRequest> {
        self.call(
            "contracts_external_metadata_retrieve",
            &json!({ "contract_id": contract_id.trim() }),
        )
    }

    /// `contracts_external_metadata_create`: `POST` with
    /// `{"external_metadata": metadata}`.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Method, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.contracts_update_external_metadata("T-7", serde_json::json!({"id": "crm-7"}))?;
    /// assert_eq!(req.method, Method::Post);
    /// assert_eq!(req.body.as_deref(), Some(&br#"{"external_metadata":{"id":"crm-7"}}"#[..]));
    /// assert!(api.contracts_update_external_metadata("T-7", serde_json::json!([1])).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contracts_update_external_metadata(
        &self,
        contract_id: &str,
        metadata: Value,
    ) -> Result<HttpRequest> {
        self.call(
            "contracts_external_metadata_create",
            &json!({ "contract_id": contract_id.trim(), "body": { "external_metadata": metadata } }),
        )
    }

    /// `templates_list` (not paginated).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.templates_list()?.url.ends_with("/v2.1/public/templates/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn templates_list(&self) -> Result<HttpRequest> {
        self.call("templates_list", &Value::Null)
    }

    /// `templates_retrieve_by_id` (trailing slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.templates_get("5")?.url.ends_with("/v2.1/public/templates/5/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn templates_get(&self, template_id: &str) -> Result<HttpRequest> {
        self.call(
            "templates_retrieve_by_id",
            &json!({ "template_id": template_id.trim() }),
        )
    }

    /// `templates_metadata_retrieve`: the fields a contract from this
    /// template needs.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.templates_metadata("5")?.url.ends_with("/v2.1/public/templates/5/metadata"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn templates_metadata(&self, template_id: &str) -> Result<HttpRequest> {
        self.call(
            "templates_metadata_retrieve",
            &json!({ "template_id": template_id.trim() }),
        )
    }

    /// `contract_types_retrieve`.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contract_types_list()?.url.ends_with("/v2.1/public/contract_types/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_types_list(&self) -> Result<HttpRequest> {
        self.call("contract_types_retrieve", &Value::Null)
    }

    /// `contract_types_intake_form_questionnaire_retrieve`.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.contract_types_intake_form("3")?.url.ends_with("/contract_types/3/intake_form/questionnaire/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn contract_types_intake_form(&self, contract_type_id: &str) -> Result<HttpRequest> {
        self.call(
            "contract_types_intake_form_questionnaire_retrieve",
            &json!({ "contract_type_id": contract_type_id.trim() }),
        )
    }

    /// `counter_parties_list`, a page.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.counterparties_list(1, 100)?.url.ends_with("/counter_parties/?limit=100&page=1"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn counterparties_list(&self, page: u32, limit: u32) -> Result<HttpRequest> {
        self.call(
            "counter_parties_list",
            &json!({ "page": page, "limit": limit }),
        )
    }

    /// `counter_parties_retrieve_by_id` (no trailing slash).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.counterparties_get("77")?.url.ends_with("/counter_parties/77"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn counterparties_get(&self, counterparty_id: &str) -> Result<HttpRequest> {
        self.call(
            "counter_parties_retrieve_by_id",
            &json!({ "counterparty_id": counterparty_id.trim() }),
        )
    }

    /// `counter_parties_create` (the body needs `is_individual`).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let body = serde_json::json!({"is_individual": false, "organization_name": "Acme"});
    /// assert!(api.counterparties_create(body)?.url.ends_with("/counter_parties/"));
    /// assert!(api.counterparties_create(serde_json::json!({"name": "Acme"})).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn counterparties_create(&self, body: Value) -> Result<HttpRequest> {
        self.call("counter_parties_create", &json!({ "body": body }))
    }

    /// `auth_users_retrieve` (`auth/users/`), a page.
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.users_list(1, 10)?.url.ends_with("/v2.1/public/auth/users/?limit=10&page=1"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn users_list(&self, page: u32, limit: u32) -> Result<HttpRequest> {
        self.call(
            "auth_users_retrieve",
            &json!({ "page": page, "limit": limit }),
        )
    }

    /// `auth_roles_retrieve` (`auth/roles/`).
    ///
    /// ```
    /// # use spotdraft_kit::api::{Api, ApiConfig, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// assert!(api.roles_list()?.url.ends_with("/v2.1/public/auth/roles/"));
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn roles_list(&self) -> Result<HttpRequest> {
        self.call("auth_roles_retrieve", &Value::Null)
    }

    /// A raw request outside the table (prefer [`Api::call`]), checked:
    /// `path` is relative to the `/api/` base and starts with
    /// `v2.1/public/`; `query` pairs are percent-encoded.
    ///
    /// ```
    /// use spotdraft_kit::api::{Api, ApiConfig, Method, Region};
    /// # let api = Api::new(ApiConfig::new(Region::Us, "i", "s")?);
    /// let req = api.request(Method::Get, "v2.1/public/contracts/approvals/T-1/", &[("page", "1")], None)?;
    /// assert!(req.url.ends_with("/api/v2.1/public/contracts/approvals/T-1/?page=1"));
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
        let mut headers = vec![("accept".to_owned(), "application/json".to_owned())];
        if let Some(token) = self.config.oauth_token() {
            headers.push(("authorization".to_owned(), format!("Bearer {token}")));
        } else {
            headers.push(("client-id".to_owned(), self.config.client_id().to_owned()));
            headers.push((
                "client-secret".to_owned(),
                self.config.client_secret().to_owned(),
            ));
            if let Some(email) = self.config.user_email() {
                headers.push(("user-email".to_owned(), email.to_owned()));
            }
        }
        if json_body.is_some() {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        headers.push(("user-agent".to_owned(), USER_AGENT.to_owned()));
        Ok(HttpRequest {
            method,
            url: format!("{}{path}{}", self.config.base_url(), query_string(query)),
            headers,
            body: json_body.map(|b| b.to_string().into_bytes()),
            operation: "request",
            environment: self.config.environment().to_owned(),
        })
    }

    fn on_contract(
        &self,
        operation: &str,
        contract_id: &str,
        body: Option<Value>,
    ) -> Result<HttpRequest> {
        let mut params = json!({ "composite_id": contract_id.trim() });
        if let Some(body) = body {
            params["body"] = body;
        }
        self.call(operation, &params)
    }
}

/// The `user-agent` every request carries.
pub(crate) const USER_AGENT: &str = concat!("spotdraft-kit/", env!("CARGO_PKG_VERSION"));
