//! Pagination, sans-I/O: given the parameters of one page of a paginated
//! operation and its answer, the parameters of the next page, or `None`
//! when the walk is over. Every runtime's `paginate` iterator loops on it.

use serde_json::Value;

use super::operation::Operation;

/// The page size a walk uses when the caller gives none.
pub const DEFAULT_PAGE_LIMIT: u64 = 100;

impl Operation {
    /// The parameters of the first page: the caller's, with `page` 1 and
    /// `limit` [`DEFAULT_PAGE_LIMIT`] unless given. `None` if the operation
    /// is not paginated.
    ///
    /// ```
    /// use serde_json::json;
    /// let op = spotdraft_kit::api::Operation::find("contracts_retrieve").unwrap();
    /// assert_eq!(op.first_page(&json!({"limit": 20})), Some(json!({"limit": 20, "page": 1})));
    /// assert!(spotdraft_kit::api::Operation::find("templates_list").unwrap().first_page(&json!({})).is_none());
    /// ```
    pub fn first_page(&self, params: &Value) -> Option<Value> {
        if !self.is_paginated() {
            return None;
        }
        let mut params = match params {
            Value::Object(map) => Value::Object(map.clone()),
            _ => Value::Object(serde_json::Map::new()),
        };
        if params.get("limit").is_none() && self.param("limit").is_some() {
            params["limit"] = Value::from(DEFAULT_PAGE_LIMIT);
        }
        if params.get("page").is_none() {
            params["page"] = Value::from(1);
        }
        Some(params)
    }

    /// The parameters of the page after the one `params` asked for, given
    /// its answer; `None` when that was the last page (fewer `results`
    /// than `limit`, none at all, or `total_results` reached).
    ///
    /// ```
    /// use serde_json::json;
    /// let op = spotdraft_kit::api::Operation::find("contracts_retrieve").unwrap();
    /// let first = json!({"page": 1, "limit": 2});
    /// let full = json!({"total_results": 3, "results": [{}, {}]});
    /// assert_eq!(op.next_page(&first, &full), Some(json!({"page": 2, "limit": 2})));
    /// let last = json!({"total_results": 3, "results": [{}]});
    /// assert_eq!(op.next_page(&json!({"page": 2, "limit": 2}), &last), None);
    /// assert_eq!(op.next_page(&first, &json!({"total_results": 2, "results": [{}, {}]})), None);
    /// ```
    pub fn next_page(&self, params: &Value, response: &Value) -> Option<Value> {
        if !self.is_paginated() || !(params.is_object() || params.is_null()) {
            return None;
        }
        let number = |v: &Value| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        };
        let page = params.get("page").and_then(number).unwrap_or(1);
        let results = response.get("results").and_then(Value::as_array)?.len() as u64;
        let limit = params
            .get("limit")
            .and_then(number)
            .or_else(|| response.get("limit").and_then(number))
            .unwrap_or(results);
        if results == 0 || results < limit {
            return None;
        }
        let total = response.get("total_results").and_then(Value::as_u64);
        if total.is_some_and(|t| page.saturating_mul(limit) >= t) {
            return None;
        }
        let mut next = params.clone();
        next["page"] = Value::from(page + 1);
        Some(next)
    }
}
