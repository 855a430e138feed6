//! `--key` arguments: `[label=]<base64 | @file | env:VAR>`, repeatable, and
//! the `SPOTDRAFT_HMAC_KEYS` environment variable as the fallback.

use std::collections::HashMap;

use spotdraft_kit::{HmacKey, KeyEncoding, Verifier};

use crate::errors::{CliError, CliResult};

/// Where a key's text comes from, and its optional label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySpec {
    label: Option<String>,
    source: KeySource,
}

#[derive(Clone, PartialEq, Eq)]
enum KeySource {
    Inline(String),
    File(String),
    Env(String),
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Inline(_) => f.write_str("Inline(<redacted>)"),
            KeySource::File(p) => write!(f, "File({p:?})"),
            KeySource::Env(v) => write!(f, "Env({v:?})"),
        }
    }
}

/// Parses one `--key` value. A label is recognised when the text before the
/// first `=` is a plain name and something other than base64 padding
/// follows it (base64 only ever has `=` at its end).
pub fn parse_key_spec(arg: &str) -> Result<KeySpec, String> {
    let (label, rest) = match arg.split_once('=') {
        Some((label, rest))
            if !label.is_empty()
                && !rest.is_empty()
                && !rest.bytes().all(|b| b == b'=')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b)) =>
        {
            (Some(label.to_owned()), rest)
        }
        _ => (None, arg),
    };
    let source = if let Some(path) = rest.strip_prefix('@') {
        if path.is_empty() {
            return Err("`@` must be followed by a file name".into());
        }
        KeySource::File(path.to_owned())
    } else if let Some(var) = rest.strip_prefix("env:") {
        if var.is_empty() {
            return Err("`env:` must be followed by a variable name".into());
        }
        KeySource::Env(var.to_owned())
    } else {
        if rest.trim().is_empty() {
            return Err("the key is empty".into());
        }
        KeySource::Inline(rest.to_owned())
    };
    Ok(KeySpec { label, source })
}

impl KeySpec {
    fn describe(&self) -> String {
        match &self.source {
            KeySource::Inline(_) => "the key given inline".into(),
            KeySource::File(p) => format!("the key file {p}"),
            KeySource::Env(v) => format!("the key in ${v}"),
        }
    }

    fn text(&self) -> CliResult<String> {
        match &self.source {
            KeySource::Inline(text) => Ok(text.clone()),
            KeySource::File(path) => std::fs::read_to_string(path)
                .map(|t| t.trim_end_matches(['\r', '\n']).to_owned())
                .map_err(|e| CliError::usage(format!("cannot read key file {path}: {e}"))),
            KeySource::Env(var) => std::env::var(var)
                .map_err(|_| CliError::usage(format!("environment variable {var} is not set"))),
        }
    }

    /// Reads and decodes the key.
    pub fn load(&self, encoding: KeyEncoding) -> CliResult<HmacKey> {
        let key = HmacKey::new(&self.text()?, encoding).map_err(|e| {
            let mut err = CliError::from_core_input(&self.describe(), &e);
            if encoding == KeyEncoding::Base64 && e.code() == spotdraft_kit::ErrorCode::InvalidKey {
                err.message
                    .push_str(" (on the command line: --key-encoding utf8)");
            }
            err
        })?;
        Ok(match &self.label {
            Some(label) => key.with_id(label.clone()),
            None => key,
        })
    }
}

/// Loads every `--key`, or the `SPOTDRAFT_HMAC_KEYS` variable
/// (`label:base64,...`) when none is given.
pub fn load_keys(specs: &[KeySpec], encoding: KeyEncoding) -> CliResult<Vec<HmacKey>> {
    if specs.is_empty() {
        let env: HashMap<String, String> = std::env::vars()
            .filter(|(k, _)| k == "SPOTDRAFT_HMAC_KEYS")
            .collect();
        let keys = spotdraft_kit::api::hmac_keys_from_env_map(&env)
            .map_err(|e| CliError::from_core_input("SPOTDRAFT_HMAC_KEYS", &e))?;
        if keys.is_empty() {
            return Err(CliError::usage(
                "no key: pass --key <base64|@file|env:VAR> (or set SPOTDRAFT_HMAC_KEYS)",
            ));
        }
        return Ok(keys);
    }
    specs.iter().map(|s| s.load(encoding)).collect()
}

/// A verifier over the loaded keys.
pub fn verifier(specs: &[KeySpec], encoding: KeyEncoding) -> CliResult<Verifier> {
    Verifier::new(load_keys(specs, encoding)?).map_err(|e| CliError::from_core_input("keys", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_padding() {
        assert_eq!(parse_key_spec("abc=").unwrap().label, None);
        assert_eq!(parse_key_spec("ab==").unwrap().label, None);
        let s = parse_key_spec("prod=c2VjcmV0").unwrap();
        assert_eq!(s.label.as_deref(), Some("prod"));
        assert_eq!(s.source, KeySource::Inline("c2VjcmV0".into()));
        let s = parse_key_spec("uat=@key.txt").unwrap();
        assert_eq!(s.source, KeySource::File("key.txt".into()));
        let s = parse_key_spec("env:SD_KEY").unwrap();
        assert_eq!(s.source, KeySource::Env("SD_KEY".into()));
        assert!(parse_key_spec("@").is_err());
        assert!(!format!("{:?}", parse_key_spec("c2VjcmV0").unwrap()).contains("c2VjcmV0"));
    }
}
