//! API path parameters and the generic request: whatever the input, a built
//! URL stays on the configured host under one /api/ with no // in its path.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use spotdraft_kit::api::{Api, ApiConfig, Method, Region};

#[derive(Arbitrary, Debug)]
struct Input {
    id: String,
    path: String,
    query: Vec<(String, String)>,
}

fn check(url: &str) {
    let rest = url.strip_prefix("https://api.us.spotdraft.com/api/").expect("stays on the host");
    assert!(rest.starts_with("v2.1/public/") || rest.starts_with("v2/public/"), "{url}");
    let path = rest.split('?').next().unwrap_or("");
    assert!(!path.contains("//") && !path.contains("/api/") && !path.split('/').any(|s| s == ".."), "{url}");
}

fuzz_target!(|input: Input| {
    let api = Api::new(ApiConfig::new(Region::Us, "fuzz", "fuzz-secret").unwrap());
    for req in [
        api.contracts_status(&input.id),
        api.webhooks_delete(&input.id),
        api.contracts_by_external_metadata(&input.id),
        api.templates_metadata(&input.id),
    ]
    .into_iter()
    .flatten()
    {
        check(&req.url);
    }
    let query: Vec<(&str, &str)> = input.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    if let Ok(req) = api.request(Method::Get, &input.path, &query, None) {
        check(&req.url);
    }
});
