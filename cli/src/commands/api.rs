//! `sdkit api`: SpotDraft API calls from the command line. Core builds each
//! request and interprets each response; `crate::api_client::Client` sends
//! them (rate limit, timeouts, retries).

use std::collections::HashMap;
use std::io::Write as _;

use serde_json::json;
use spotdraft_kit::api::{Api, ApiConfig, HttpRequest, Method};
use spotdraft_kit::{ErrorCode, HmacKey};

use crate::api_client::Client;
use crate::cli::{ApiArgs, ApiCommand, ContractsCommand, WebhooksCommand};
use crate::errors::{CliError, CliResult};

fn api_failure(err: &spotdraft_kit::Error) -> CliError {
    let status = err
        .api_details()
        .map(|d| format!(" (HTTP {})", d.status))
        .filter(|_| err.api_details().is_some_and(|d| d.status != 0))
        .unwrap_or_default();
    match err.code() {
        ErrorCode::ApiError => CliError::failure(format!("{err}{status}")),
        _ => CliError::usage(err.to_string()),
    }
}

fn config() -> CliResult<Api> {
    let env: HashMap<String, String> = std::env::vars()
        .filter(|(k, _)| k.starts_with("SPOTDRAFT_"))
        .collect();
    let config = ApiConfig::from_env_map(&env).map_err(|e| CliError::usage(e.to_string()))?;
    Ok(Api::new(config))
}

fn write_secret_file(path: &std::path::Path, text: &str) -> CliResult<()> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| CliError::usage(format!("cannot write {}: {e}", path.display())))?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.write_all(b"\n"))
        .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))
}

/// `FIELD:OP:VALUE` filters (`client_name:eq:Acme`) into triples.
fn parse_filters(filters: &[String]) -> CliResult<Vec<(&str, &str, &str)>> {
    filters
        .iter()
        .map(|f| {
            let mut parts = f.splitn(3, ':');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(field), Some(op), Some(value)) => Ok((field, op, value)),
                _ => Err(CliError::usage(format!(
                    "--filter wants FIELD:OP:VALUE (e.g. client_name:eq:Acme), got {f:?}"
                ))),
            }
        })
        .collect()
}

/// Runs one API command and prints its JSON result (never a secret).
pub fn run(args: &ApiArgs) -> CliResult<i32> {
    let api = config()?;
    let client = Client::new().verbose(args.verbose);
    let call = |req: &HttpRequest| client.send(req).map_err(|e| api_failure(&e));
    let built =
        |r: spotdraft_kit::Result<HttpRequest>| r.map_err(|e| CliError::usage(e.to_string()));
    match &args.command {
        ApiCommand::HmacKey { write } => {
            let json = call(&built(api.webhooks_hmac_key())?)?;
            let key = json["hmac_key"]
                .as_str()
                .ok_or_else(|| CliError::failure("the response has no hmac_key"))?;
            let parsed = HmacKey::from_base64(key).map_err(|e| {
                CliError::failure(format!("SpotDraft returned an unusable key: {e}"))
            })?;
            if let Some(path) = write {
                write_secret_file(path, key)?;
            }
            println!(
                "{}",
                json!({
                    "environment": api.config().environment(),
                    "fingerprint": parsed.fingerprint(),
                    "written_to": write.as_ref().map(|p| p.display().to_string()),
                })
            );
        }
        ApiCommand::Webhooks(WebhooksCommand::Create {
            title,
            url,
            activities,
        }) => {
            let activities: Vec<&str> = activities.iter().map(String::as_str).collect();
            let req = built(api.webhooks_create(title, url, &activities))?;
            println!("{}", call(&req)?);
        }
        ApiCommand::Webhooks(WebhooksCommand::Delete { id }) => {
            let req = built(api.webhooks_delete(id))?;
            let json = call(&req)?;
            println!(
                "{}",
                if json.is_null() {
                    json!({"deleted": id})
                } else {
                    json
                }
            );
        }
        ApiCommand::Webhooks(WebhooksCommand::ReTrigger { contract_ids }) => {
            let req = built(api.webhooks_re_trigger_latest(contract_ids))?;
            println!("{}", call(&req)?);
        }
        ApiCommand::Contracts(ContractsCommand::Status { id }) => {
            let req = built(api.contracts_status(id))?;
            debug_assert_eq!(req.method, Method::Get);
            println!("{}", call(&req)?);
        }
        ApiCommand::Contracts(ContractsCommand::List {
            page,
            limit,
            all,
            filters,
        }) => {
            let filters = parse_filters(filters)?;
            let mut page = *page;
            loop {
                let json = call(&built(api.contracts_list(page, *limit, &filters))?)?;
                let results = json["results"].as_array().map_or(&[][..], Vec::as_slice);
                if !all {
                    println!("{json}");
                    break;
                }
                for contract in results {
                    println!("{contract}");
                }
                // The last page is short (or empty); `total_results`, when
                // present, ends the walk without one more call.
                let seen = u64::from(page) * u64::from(*limit);
                let total = json["total_results"].as_u64();
                if results.len() < *limit as usize || total.is_some_and(|t| seen >= t) {
                    break;
                }
                page += 1;
            }
        }
    }
    Ok(0)
}
