//! [`NativeDelivery`] and [`NativeEvent`]: core results handed to
//! JavaScript as objects whose typed fields are read through getters (no
//! JSON text on the hot path), as in the WASM module. The rarely read parts
//! cross as JSON text when asked for (`shape.rs`, shared with it).

use std::sync::Arc;

use napi_derive::napi;
use spotdraft_kit::{Delivery, Event};

use crate::shape;

/// Where an event lives: parsed alone, or inside a delivery.
enum Source {
    Event(Event),
    Delivery(Arc<Delivery>),
}

/// A verified delivery (core [`Delivery`]).
#[napi]
pub struct NativeDelivery {
    inner: Arc<Delivery>,
}

impl NativeDelivery {
    /// Wraps a core delivery.
    pub fn new(delivery: Delivery) -> Self {
        NativeDelivery {
            inner: Arc::new(delivery),
        }
    }
}

#[napi]
impl NativeDelivery {
    /// The dedupe key.
    #[napi(getter, js_name = "dedupeKey")]
    pub fn dedupe_key(&self) -> &str {
        self.inner.dedupe_key()
    }

    /// Lowercase hex SHA-256 of the body.
    #[napi(getter, js_name = "bodySha256")]
    pub fn body_sha256(&self) -> &str {
        self.inner.body_sha256()
    }

    /// The body length in bytes.
    #[napi(getter, js_name = "bodyLength")]
    pub fn body_length(&self) -> f64 {
        self.inner.body_len() as f64
    }

    /// Index of the key that matched.
    #[napi(getter, js_name = "keyIndex")]
    pub fn key_index(&self) -> u32 {
        u32::try_from(self.inner.key_index()).unwrap_or(u32::MAX)
    }

    /// The matching key's label, if any.
    #[napi(getter, js_name = "keyId")]
    pub fn key_id(&self) -> Option<&str> {
        self.inner.key_id()
    }

    /// `"current"` or `"legacy"`.
    #[napi(getter, js_name = "signatureHeader")]
    pub fn signature_header(&self) -> &'static str {
        self.inner.signature_header().as_str()
    }

    /// The log record as JSON text (core's snake_case fields).
    #[napi(js_name = "logRecord")]
    pub fn log_record(&self) -> String {
        self.inner.log_record().to_json()
    }

    /// The delivery's event.
    #[napi]
    pub fn event(&self) -> NativeEvent {
        NativeEvent {
            source: Source::Delivery(Arc::clone(&self.inner)),
        }
    }
}

/// A parsed event (core [`Event`]).
#[napi]
pub struct NativeEvent {
    source: Source,
}

impl NativeEvent {
    /// Wraps a core event.
    pub fn new(event: Event) -> Self {
        NativeEvent {
            source: Source::Event(event),
        }
    }

    fn get(&self) -> &Event {
        match &self.source {
            Source::Event(e) => e,
            Source::Delivery(d) => d.event(),
        }
    }
}

#[napi]
impl NativeEvent {
    /// The activity name as sent.
    #[napi(getter)]
    pub fn activity(&self) -> &str {
        self.get().activity().as_str()
    }

    /// Whether the activity is one SpotDraft documents.
    #[napi(getter)]
    pub fn known(&self) -> bool {
        self.get().known()
    }

    /// The activity's category.
    #[napi(getter)]
    pub fn category(&self) -> &'static str {
        self.get().category().as_str()
    }

    /// The contract id, exact or null.
    #[napi(getter, js_name = "contractId")]
    pub fn contract_id(&self) -> Option<f64> {
        shape::exact_number(self.get().contract_id())
    }

    /// The contract title.
    #[napi(getter, js_name = "contractTitle")]
    pub fn contract_title(&self) -> Option<&str> {
        self.get().contract_title()
    }

    /// The contract status.
    #[napi(getter, js_name = "contractStatus")]
    pub fn contract_status(&self) -> Option<&str> {
        self.get().contract_status()
    }

    /// The contract kind.
    #[napi(getter, js_name = "contractKind")]
    pub fn contract_kind(&self) -> Option<&str> {
        self.get().contract_kind()
    }

    /// The contract type.
    #[napi(getter, js_name = "contractType")]
    pub fn contract_type(&self) -> Option<&str> {
        self.get().contract_type()
    }

    /// The contract type id, exact or null.
    #[napi(getter, js_name = "contractTypeId")]
    pub fn contract_type_id(&self) -> Option<f64> {
        shape::exact_number(self.get().contract_type_id())
    }

    /// When the activity happened, as sent.
    #[napi(getter, js_name = "occurredAt")]
    pub fn occurred_at(&self) -> Option<&str> {
        self.get().occurred_at()
    }

    /// The external id.
    #[napi(getter, js_name = "externalId")]
    pub fn external_id(&self) -> Option<String> {
        self.get().external_id()
    }

    /// `[performedBy, businessUser, legalUser]` as JSON text.
    #[napi]
    pub fn people(&self) -> String {
        shape::people(self.get())
    }

    /// The counterparties as JSON text.
    #[napi]
    pub fn counterparties(&self) -> String {
        shape::counterparties(self.get())
    }
}
