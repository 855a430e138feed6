//! Fetch the workspace's HMAC key and register a webhook: the README's
//! three lines, as a program.
//!
//! ```text
//! SPOTDRAFT_REGION=us SPOTDRAFT_CLIENT_ID=... SPOTDRAFT_CLIENT_SECRET=... \
//!   cargo run -p spotdraft-kit-cli --example register_webhook -- https://hooks.example.com/spotdraft
//! ```
//!
//! `Client` is `src/api_client.rs`, the executor `sdkit api` uses: copy
//! it (and `src/clock.rs`) to call SpotDraft from your own Rust code.

// An example is an I/O edge: it reads the environment and the clock.
#![allow(clippy::disallowed_methods)]

// Only part of the client (and of the clock it reads) is used here.
#[allow(dead_code)]
#[path = "../src/api_client.rs"]
mod api_client;
#[allow(dead_code)]
#[path = "../src/clock.rs"]
mod clock;

use std::collections::HashMap;

use api_client::Client;
use spotdraft_kit::api::{Api, ApiConfig};
use spotdraft_kit::HmacKey;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args()
        .nth(1)
        .ok_or("usage: register_webhook <https-url>")?;
    let env: HashMap<String, String> = std::env::vars().collect();
    let (api, client) = (Api::new(ApiConfig::from_env_map(&env)?), Client::new());

    let hmac_key = client.send(&api.webhooks_hmac_key()?)?["hmac_key"].clone();
    let webhook = client.send(&api.webhooks_create("CRM sync", &url, &["CONTRACT_EXECUTED"])?)?;

    // Never print the key itself: its fingerprint identifies it in logs.
    let key = HmacKey::from_base64(hmac_key.as_str().ok_or("no hmac_key in the answer")?)?;
    println!(
        "{{\"webhook\":{},\"key_fingerprint\":\"{}\"}}",
        webhook["id"],
        key.fingerprint()
    );
    Ok(())
}
