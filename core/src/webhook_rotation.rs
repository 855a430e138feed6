//! Webhook rotation as a state machine: create the new webhook, wait for a
//! delivery to arrive at it, then delete the old one.
//!
//! The old webhook keeps delivering until the new one has proved it works,
//! so no event is lost in between (duplicates are deduped as usual). The new
//! URL must differ from the old one, so the receiver can tell which
//! webhook a delivery came through. Giving up while waiting deletes the new
//! webhook and keeps the old.
//!
//! ```
//! use serde_json::json;
//! use spotdraft_kit::webhook_registry::{WebhookRecord, WebhookSpec};
//! use spotdraft_kit::webhook_rotation::{Rotation, RotationStep};
//!
//! let old = WebhookRecord { id: "31".into(), title: "crm".into(), url: "https://hooks.example.com/sd/v1".into(),
//!     activities: vec!["CONTRACT_EXECUTED".into()], environment: "production".into() };
//! let spec = WebhookSpec::new("crm", "https://hooks.example.com/sd/v2", &["CONTRACT_EXECUTED"], "production");
//! let mut rotation = Rotation::start(&[old.clone()], "31", &spec)?;
//! let RotationStep::Create(call) = rotation.step() else { unreachable!() };
//! assert_eq!(call.operation, "webhooks_create");
//! let new = rotation.created(&json!({"id": 32, "title": "crm", "url": "https://hooks.example.com/sd/v2",
//!     "only_for_activities": ["CONTRACT_EXECUTED"]}))?; // persist `new`
//! assert!(matches!(rotation.step(), RotationStep::AwaitDelivery { .. }));
//! assert!(!rotation.delivery_at("https://hooks.example.com/sd/v1")); // still the old one
//! assert!(rotation.delivery_at("https://hooks.example.com/sd/v2"));
//! let RotationStep::DeleteOld(call) = rotation.step() else { unreachable!() };
//! assert_eq!(call.params, json!({"webhook_id": 31}));
//! rotation.deleted("31")?; // remove the old record
//! assert_eq!(rotation.step(), RotationStep::Done { kept: new });
//! # Ok::<(), spotdraft_kit::Error>(())
//! ```

use crate::error::{Error, ErrorCode, Result};
use crate::webhook_registry::{
    argument, plan_create, plan_delete, same_receiver, PlannedCall, WebhookRecord, WebhookSpec,
};

/// What the runtime does next in a [`Rotation`].
///
/// ```
/// use spotdraft_kit::webhook_rotation::RotationStep;
/// assert_eq!(RotationStep::RolledBack.name(), "rolled_back");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum RotationStep {
    /// Send this create call, then report [`Rotation::created`].
    Create(PlannedCall),
    /// Wait for a delivery at `url` (report [`Rotation::delivery_at`]) or
    /// give up ([`Rotation::give_up`]).
    AwaitDelivery {
        /// The new webhook's id.
        webhook_id: String,
        /// The new webhook's URL.
        url: String,
    },
    /// Send this delete of the old webhook, then report [`Rotation::deleted`].
    DeleteOld(PlannedCall),
    /// Send this delete of the new webhook (rolling back), then report
    /// [`Rotation::deleted`].
    DeleteNew(PlannedCall),
    /// Rotated: `kept` is the registry's webhook now.
    Done {
        /// The new webhook's record.
        kept: WebhookRecord,
    },
    /// Rolled back: the old webhook stays, nothing new remains.
    RolledBack,
}

impl RotationStep {
    /// The step's stable name.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::webhook_rotation::RotationStep::RolledBack.name(), "rolled_back");
    /// ```
    pub const fn name(&self) -> &'static str {
        match self {
            RotationStep::Create(_) => "create",
            RotationStep::AwaitDelivery { .. } => "await_delivery",
            RotationStep::DeleteOld(_) => "delete_old",
            RotationStep::DeleteNew(_) => "delete_new",
            RotationStep::Done { .. } => "done",
            RotationStep::RolledBack => "rolled_back",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum State {
    Creating(PlannedCall),
    Awaiting(WebhookRecord),
    DeletingOld(WebhookRecord),
    DeletingNew(WebhookRecord),
    Done(WebhookRecord),
    RolledBack,
}

/// One rotation of the webhook `old` to a new spec (see the module docs).
///
/// ```
/// use spotdraft_kit::webhook_registry::WebhookSpec;
/// use spotdraft_kit::webhook_rotation::Rotation;
/// let spec = WebhookSpec::new("t", "https://a.example/new", &["CONTRACT_SIGNED"], "uat");
/// assert_eq!(Rotation::start(&[], "4", &spec).unwrap_err().code().as_str(), "invalid_id");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Rotation {
    old: WebhookRecord,
    state: State,
}

impl Rotation {
    /// Starts rotating the registry's webhook `old_id` to `spec`, which must
    /// be in the same environment with a different URL.
    ///
    /// ```
    /// use spotdraft_kit::webhook_registry::{WebhookRecord, WebhookSpec};
    /// use spotdraft_kit::webhook_rotation::Rotation;
    /// let old = WebhookRecord { id: "4".into(), title: "t".into(), url: "https://a.example/h".into(),
    ///     activities: vec![], environment: "uat".into() };
    /// let same_url = WebhookSpec::new("t", "https://a.example/h/", &["CONTRACT_SIGNED"], "uat");
    /// assert!(Rotation::start(&[old], "4", &same_url).is_err());
    /// ```
    pub fn start(registry: &[WebhookRecord], old_id: &str, spec: &WebhookSpec) -> Result<Rotation> {
        // Refuses unknown ids exactly as delete does.
        plan_delete(registry, old_id, false)?;
        let old = registry
            .iter()
            .find(|r| r.id == old_id)
            .cloned()
            .ok_or_else(|| Error::new(ErrorCode::InvalidId, "webhook not in the registry"))?;
        if spec.environment != old.environment {
            return Err(argument(
                "a rotation stays in the old webhook's environment",
            ));
        }
        // The first delivery at the new webhook must be told apart.
        if same_receiver(&old.url, &spec.url) {
            return Err(argument(
                "the new webhook needs a different URL from the old, so its first delivery can be told apart",
            ));
        }
        let create = plan_create(registry, spec)?;
        Ok(Rotation {
            old,
            state: State::Creating(create),
        })
    }

    /// What to do now.
    ///
    /// ```
    /// # use spotdraft_kit::webhook_registry::{WebhookRecord, WebhookSpec};
    /// # use spotdraft_kit::webhook_rotation::Rotation;
    /// # let old = WebhookRecord { id: "4".into(), title: "t".into(), url: "https://a.example/h".into(), activities: vec![], environment: "uat".into() };
    /// let r = Rotation::start(&[old], "4", &WebhookSpec::new("t", "https://a.example/h2", &["CONTRACT_SIGNED"], "uat"))?;
    /// assert_eq!(r.step().name(), "create");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn step(&self) -> RotationStep {
        match &self.state {
            State::Creating(call) => RotationStep::Create(call.clone()),
            State::Awaiting(new) => RotationStep::AwaitDelivery {
                webhook_id: new.id.clone(),
                url: new.url.clone(),
            },
            State::DeletingOld(_) => RotationStep::DeleteOld(delete_call(&self.old.id)),
            State::DeletingNew(new) => RotationStep::DeleteNew(delete_call(&new.id)),
            State::Done(new) => RotationStep::Done { kept: new.clone() },
            State::RolledBack => RotationStep::RolledBack,
        }
    }

    /// Reports create's 201 body; returns the record to persist.
    ///
    /// ```
    /// # use spotdraft_kit::webhook_registry::{WebhookRecord, WebhookSpec};
    /// # use spotdraft_kit::webhook_rotation::Rotation;
    /// # let old = WebhookRecord { id: "4".into(), title: "t".into(), url: "https://a.example/h".into(), activities: vec![], environment: "uat".into() };
    /// let mut r = Rotation::start(&[old], "4", &WebhookSpec::new("t", "https://a.example/h2", &["CONTRACT_SIGNED"], "uat"))?;
    /// assert!(r.created(&serde_json::json!({})).is_err());
    /// assert_eq!(r.step().name(), "create");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn created(&mut self, response: &serde_json::Value) -> Result<WebhookRecord> {
        let State::Creating(_) = self.state else {
            return Err(out_of_order("created"));
        };
        let new = WebhookRecord::from_created(response, &self.old.environment)?;
        self.state = State::Awaiting(new.clone());
        Ok(new)
    }

    /// Reports a delivery that arrived at `url`; `true` when it is the new
    /// webhook's, which moves the rotation on to deleting the old one.
    ///
    /// ```
    /// # use spotdraft_kit::webhook_registry::{WebhookRecord, WebhookSpec};
    /// # use spotdraft_kit::webhook_rotation::Rotation;
    /// # let old = WebhookRecord { id: "4".into(), title: "t".into(), url: "https://a.example/h".into(), activities: vec![], environment: "uat".into() };
    /// let mut r = Rotation::start(&[old], "4", &WebhookSpec::new("t", "https://a.example/h2", &["CONTRACT_SIGNED"], "uat"))?;
    /// assert!(!r.delivery_at("https://a.example/h2")); // nothing created yet
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn delivery_at(&mut self, url: &str) -> bool {
        let State::Awaiting(new) = &self.state else {
            return false;
        };
        let same = same_receiver(&new.url, url);
        if same {
            self.state = State::DeletingOld(new.clone());
        }
        same
    }

    /// Gives up: before create nothing remains; while waiting, the new
    /// webhook is deleted.
    ///
    /// ```
    /// # use spotdraft_kit::webhook_registry::{WebhookRecord, WebhookSpec};
    /// # use spotdraft_kit::webhook_rotation::Rotation;
    /// # let old = WebhookRecord { id: "4".into(), title: "t".into(), url: "https://a.example/h".into(), activities: vec![], environment: "uat".into() };
    /// let mut r = Rotation::start(&[old], "4", &WebhookSpec::new("t", "https://a.example/h2", &["CONTRACT_SIGNED"], "uat"))?;
    /// r.give_up()?;
    /// assert_eq!(r.step().name(), "rolled_back");
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn give_up(&mut self) -> Result<()> {
        self.state = match &self.state {
            State::Creating(_) => State::RolledBack,
            State::Awaiting(new) => State::DeletingNew(new.clone()),
            _ => return Err(out_of_order("give_up")),
        };
        Ok(())
    }

    /// Reports that the delete of webhook `id` succeeded (a 204, or a 404:
    /// already gone).
    ///
    /// ```
    /// # use spotdraft_kit::webhook_registry::{WebhookRecord, WebhookSpec};
    /// # use spotdraft_kit::webhook_rotation::Rotation;
    /// # let old = WebhookRecord { id: "4".into(), title: "t".into(), url: "https://a.example/h".into(), activities: vec![], environment: "uat".into() };
    /// let mut r = Rotation::start(&[old], "4", &WebhookSpec::new("t", "https://a.example/h2", &["CONTRACT_SIGNED"], "uat"))?;
    /// assert!(r.deleted("4").is_err()); // not deleting yet
    /// # Ok::<(), spotdraft_kit::Error>(())
    /// ```
    pub fn deleted(&mut self, id: &str) -> Result<()> {
        self.state = match &self.state {
            State::DeletingOld(new) if id == self.old.id => State::Done(new.clone()),
            State::DeletingNew(new) if id == new.id => State::RolledBack,
            _ => return Err(out_of_order("deleted")),
        };
        Ok(())
    }
}

fn delete_call(id: &str) -> PlannedCall {
    PlannedCall {
        operation: crate::webhook_registry::WEBHOOK_DELETE_OPERATION,
        params: serde_json::json!({ "webhook_id": id.parse::<u64>().unwrap_or(0) }),
    }
}

fn out_of_order(event: &str) -> Error {
    argument(format!("{event} does not fit this rotation's current step"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn old() -> WebhookRecord {
        WebhookRecord {
            id: "4".into(),
            title: "t".into(),
            url: "https://a.example/h".into(),
            activities: vec!["CONTRACT_SIGNED".into()],
            environment: "uat".into(),
        }
    }

    #[test]
    fn giving_up_while_waiting_deletes_the_new_webhook() {
        let spec = WebhookSpec::new("t", "https://a.example/h2", &["CONTRACT_SIGNED"], "uat");
        let mut r = Rotation::start(&[old()], "4", &spec).unwrap();
        r.created(&json!({"id": 9, "title": "t", "url": "https://a.example/h2"}))
            .unwrap();
        assert!(r
            .created(&json!({"id": 10, "title": "t", "url": "u"}))
            .is_err());
        r.give_up().unwrap();
        assert_eq!(r.step(), RotationStep::DeleteNew(delete_call("9")));
        assert!(r.deleted("4").is_err());
        r.deleted("9").unwrap();
        assert_eq!(r.step(), RotationStep::RolledBack);
        assert!(r.give_up().is_err());
    }

    #[test]
    fn start_checks_environment_and_other_registrations() {
        let other = WebhookRecord {
            id: "5".into(),
            url: "https://a.example/h2".into(),
            environment: "production".into(),
            ..old()
        };
        let spec = WebhookSpec::new("t", "https://a.example/h2", &["CONTRACT_SIGNED"], "uat");
        assert_eq!(
            Rotation::start(&[old(), other], "4", &spec)
                .unwrap_err()
                .code(),
            ErrorCode::InvalidConfig
        );
        let prod = WebhookSpec {
            environment: "production".into(),
            ..spec
        };
        assert!(Rotation::start(&[old()], "4", &prod).is_err());
    }
}
