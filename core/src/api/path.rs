//! Validation and percent-encoding of path parameters and query strings,
//! so no caller can produce `//`, a second `/api`, `..` or a foreign host.

use crate::error::{Error, ErrorCode, Result};

/// Characters left as they are in a path segment or query component
/// (RFC 3986 unreserved); everything else is percent-encoded.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes every byte outside the RFC 3986 unreserved set.
///
/// ```
/// assert_eq!(spotdraft_kit::api::percent_encode("a b/c?d"), "a%20b%2Fc%3Fd");
/// ```
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn invalid(what: &str, why: &str) -> Error {
    Error::new(ErrorCode::InvalidId, format!("{what} {why}"))
}

/// A contract id as the contract endpoints take it: a composite id such as
/// `T-123` (template) or `H-123` (historical), or a plain number: the
/// pattern `^[HT\-0-9]+$` SpotDraft documents.
///
/// ```
/// use spotdraft_kit::api::contract_ref;
/// assert_eq!(contract_ref("T-123")?, "T-123");
/// assert_eq!(contract_ref(" 42 ")?, "42");
/// assert!(contract_ref("../admin").is_err());
/// assert!(contract_ref("").is_err());
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn contract_ref(id: &str) -> Result<String> {
    let id = id.trim();
    if id.is_empty() || id.len() > 32 {
        return Err(invalid("contract id", "must be 1 to 32 characters"));
    }
    if !id
        .bytes()
        .all(|b| matches!(b, b'H' | b'T' | b'-' | b'0'..=b'9'))
        || !id.bytes().any(|b| b.is_ascii_digit())
    {
        return Err(invalid(
            "contract id",
            "must look like T-123, H-123 or 123 (pattern ^[HT-0-9]+$)",
        ));
    }
    Ok(id.to_owned())
}

/// An integer id (webhooks, templates, counterparties, contract types):
/// decimal digits, positive, at most 18 digits.
///
/// ```
/// use spotdraft_kit::api::integer_id;
/// assert_eq!(integer_id("007")?, "7");
/// assert!(integer_id("7a").is_err());
/// assert!(integer_id("0").is_err());
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn integer_id(id: &str) -> Result<String> {
    let id = id.trim();
    if id.is_empty() || id.len() > 18 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("id", "must be a positive integer"));
    }
    match id.parse::<u64>() {
        Ok(0) | Err(_) => Err(invalid("id", "must be a positive integer")),
        Ok(n) => Ok(n.to_string()),
    }
}

/// A free-text id placed in a path (external metadata ids): 1 to 256
/// characters without control characters, percent-encoded so `/`, `?` and
/// `..` cannot change the path.
///
/// ```
/// use spotdraft_kit::api::text_id;
/// assert_eq!(text_id("crm/7 a")?, "crm%2F7%20a");
/// assert!(text_id("..").is_err());
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn text_id(id: &str) -> Result<String> {
    if id.is_empty() || id.len() > 256 || id.chars().any(char::is_control) {
        return Err(invalid(
            "id",
            "must be 1 to 256 characters without control characters",
        ));
    }
    if id == "." || id == ".." {
        return Err(invalid("id", "must not be . or .."));
    }
    Ok(percent_encode(id))
}

/// Builds `?a=1&b=2` from pairs (empty string when there are none); names
/// and values are percent-encoded, except `$` in names, which SpotDraft's
/// `filter__field$op` syntax needs.
///
/// ```
/// let q = spotdraft_kit::api::query_string(&[("page", "2"), ("filter__client_name$eq", "A&B")]);
/// assert_eq!(q, "?page=2&filter__client_name$eq=A%26B");
/// ```
pub fn query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(&percent_encode(k.as_ref()).replace("%24", "$"));
        out.push('=');
        out.push_str(&percent_encode(v.as_ref()));
    }
    out
}

/// Checks a relative API path for [`crate::api::Api::request`]: it must start
/// with `v2.1/public/` (or `v2/public/`), contain no `//`, `..`, query,
/// fragment, scheme or `/api`, and only path-safe characters.
pub(crate) fn checked_path(path: &str) -> Result<&str> {
    let path = path.trim();
    let bad = |why: &str| Err(invalid("path", why));
    let path = path.strip_prefix('/').unwrap_or(path);
    if !(path.starts_with("v2.1/public/") || path.starts_with("v2/public/")) {
        return bad("must start with v2.1/public/ (relative to the regional /api/ base)");
    }
    if path.contains("//") || path.split('/').any(|s| s == "." || s == "..") {
        return bad("must not contain // or dot segments");
    }
    if path.contains("/api/") || path.contains(':') {
        return bad("must not contain /api/ or a scheme");
    }
    if !path
        .bytes()
        .all(|b| is_unreserved(b) || matches!(b, b'/' | b'%'))
    {
        return bad("may contain only unreserved characters; percent-encode the rest");
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_paths() {
        assert!(checked_path("v2.1/public/contracts/").is_ok());
        assert!(checked_path("/v2.1/public/contracts/T-1/status").is_ok());
        for bad in [
            "api/v2.1/public/x",
            "v2.1/public//x",
            "v2.1/public/../x",
            "v2.1/public/x?y=1",
            "https://evil.example/v2.1/public/",
            "v2.1/public/api/x",
            "v2.1/public/a b",
        ] {
            assert!(checked_path(bad).is_err(), "{bad}");
        }
    }
}
