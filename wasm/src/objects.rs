//! [`NativeDelivery`] and [`NativeEvent`]: core results handed to
//! JavaScript as objects whose typed fields are read through getters (no
//! JSON text on the hot path). The rarely read parts cross as JSON text
//! when asked for ([`crate::shape`]).

use std::rc::Rc;

use spotdraft_kit::{Delivery, Event};
use wasm_bindgen::prelude::*;

use crate::shape;

/// Where an event lives: parsed alone, or inside a delivery.
enum Source {
    Event(Event),
    Delivery(Rc<Delivery>),
}

/// A verified delivery (core [`Delivery`]).
#[wasm_bindgen(js_name = NativeDelivery)]
pub struct NativeDelivery {
    inner: Rc<Delivery>,
}

impl NativeDelivery {
    /// Wraps a core delivery.
    pub fn new(delivery: Delivery) -> Self {
        NativeDelivery {
            inner: Rc::new(delivery),
        }
    }
}

#[wasm_bindgen(js_class = NativeDelivery)]
impl NativeDelivery {
    /// The dedupe key.
    #[wasm_bindgen(getter, js_name = dedupeKey)]
    pub fn dedupe_key(&self) -> String {
        self.inner.dedupe_key().to_owned()
    }

    /// Lowercase hex SHA-256 of the body.
    #[wasm_bindgen(getter, js_name = bodySha256)]
    pub fn body_sha256(&self) -> String {
        self.inner.body_sha256().to_owned()
    }

    /// The body length in bytes.
    #[wasm_bindgen(getter, js_name = bodyLength)]
    pub fn body_length(&self) -> f64 {
        self.inner.body_len() as f64
    }

    /// Index of the key that matched.
    #[wasm_bindgen(getter, js_name = keyIndex)]
    pub fn key_index(&self) -> u32 {
        u32::try_from(self.inner.key_index()).unwrap_or(u32::MAX)
    }

    /// The matching key's label, if any.
    #[wasm_bindgen(getter, js_name = keyId)]
    pub fn key_id(&self) -> Option<String> {
        self.inner.key_id().map(str::to_owned)
    }

    /// `"current"` or `"legacy"`.
    #[wasm_bindgen(getter, js_name = signatureHeader)]
    pub fn signature_header(&self) -> String {
        self.inner.signature_header().as_str().to_owned()
    }

    /// The log record as JSON text (core's snake_case fields).
    #[wasm_bindgen(js_name = logRecord)]
    pub fn log_record(&self) -> String {
        self.inner.log_record().to_json()
    }

    /// The delivery's event.
    pub fn event(&self) -> NativeEvent {
        NativeEvent {
            source: Source::Delivery(Rc::clone(&self.inner)),
        }
    }
}

/// A parsed event (core [`Event`]).
#[wasm_bindgen(js_name = NativeEvent)]
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

#[wasm_bindgen(js_class = NativeEvent)]
impl NativeEvent {
    /// The activity name as sent.
    #[wasm_bindgen(getter)]
    pub fn activity(&self) -> String {
        self.get().activity().as_str().to_owned()
    }

    /// Whether the activity is one SpotDraft documents.
    #[wasm_bindgen(getter)]
    pub fn known(&self) -> bool {
        self.get().known()
    }

    /// The activity's category.
    #[wasm_bindgen(getter)]
    pub fn category(&self) -> String {
        self.get().category().as_str().to_owned()
    }

    /// The contract id, exact or null.
    #[wasm_bindgen(getter, js_name = contractId)]
    pub fn contract_id(&self) -> Option<f64> {
        shape::exact_number(self.get().contract_id())
    }

    /// The contract title.
    #[wasm_bindgen(getter, js_name = contractTitle)]
    pub fn contract_title(&self) -> Option<String> {
        self.get().contract_title().map(str::to_owned)
    }

    /// The contract status.
    #[wasm_bindgen(getter, js_name = contractStatus)]
    pub fn contract_status(&self) -> Option<String> {
        self.get().contract_status().map(str::to_owned)
    }

    /// The contract kind.
    #[wasm_bindgen(getter, js_name = contractKind)]
    pub fn contract_kind(&self) -> Option<String> {
        self.get().contract_kind().map(str::to_owned)
    }

    /// The contract type.
    #[wasm_bindgen(getter, js_name = contractType)]
    pub fn contract_type(&self) -> Option<String> {
        self.get().contract_type().map(str::to_owned)
    }

    /// The contract type id, exact or null.
    #[wasm_bindgen(getter, js_name = contractTypeId)]
    pub fn contract_type_id(&self) -> Option<f64> {
        shape::exact_number(self.get().contract_type_id())
    }

    /// When the activity happened, as sent.
    #[wasm_bindgen(getter, js_name = occurredAt)]
    pub fn occurred_at(&self) -> Option<String> {
        self.get().occurred_at().map(str::to_owned)
    }

    /// The external id.
    #[wasm_bindgen(getter, js_name = externalId)]
    pub fn external_id(&self) -> Option<String> {
        self.get().external_id()
    }

    /// `[performedBy, businessUser, legalUser]` as JSON text.
    pub fn people(&self) -> String {
        shape::people(self.get())
    }

    /// The counterparties as JSON text.
    pub fn counterparties(&self) -> String {
        shape::counterparties(self.get())
    }
}
