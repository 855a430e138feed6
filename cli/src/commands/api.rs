//! `sdkit api`: SpotDraft API calls from the command line. Core builds each
//! request and interprets each response; `crate::api_client::Client` sends
//! them (rate limit, timeouts, retries).

use std::collections::HashMap;
use std::io::Write as _;

use serde_json::{json, Map, Value};
use spotdraft_kit::api::{Api, ApiConfig, HttpRequest, Method, Operation};
use spotdraft_kit::{ErrorCode, HmacKey};

use crate::api_client::Client;
use crate::cli::{ApiArgs, ApiCommand, ContractsCommand, WebhooksCommand};
use crate::commands::outln;
use crate::errors::{CliError, CliResult};

/// A core error as the CLI reports it: `api_error` (with its HTTP status) is
/// a failed operation, anything else bad input.
pub(crate) fn api_failure(err: &spotdraft_kit::Error) -> CliError {
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

/// The API client configuration from the `SPOTDRAFT_*` environment.
pub(crate) fn config() -> CliResult<Api> {
    let env: HashMap<String, String> = std::env::vars()
        .filter(|(k, _)| k.starts_with("SPOTDRAFT_"))
        .collect();
    let config = ApiConfig::from_env_map(&env).map_err(|e| CliError::usage(e.to_string()))?;
    Ok(Api::new(config))
}

/// Writes `text` and a newline to `path`, readable by its owner only.
pub(crate) fn write_secret_file(path: &std::path::Path, text: &str) -> CliResult<()> {
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

/// The long help of `sdkit api`: examples, then every operation of the
/// table with its method, path and summary.
pub fn operations_help() -> String {
    let mut out = String::from(
        "Any operation, by name (like `gh api`):\n  \
         sdkit api contracts_status_retrieve --param composite_id=T-123\n  \
         sdkit api contracts_retrieve --filter 'last_updated_on[$gte]=2026-01-01T00:00:00Z' --all\n  \
         sdkit api contracts_status_void_create --param composite_id=T-123 --body '{\"note\": \"duplicate\"}'\n  \
         sdkit api counter_parties_create --body @counterparty.json\n\n\
         --param NAME=VALUE sets a path, query or header parameter; --filter FIELD=VALUE or\n\
         FIELD[$OP]=VALUE a list filter (a JSON list for $in); --body takes JSON, @FILE or - (stdin);\n\
         --all follows every page of a paginated operation, one JSON line per result.\n\n\
         Operations:\n",
    );
    for op in Operation::all() {
        out.push_str(&format!(
            "  {:<58} {:<6} {}\n",
            op.name,
            op.method.as_str(),
            op.path.strip_prefix("/api/").unwrap_or(op.path)
        ));
    }
    out
}

/// `--param`, `--filter`, `--body` and `--all` of `sdkit api OPERATION`,
/// turned into core's parameter object.
fn operation_params(args: &[String]) -> CliResult<(Value, bool)> {
    let mut params = Map::new();
    let mut filters = Map::new();
    let mut all = false;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let (flag, inline) = match flag.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (flag.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| CliError::usage(format!("{flag} needs a value")))
        };
        match flag {
            "--all" => all = true,
            "--param" | "-p" => {
                let text = value()?;
                let (name, v) = text.split_once('=').ok_or_else(|| {
                    CliError::usage(format!("--param wants NAME=VALUE, got {text:?}"))
                })?;
                params.insert(name.to_owned(), Value::from(v));
            }
            "--filter" => {
                let text = value()?;
                let (key, v) = text.split_once('=').ok_or_else(|| {
                    CliError::usage(format!("--filter wants FIELD[$OP]=VALUE, got {text:?}"))
                })?;
                let v = match serde_json::from_str::<Value>(v) {
                    Ok(list @ Value::Array(_)) => list,
                    _ => Value::from(v),
                };
                match key.split_once('[') {
                    Some((field, op)) => {
                        let op = op.strip_suffix(']').unwrap_or(op);
                        let entry = filters
                            .entry(field.to_owned())
                            .or_insert_with(|| Value::Object(Map::new()));
                        if let Value::Object(ops) = entry {
                            ops.insert(op.to_owned(), v);
                        }
                    }
                    None => {
                        filters.insert(key.to_owned(), v);
                    }
                }
            }
            "--body" => {
                let arg = value()?;
                let bytes = match arg.strip_prefix('@') {
                    Some(path) => crate::input::read_body(path)?,
                    None if arg == "-" => crate::input::read_body("-")?,
                    None => arg.into_bytes(),
                };
                let body = serde_json::from_slice(&bytes)
                    .map_err(|e| CliError::usage(format!("--body is not JSON: {e}")))?;
                params.insert("body".to_owned(), body);
            }
            other => {
                return Err(CliError::usage(format!(
                    "unknown option {other:?} (see sdkit api --help)"
                )))
            }
        }
    }
    if !filters.is_empty() {
        params.insert("filters".to_owned(), Value::Object(filters));
    }
    Ok((Value::Object(params), all))
}

/// Runs one API command and prints its JSON result (never a secret).
pub fn run(args: &ApiArgs) -> CliResult<i32> {
    let api = config()?;
    let client = Client::new().verbose(args.verbose);
    let call = |req: &HttpRequest| client.send(req).map_err(|e| api_failure(&e));
    let built =
        |r: spotdraft_kit::Result<HttpRequest>| r.map_err(|e| CliError::usage(e.to_string()));
    match &args.command {
        ApiCommand::Operation(words) => {
            let (name, rest) = words
                .split_first()
                .ok_or_else(|| CliError::usage("sdkit api needs an operation"))?;
            let op = Operation::find(name).ok_or_else(|| {
                CliError::usage(format!(
                    "{name:?} is not an operation (sdkit api --help lists them)"
                ))
            })?;
            let (params, all) = operation_params(rest)?;
            if !all {
                outln!("{}", call(&built(api.call_operation(op, &params))?)?);
                return Ok(0);
            }
            let mut page = op
                .first_page(&params)
                .ok_or_else(|| CliError::usage(format!("{name} is not paginated; drop --all")))?;
            loop {
                let json = call(&built(api.call_operation(op, &page))?)?;
                for item in json["results"].as_array().map_or(&[][..], Vec::as_slice) {
                    outln!("{item}");
                }
                match op.next_page(&page, &json) {
                    Some(next) => page = next,
                    None => break,
                }
            }
        }
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
            outln!(
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
            outln!("{}", call(&req)?);
        }
        ApiCommand::Webhooks(WebhooksCommand::Delete { id }) => {
            let req = built(api.webhooks_delete(id))?;
            let json = call(&req)?;
            outln!(
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
            outln!("{}", call(&req)?);
        }
        ApiCommand::Contracts(ContractsCommand::Status { id }) => {
            let req = built(api.contracts_status(id))?;
            debug_assert_eq!(req.method, Method::Get);
            outln!("{}", call(&req)?);
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
                    outln!("{json}");
                    break;
                }
                for contract in results {
                    outln!("{contract}");
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
