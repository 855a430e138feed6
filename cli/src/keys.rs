//! `--key` arguments: `[label=]<@file | env:VAR | cred:NAME | - | base64>`,
//! repeatable, and the `SPOTDRAFT_HMAC_KEYS` environment variable as the
//! fallback.
//!
//! Every source but the inline one stays out of `ps`: a file, a variable,
//! a systemd credential (`$CREDENTIALS_DIRECTORY/NAME`) or standard input.

use std::collections::HashMap;

use spotdraft_kit::{HmacKey, KeyEncoding, KeyPolicy, Verifier};

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
    Credential(String),
    Stdin,
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Inline(_) => f.write_str("Inline(<redacted>)"),
            KeySource::File(p) => write!(f, "File({p:?})"),
            KeySource::Env(v) => write!(f, "Env({v:?})"),
            KeySource::Credential(n) => write!(f, "Credential({n:?})"),
            KeySource::Stdin => f.write_str("Stdin"),
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
    } else if let Some(name) = rest.strip_prefix("cred:") {
        if name.is_empty() || name.contains('/') {
            return Err("`cred:` must be followed by a credential name (no `/`)".into());
        }
        KeySource::Credential(name.to_owned())
    } else if rest == "-" {
        KeySource::Stdin
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
            KeySource::Credential(n) => format!("the credential {n}"),
            KeySource::Stdin => "the key on standard input".into(),
        }
    }

    /// The environment variable this key is read from, if any: `serve`
    /// keeps it out of handler environments.
    pub fn env_var(&self) -> Option<&str> {
        match &self.source {
            KeySource::Env(v) => Some(v),
            _ => None,
        }
    }

    /// Why this key source is unsafe for a long-running process, if it is:
    /// an inline key shows in `ps` and in shell history.
    pub fn exposure_warning(&self) -> Option<String> {
        matches!(self.source, KeySource::Inline(_)).then(|| {
            "a key given inline on the command line shows in `ps` and shell history; \
             use --key @FILE, env:VAR, cred:NAME (systemd LoadCredential) or - (stdin)"
                .to_owned()
        })
    }

    /// For `@FILE` and `cred:NAME`: an error when others may read or
    /// anyone but the owner may write the file, a warning when its group
    /// may read it.
    pub fn check_permissions(&self) -> CliResult<Option<String>> {
        use std::os::unix::fs::PermissionsExt as _;
        let path = match &self.source {
            KeySource::File(p) => std::path::PathBuf::from(p),
            KeySource::Credential(n) => credential_path(n)?,
            _ => return Ok(None),
        };
        let Ok(meta) = std::fs::metadata(&path) else {
            // Not readable: text() reports it with the reason.
            return Ok(None);
        };
        let mode = meta.permissions().mode() & 0o777;
        let shown = path.display();
        if mode & 0o027 != 0 {
            return Err(CliError::usage(format!(
                "the key file {shown} has mode {mode:03o}: others can read or change it; \
                 run chmod 600 {shown}"
            )));
        }
        Ok((mode & 0o040 != 0).then(|| {
            format!("the key file {shown} is readable by its group (mode {mode:03o}); chmod 600 it")
        }))
    }

    fn text(&self) -> CliResult<String> {
        match &self.source {
            KeySource::Inline(text) => Ok(text.clone()),
            KeySource::File(path) => read_line_file(std::path::Path::new(path), "key file"),
            KeySource::Env(var) => std::env::var(var)
                .map_err(|_| CliError::usage(format!("environment variable {var} is not set"))),
            KeySource::Credential(name) => read_line_file(&credential_path(name)?, "credential"),
            KeySource::Stdin => {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .map_err(|e| CliError::usage(format!("cannot read the key from stdin: {e}")))?;
                Ok(line.trim_end_matches(['\r', '\n']).to_owned())
            }
        }
    }

    /// Reads and decodes the key.
    pub fn load(&self, encoding: KeyEncoding, policy: KeyPolicy) -> CliResult<HmacKey> {
        let text = self.text()?;
        let key = HmacKey::new_with_policy(&text, encoding, policy).map_err(|e| {
            let mut err = CliError::from_core_input(&self.describe(), &e);
            let only_short = policy == KeyPolicy::Strict
                && HmacKey::new_with_policy(&text, encoding, KeyPolicy::AllowShort).is_ok();
            if only_short {
                err.message
                    .push_str(" (on the command line: --allow-short-keys)");
            } else if encoding == KeyEncoding::Base64
                && e.code() == spotdraft_kit::ErrorCode::InvalidKey
            {
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

/// A file's text without its trailing line break.
fn read_line_file(path: &std::path::Path, what: &str) -> CliResult<String> {
    std::fs::read_to_string(path)
        .map(|t| t.trim_end_matches(['\r', '\n']).to_owned())
        .map_err(|e| CliError::usage(format!("cannot read {what} {}: {e}", path.display())))
}

/// `$CREDENTIALS_DIRECTORY/NAME`: where systemd puts a `LoadCredential=`.
fn credential_path(name: &str) -> CliResult<std::path::PathBuf> {
    let dir = std::env::var_os("CREDENTIALS_DIRECTORY").ok_or_else(|| {
        CliError::usage(format!(
            "--key cred:{name}: CREDENTIALS_DIRECTORY is not set (systemd sets it for \
             LoadCredential=)"
        ))
    })?;
    Ok(std::path::Path::new(&dir).join(name))
}

/// Loads every `--key`, or the `SPOTDRAFT_HMAC_KEYS` variable
/// (`label:base64,...`) when none is given.
pub fn load_keys(
    specs: &[KeySpec],
    encoding: KeyEncoding,
    policy: KeyPolicy,
) -> CliResult<Vec<HmacKey>> {
    if specs.is_empty() {
        let env: HashMap<String, String> = std::env::vars()
            .filter(|(k, _)| k == "SPOTDRAFT_HMAC_KEYS")
            .collect();
        let list = env.get("SPOTDRAFT_HMAC_KEYS").map_or("", String::as_str);
        let keys = spotdraft_kit::api::hmac_keys_from_list_with_policy(list, policy)
            .map_err(|e| CliError::from_core_input("SPOTDRAFT_HMAC_KEYS", &e))?;
        if keys.is_empty() {
            return Err(CliError::usage(
                "no key: pass --key <base64|@file|env:VAR> (or set SPOTDRAFT_HMAC_KEYS)",
            ));
        }
        return Ok(keys);
    }
    specs.iter().map(|s| s.load(encoding, policy)).collect()
}

/// A verifier over the loaded keys.
pub fn verifier(
    specs: &[KeySpec],
    encoding: KeyEncoding,
    policy: KeyPolicy,
) -> CliResult<Verifier> {
    Verifier::new(load_keys(specs, encoding, policy)?)
        .map_err(|e| CliError::from_core_input("keys", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_padding() {
        assert_eq!(parse_key_spec("abc=").unwrap().label, None);
        assert_eq!(parse_key_spec("ab==").unwrap().label, None);
        let s = parse_key_spec("prod=c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==").unwrap();
        assert_eq!(s.label.as_deref(), Some("prod"));
        assert_eq!(s.source, KeySource::Inline("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==".into()));
        let s = parse_key_spec("uat=@key.txt").unwrap();
        assert_eq!(s.source, KeySource::File("key.txt".into()));
        let s = parse_key_spec("env:SD_KEY").unwrap();
        assert_eq!(s.source, KeySource::Env("SD_KEY".into()));
        assert!(parse_key_spec("@").is_err());
        let s = parse_key_spec("prod=cred:hmac").unwrap();
        assert_eq!(s.source, KeySource::Credential("hmac".into()));
        assert!(parse_key_spec("cred:../x").is_err());
        assert_eq!(parse_key_spec("-").unwrap().source, KeySource::Stdin);
        assert!(parse_key_spec("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==")
            .unwrap()
            .exposure_warning()
            .is_some());
        assert!(parse_key_spec("@k").unwrap().exposure_warning().is_none());
        assert!(!format!("{:?}", parse_key_spec("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==").unwrap()).contains("c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ=="));
    }

    #[test]
    fn key_files_readable_by_others_are_refused() {
        use std::os::unix::fs::PermissionsExt as _;
        let path = std::env::temp_dir().join(format!("sdkit-keymode-{}", std::process::id()));
        std::fs::write(&path, "c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ==\n").unwrap();
        let spec = parse_key_spec(&format!("@{}", path.display())).unwrap();
        let set = |mode| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode));
        set(0o644).unwrap();
        let err = spec.check_permissions().unwrap_err();
        assert!(err.message.contains("chmod 600"), "{}", err.message);
        set(0o640).unwrap();
        assert!(spec.check_permissions().unwrap().is_some());
        set(0o600).unwrap();
        assert!(spec.check_permissions().unwrap().is_none());
        std::fs::remove_file(&path).unwrap();
    }
}
