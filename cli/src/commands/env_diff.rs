//! `sdkit env-diff`: the core's environment drift check over two env files.

use std::collections::HashMap;
use std::path::Path;

use serde_json::json;
use spotdraft_kit::api::{compare_environments, EnvironmentProfile, Severity};

use crate::cli::EnvDiffArgs;
use crate::commands::outln;
use crate::errors::{CliError, CliResult};

/// Parses `KEY=VALUE` lines: `#` comments, blank lines, an optional
/// `export ` prefix, and single or double quotes around the value. Errors
/// name the line, never its value.
pub fn parse_env_file(path: &Path) -> CliResult<HashMap<String, String>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::usage(format!("cannot read {}: {e}", path.display())))?;
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((key, value)) = line.split_once('=') else {
            return Err(CliError::usage(format!(
                "{}:{}: expected KEY=VALUE",
                path.display(),
                n + 1
            )));
        };
        let value = value.trim();
        let value = match value.as_bytes() {
            [q @ (b'"' | b'\''), .., last] if last == q && value.len() >= 2 => {
                &value[1..value.len() - 1]
            }
            _ => value.split(" #").next().unwrap_or("").trim_end(),
        };
        out.insert(key.trim().to_owned(), value.to_owned());
    }
    Ok(out)
}

fn profile(path: &Path) -> CliResult<EnvironmentProfile> {
    let mut env = parse_env_file(path)?;
    // Unlabelled files are named after the file (uat.env -> uat).
    if !env.contains_key("SPOTDRAFT_ENVIRONMENT") {
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            env.insert("SPOTDRAFT_ENVIRONMENT".into(), stem.to_owned());
        }
    }
    EnvironmentProfile::from_env_map(&env)
        .map_err(|e| CliError::usage(format!("{}: {e}", path.display())))
}

/// Prints the findings; exit 1 when any is an error.
pub fn run(args: &EnvDiffArgs) -> CliResult<i32> {
    let a = profile(&args.first)?;
    let b = profile(&args.second)?;
    let findings = compare_environments(&a, &b);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if args.json {
        let list: Vec<_> = findings
            .iter()
            .map(|f| json!({"code": f.code, "severity": f.severity.as_str(), "message": f.message}))
            .collect();
        outln!(
            "{}",
            json!({"a": a.name, "b": b.name, "errors": errors, "findings": list})
        );
    } else if findings.is_empty() {
        outln!("no drift between {} and {}", a.name, b.name);
    } else {
        let width = findings.iter().map(|f| f.code.len()).max().unwrap_or(0);
        for f in &findings {
            outln!(
                "{:<7}  {:<width$}  {}",
                f.severity.as_str(),
                f.code,
                f.message
            );
        }
        outln!(
            "{} finding(s), {errors} error(s) between {} and {}",
            findings.len(),
            a.name,
            b.name
        );
    }
    Ok(if errors > 0 { 1 } else { 0 })
}
