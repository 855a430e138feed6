//! The reconcile planner: find the contracts whose state moved without a
//! delivery reaching the inbox, sans-I/O.
//!
//! Webhooks are lifecycle signals and can be lost; SpotDraft's repair
//! strategy is polling by `last_updated_on`. A [`Reconcile`] is given the
//! checkpoint of the last sweep, the time this sweep starts and what the
//! inbox has seen per contract (the latest activity timestamp per contract
//! id). It plans the listing calls ([`CONTRACTS_LIST_OPERATION`] with
//! `filters: {last_updated_on: {"$gte": checkpoint}}`, paginated, handed to
//! the API layer's `call(operation, params)` and sent by the runtime's
//! executor under its rate limiter), consumes each page, and ends with one
//! of two repairs for every contract that moved without a delivery:
//!
//! - [`ReconcileMode::Synthetic`]: a [`SyntheticDelivery`], a payload with
//!   `"source": "reconcile"` and the contract's fresh status, deduped like
//!   any other delivery;
//! - [`ReconcileMode::ReTrigger`]: calls of [`RE_TRIGGER_OPERATION`] with at
//!   most [`RE_TRIGGER_BATCH_SIZE`] contract ids each.
//!
//! A listed contract has moved without a delivery when the inbox has seen
//! nothing for it at or after its `last_updated_on` (or, when a listing
//! carries no `last_updated_on`, at or after the checkpoint). Listed
//! contracts whose `last_updated_on` is before the checkpoint are ignored.
//!
//! # Synthetic delivery identity
//! The payload is, in this key order and serialised compactly:
//! `{"activity": "CONTRACT_RECONCILED", "source": "reconcile",
//! "contract_id": <id>, "contract_status": <status or null>,
//! "activity_data": {"timestamp": <T>, "performed_by": {"name": "SYSTEM"}}}`,
//! where `T` is the listing's `last_updated_on` as SpotDraft wrote it, or
//! the sweep's `as_of` when the listing has none. Its dedupe key is the
//! ordinary `sdk1` key of that payload (activity, contract id, `T`), so two
//! sweeps that see the same change enqueue one job; `CONTRACT_RECONCILED`
//! is this kit's own activity, never sent by SpotDraft.
//!
//! ```
//! use serde_json::json;
//! use spotdraft_kit::reconcile::{Reconcile, ReconcileMode, CONTRACTS_LIST_OPERATION};
//!
//! let seen = [(1, "2026-11-02T09:00:00Z".to_string())];
//! let mut sweep = Reconcile::new("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", &seen, ReconcileMode::Synthetic)?;
//! let first = sweep.first_call();
//! assert_eq!(first.operation, CONTRACTS_LIST_OPERATION);
//! assert_eq!(first.params["filters"]["last_updated_on"]["$gte"], "2026-11-02T00:00:00Z");
//! // ... the runtime sends api.call(first.operation, &first.params) and hands back the JSON:
//! let page = json!({"page": 1, "limit": 100, "total_results": 2, "results": [
//!     {"id": 1, "contract_status": "SIGN", "last_updated_on": "2026-11-02T08:00:00Z"},
//!     {"id": 2, "contract_status": "EXECUTED", "last_updated_on": "2026-11-02T10:00:00Z"}]});
//! assert!(sweep.consume_page(&page)?.is_none()); // no further page
//! let outcome = sweep.finish();
//! assert_eq!(outcome.moved, vec![2]);
//! assert_eq!(outcome.deliveries[0].contract_id, 2);
//! assert!(outcome.deliveries[0].dedupe_key.starts_with("sdk1:"));
//! assert!(outcome.complete);
//! assert_eq!(outcome.next_checkpoint, "2026-11-03T00:00:00Z");
//! # Ok::<(), spotdraft_kit::Error>(())
//! ```

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use crate::error::{Error, ErrorCode, Result};
use crate::fingerprint::{body_sha256, dedupe_key};
use crate::timestamp::timestamp_ms;

/// The operation that lists contracts (`GET v2.1/public/contracts/`).
///
/// ```
/// assert_eq!(spotdraft_kit::reconcile::CONTRACTS_LIST_OPERATION, "contracts_retrieve");
/// ```
pub const CONTRACTS_LIST_OPERATION: &str = "contracts_retrieve";
/// The operation that re-sends the latest webhook per contract
/// (`POST v2.1/public/contracts/webhooks/re_trigger_latest/`).
///
/// ```
/// assert!(spotdraft_kit::reconcile::RE_TRIGGER_OPERATION.contains("re_trigger_latest"));
/// ```
pub const RE_TRIGGER_OPERATION: &str = "contracts_webhooks_re_trigger_latest_create";
/// Contracts per listing page (SpotDraft's largest page).
///
/// ```
/// assert_eq!(spotdraft_kit::reconcile::RECONCILE_PAGE_LIMIT, 100);
/// ```
pub const RECONCILE_PAGE_LIMIT: u64 = 100;
/// Contract ids per `re_trigger_latest` call; each call is one request
/// under the executor's rate limiter.
///
/// ```
/// assert_eq!(spotdraft_kit::reconcile::RE_TRIGGER_BATCH_SIZE, 50);
/// ```
pub const RE_TRIGGER_BATCH_SIZE: usize = 50;
/// Pages one sweep reads at most (100 000 contracts), so a server that
/// never stops paging cannot keep a sweep running.
///
/// ```
/// assert_eq!(spotdraft_kit::reconcile::MAX_RECONCILE_PAGES, 1000);
/// ```
pub const MAX_RECONCILE_PAGES: u64 = 1000;
/// The activity of a synthetic reconciliation delivery.
///
/// ```
/// assert_eq!(spotdraft_kit::reconcile::RECONCILED_ACTIVITY, "CONTRACT_RECONCILED");
/// ```
pub const RECONCILED_ACTIVITY: &str = "CONTRACT_RECONCILED";

/// One API call for the runtime to make: an operation of SpotDraft's
/// operation table and its `call` parameters.
///
/// ```
/// let c = spotdraft_kit::reconcile::PlannedCall { operation: "contracts_retrieve", params: serde_json::json!({"page": 1}) };
/// assert_eq!(c.params["page"], 1);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedCall {
    /// The operation name.
    pub operation: &'static str,
    /// Its parameters (`page`, `limit`, `filters`, `body`, ...).
    pub params: Value,
}

/// Which repair a sweep plans for a contract that moved without a delivery.
///
/// ```
/// assert_eq!(spotdraft_kit::reconcile::ReconcileMode::parse("retrigger")?.as_str(), "retrigger");
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReconcileMode {
    /// Enqueue a synthetic delivery marked `source: reconcile`.
    Synthetic,
    /// Ask SpotDraft to re-send the latest webhook, in batches.
    ReTrigger,
}

impl ReconcileMode {
    /// `synthetic` or `retrigger`.
    ///
    /// ```
    /// assert!(spotdraft_kit::reconcile::ReconcileMode::parse("both").is_err());
    /// ```
    pub fn parse(name: &str) -> Result<ReconcileMode> {
        match name {
            "synthetic" => Ok(ReconcileMode::Synthetic),
            "retrigger" => Ok(ReconcileMode::ReTrigger),
            _ => Err(Error::new(
                ErrorCode::InvalidArgument,
                "reconcile mode must be \"synthetic\" or \"retrigger\"",
            )),
        }
    }

    /// The stable name.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::reconcile::ReconcileMode::Synthetic.as_str(), "synthetic");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ReconcileMode::Synthetic => "synthetic",
            ReconcileMode::ReTrigger => "retrigger",
        }
    }
}

/// A reconciliation job for one contract, ready for the inbox.
///
/// ```
/// # use spotdraft_kit::reconcile::{Reconcile, ReconcileMode};
/// # let mut s = Reconcile::new("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", &[], ReconcileMode::Synthetic)?;
/// # s.consume_page(&serde_json::json!({"results": [{"id": 9, "contract_status": "SIGN"}]}))?;
/// let d = &s.finish().deliveries[0];
/// assert!(std::str::from_utf8(&d.body).unwrap().contains(r#""source":"reconcile""#));
/// assert_eq!(d.status.as_deref(), Some("SIGN"));
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticDelivery {
    /// The contract id (as webhooks carry it).
    pub contract_id: u64,
    /// The contract's fresh status from the listing.
    pub status: Option<String>,
    /// The payload bytes (see the module docs for its identity).
    pub body: Vec<u8>,
    /// Its `sdk1` dedupe key.
    pub dedupe_key: String,
    /// SHA-256 of `body`.
    pub body_sha256: String,
}

/// What a finished sweep found and what to do about it.
///
/// ```
/// # use spotdraft_kit::reconcile::{Reconcile, ReconcileMode};
/// let s = Reconcile::new("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", &[], ReconcileMode::ReTrigger)?;
/// let outcome = s.finish(); // before any page: incomplete, checkpoint kept
/// assert!(outcome.moved.is_empty() && outcome.re_trigger.is_empty());
/// assert!(!outcome.complete && outcome.next_checkpoint == "2026-01-01T00:00:00Z");
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ReconcileOutcome {
    /// Contract ids that moved without a delivery, in listing order.
    pub moved: Vec<u64>,
    /// Synthetic deliveries ([`ReconcileMode::Synthetic`]).
    pub deliveries: Vec<SyntheticDelivery>,
    /// `re_trigger_latest` calls ([`ReconcileMode::ReTrigger`]).
    pub re_trigger: Vec<PlannedCall>,
    /// Listed ids that are not webhook contract ids (e.g. `H-12`): left to
    /// the integration.
    pub unresolved: Vec<String>,
    /// Pages consumed.
    pub pages: u64,
    /// Whether the listing was read to its end (not given up on by the
    /// runtime, nor cut at [`MAX_RECONCILE_PAGES`]).
    pub complete: bool,
    /// The checkpoint for the next sweep: this sweep's `as_of` when the
    /// listing is complete, else the old checkpoint (so nothing is skipped).
    pub next_checkpoint: String,
}

/// One reconcile sweep (see the module docs).
///
/// ```
/// # use spotdraft_kit::reconcile::{Reconcile, ReconcileMode};
/// assert!(Reconcile::new("yesterday", "2026-01-02T00:00:00Z", &[], ReconcileMode::Synthetic).is_err());
/// ```
#[derive(Clone, Debug)]
pub struct Reconcile {
    checkpoint: String,
    checkpoint_ms: i64,
    as_of: String,
    mode: ReconcileMode,
    seen: HashMap<u64, i64>,
    page: u64,
    done: bool,
    truncated: bool,
    listed: HashSet<u64>,
    moved: Vec<(u64, Option<String>, String)>,
    unresolved: Vec<String>,
}

impl Reconcile {
    /// A sweep from `checkpoint` (ISO-8601), starting at `as_of`
    /// (ISO-8601, the runtime's clock), with the inbox's latest activity
    /// timestamp per contract id.
    ///
    /// ```
    /// # use spotdraft_kit::reconcile::{Reconcile, ReconcileMode};
    /// let seen = [(7, "2026-01-01T10:00:00+05:30".to_string())];
    /// assert!(Reconcile::new("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", &seen, ReconcileMode::Synthetic).is_ok());
    /// # let bad = [(7, "soon".to_string())];
    /// # assert!(Reconcile::new("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", &bad, ReconcileMode::Synthetic).is_err());
    /// ```
    pub fn new(
        checkpoint: &str,
        as_of: &str,
        seen: &[(u64, String)],
        mode: ReconcileMode,
    ) -> Result<Reconcile> {
        let checkpoint_ms = timestamp_ms(checkpoint).ok_or_else(|| bad_time("checkpoint"))?;
        timestamp_ms(as_of).ok_or_else(|| bad_time("as_of"))?;
        let mut latest = HashMap::with_capacity(seen.len());
        for (id, at) in seen {
            let ms = timestamp_ms(at).ok_or_else(|| bad_time("a seen timestamp"))?;
            let slot = latest.entry(*id).or_insert(ms);
            *slot = (*slot).max(ms);
        }
        Ok(Reconcile {
            checkpoint: checkpoint.to_owned(),
            checkpoint_ms,
            as_of: as_of.to_owned(),
            mode,
            seen: latest,
            page: 0,
            done: false,
            truncated: false,
            listed: HashSet::new(),
            moved: Vec::new(),
            unresolved: Vec::new(),
        })
    }

    /// The first listing call.
    ///
    /// ```
    /// # use spotdraft_kit::reconcile::{Reconcile, ReconcileMode};
    /// let s = Reconcile::new("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", &[], ReconcileMode::Synthetic)?;
    /// assert_eq!(s.first_call().params["page"], 1);
    /// assert_eq!(s.first_call().params["limit"], 100);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn first_call(&self) -> PlannedCall {
        self.list_call(1)
    }

    /// Consumes the answer to the last listing call (`{page, limit,
    /// total_results, results}`) and returns the next call, or `None` when
    /// the listing is complete.
    ///
    /// ```
    /// # use spotdraft_kit::reconcile::{Reconcile, ReconcileMode};
    /// let mut s = Reconcile::new("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", &[], ReconcileMode::Synthetic)?;
    /// let ids: Vec<_> = (1..=100).map(|i| serde_json::json!({"id": i})).collect();
    /// let next = s.consume_page(&serde_json::json!({"total_results": 150, "results": ids}))?;
    /// assert_eq!(next.unwrap().params["page"], 2);
    /// assert!(s.consume_page(&serde_json::json!("nope")).is_err());
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn consume_page(&mut self, page: &Value) -> Result<Option<PlannedCall>> {
        let results = page
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidArgument,
                    "a contracts page must be an object with a results array",
                )
            })?;
        if self.done {
            return Err(Error::new(
                ErrorCode::InvalidArgument,
                "this sweep has no listing call outstanding",
            ));
        }
        self.page += 1;
        for contract in results {
            self.consider(contract);
        }
        let limit = RECONCILE_PAGE_LIMIT;
        let more = match page.get("total_results").and_then(Value::as_u64) {
            Some(total) => self.page.saturating_mul(limit) < total,
            None => results.len() as u64 >= limit,
        };
        if !more || results.is_empty() || self.page >= MAX_RECONCILE_PAGES {
            self.truncated = more && !results.is_empty();
            self.done = true;
            return Ok(None);
        }
        Ok(Some(self.list_call(self.page + 1)))
    }

    /// Ends the sweep with its repairs; before the listing's end (the
    /// runtime gave up) the repairs found so far, marked incomplete.
    ///
    /// ```
    /// # use spotdraft_kit::reconcile::{Reconcile, ReconcileMode, RE_TRIGGER_OPERATION};
    /// let mut s = Reconcile::new("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", &[], ReconcileMode::ReTrigger)?;
    /// s.consume_page(&serde_json::json!({"results": [{"id": 3}, {"id": "T-4"}, {"id": "H-5"}]}))?;
    /// let outcome = s.finish();
    /// assert_eq!(outcome.re_trigger[0].operation, RE_TRIGGER_OPERATION);
    /// assert_eq!(outcome.re_trigger[0].params, serde_json::json!({"body": {"contract_ids": [3, 4]}}));
    /// assert_eq!(outcome.unresolved, vec!["H-5"]);
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn finish(self) -> ReconcileOutcome {
        let moved: Vec<u64> = self.moved.iter().map(|(id, _, _)| *id).collect();
        let (deliveries, re_trigger) = match self.mode {
            ReconcileMode::Synthetic => (
                self.moved
                    .into_iter()
                    .map(|(id, status, at)| synthetic_delivery(id, status, &at))
                    .collect(),
                Vec::new(),
            ),
            ReconcileMode::ReTrigger => (
                Vec::new(),
                moved
                    .chunks(RE_TRIGGER_BATCH_SIZE)
                    .map(|ids| PlannedCall {
                        operation: RE_TRIGGER_OPERATION,
                        params: json!({"body": {"contract_ids": ids}}),
                    })
                    .collect(),
            ),
        };
        let complete = self.done && !self.truncated;
        ReconcileOutcome {
            moved,
            deliveries,
            re_trigger,
            unresolved: self.unresolved,
            pages: self.page,
            complete,
            next_checkpoint: if complete {
                self.as_of
            } else {
                self.checkpoint
            },
        }
    }

    fn list_call(&self, page: u64) -> PlannedCall {
        PlannedCall {
            operation: CONTRACTS_LIST_OPERATION,
            params: json!({
                "page": page,
                "limit": RECONCILE_PAGE_LIMIT,
                "filters": {"last_updated_on": {"$gte": self.checkpoint}},
            }),
        }
    }

    fn consider(&mut self, contract: &Value) {
        let Some(raw_id) = contract.get("id") else {
            return;
        };
        let Some(id) = webhook_contract_id(raw_id) else {
            if let Some(text) = raw_id.as_str() {
                if !self.unresolved.iter().any(|u| u == text) && self.unresolved.len() < 10_000 {
                    self.unresolved.push(text.chars().take(64).collect());
                }
            }
            return;
        };
        if !self.listed.insert(id) {
            return; // listed twice (pages shifted during the sweep)
        }
        let updated = contract.get("last_updated_on").and_then(Value::as_str);
        let updated_ms = updated.and_then(timestamp_ms);
        if updated_ms.is_some_and(|ms| ms < self.checkpoint_ms) {
            return;
        }
        let since = updated_ms.unwrap_or(self.checkpoint_ms);
        if self.seen.get(&id).is_some_and(|&seen| seen >= since) {
            return;
        }
        let status = ["contract_status", "status", "display_status"]
            .iter()
            .find_map(|k| contract.get(*k).and_then(Value::as_str))
            .map(|s| s.chars().take(64).collect());
        let at = match (updated, updated_ms) {
            (Some(text), Some(_)) => text.to_owned(),
            _ => self.as_of.clone(),
        };
        self.moved.push((id, status, at));
    }
}

/// A listing's `id` as the integer webhooks carry: an integer, a string of
/// digits, or a template contract's composite id `T-<digits>`.
fn webhook_contract_id(id: &Value) -> Option<u64> {
    let parsed = match id {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => {
            let digits = s.strip_prefix("T-").unwrap_or(s);
            if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                None
            } else {
                digits.parse().ok()
            }
        }
        _ => None,
    };
    parsed.filter(|&n| n > 0)
}

fn synthetic_delivery(contract_id: u64, status: Option<String>, at: &str) -> SyntheticDelivery {
    let payload = json!({
        "activity": RECONCILED_ACTIVITY,
        "source": "reconcile",
        "contract_id": contract_id,
        "contract_status": status,
        "activity_data": {"timestamp": at, "performed_by": {"name": "SYSTEM"}},
    });
    let body = payload.to_string().into_bytes();
    let body_sha256 = body_sha256(&body);
    let dedupe_key = match crate::event::parse_event(&body) {
        Ok(event) => dedupe_key(&event, &body_sha256),
        // Unreachable: the payload is an object with a string activity.
        Err(_) => format!("sdk1:body:{body_sha256}"),
    };
    SyntheticDelivery {
        contract_id,
        status,
        body,
        dedupe_key,
        body_sha256,
    }
}

fn bad_time(what: &str) -> Error {
    Error::new(
        ErrorCode::InvalidArgument,
        format!("{what} must be an ISO-8601 date-time such as 2026-11-02T10:00:00Z"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_stop_at_the_bound_even_if_the_server_never_does() {
        let mut s = Reconcile::new(
            "2026-01-01T00:00:00Z",
            "2026-01-02T00:00:00Z",
            &[],
            ReconcileMode::ReTrigger,
        )
        .unwrap();
        let full: Vec<Value> = (1..=100).map(|i| json!({"id": i})).collect();
        let page = json!({"total_results": u64::MAX, "results": full});
        let mut calls = 1;
        while s.consume_page(&page).unwrap().is_some() {
            calls += 1;
        }
        assert_eq!(calls, MAX_RECONCILE_PAGES);
        assert!(s.consume_page(&page).is_err());
        let outcome = s.finish();
        assert!(!outcome.complete);
        assert_eq!(outcome.next_checkpoint, "2026-01-01T00:00:00Z");
        assert_eq!(
            outcome.moved.len(),
            100,
            "ids listed again are counted once"
        );
        assert_eq!(outcome.re_trigger.len(), 2);
    }

    #[test]
    fn ids_that_are_not_webhook_ids_are_unresolved() {
        for (id, want) in [
            (json!(0), None),
            (json!(-3), None),
            (json!("T-"), None),
            (json!("12"), Some(12)),
            (json!(1.5), None),
            (json!("T-99999999999999999999"), None),
        ] {
            assert_eq!(webhook_contract_id(&id), want, "{id}");
        }
    }
}
