//! Case-insensitive header lookup over any header map, and the choice of
//! signature header.
//!
//! [`HeaderSource`] is implemented for slices and vectors of `(name, value)`
//! pairs, `HashMap`/`BTreeMap` of strings, and `http::HeaderMap` (feature
//! `http`). Bindings convert their runtime's headers into pairs.

use std::collections::{BTreeMap, HashMap};

use crate::error::{Error, ErrorCode, Result};

/// The current signature header.
///
/// ```
/// assert_eq!(spotdraft_kit::SIGNATURE_HEADER, "X-SD-WEBHOOK-CONTENT-HASH");
/// ```
pub const SIGNATURE_HEADER: &str = "X-SD-WEBHOOK-CONTENT-HASH";
/// The legacy signature header, used only when the current one is absent.
///
/// ```
/// assert_eq!(spotdraft_kit::LEGACY_SIGNATURE_HEADER, "X-SD-CONTENT-HASH");
/// ```
pub const LEGACY_SIGNATURE_HEADER: &str = "X-SD-CONTENT-HASH";

/// Anything that can list the values of a header by name.
///
/// Implementations must match `name` case-insensitively and call `each` once
/// per value (a header may appear more than once).
///
/// ```
/// use spotdraft_kit::HeaderSource;
/// let headers = [("Content-Type", "application/json"), ("X-A", "1"), ("x-a", "2")];
/// let mut seen = Vec::new();
/// headers.for_each_value("x-a", &mut |v| seen.push(v.to_vec()));
/// assert_eq!(seen, [b"1".to_vec(), b"2".to_vec()]);
/// ```
pub trait HeaderSource {
    /// Calls `each` with every value of header `name` (ASCII
    /// case-insensitive).
    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8]));
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderSource for [(K, V)] {
    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        for (k, v) in self {
            if k.as_ref().eq_ignore_ascii_case(name) {
                each(v.as_ref());
            }
        }
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> HeaderSource for [(K, V); N] {
    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        self.as_slice().for_each_value(name, each)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> HeaderSource for Vec<(K, V)> {
    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        self.as_slice().for_each_value(name, each)
    }
}

impl<V: AsRef<[u8]>, S> HeaderSource for HashMap<String, V, S> {
    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        for (k, v) in self {
            if k.eq_ignore_ascii_case(name) {
                each(v.as_ref());
            }
        }
    }
}

impl<V: AsRef<[u8]>> HeaderSource for BTreeMap<String, V> {
    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        for (k, v) in self {
            if k.eq_ignore_ascii_case(name) {
                each(v.as_ref());
            }
        }
    }
}

#[cfg(feature = "http")]
impl HeaderSource for http::HeaderMap {
    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        for v in self.get_all(name) {
            each(v.as_bytes());
        }
    }
}

impl<T: HeaderSource + ?Sized> HeaderSource for &T {
    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        (**self).for_each_value(name, each)
    }
}

/// Which header carried the signature.
///
/// ```
/// assert_eq!(spotdraft_kit::SignatureHeader::Legacy.as_str(), "legacy");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureHeader {
    /// `X-SD-WEBHOOK-CONTENT-HASH`.
    Current,
    /// `X-SD-CONTENT-HASH` (older integrations).
    Legacy,
}

impl SignatureHeader {
    /// `"current"` or `"legacy"`.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::SignatureHeader::Current.as_str(), "current");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            SignatureHeader::Current => "current",
            SignatureHeader::Legacy => "legacy",
        }
    }

    /// The header name.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::SignatureHeader::Current.name(), "X-SD-WEBHOOK-CONTENT-HASH");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            SignatureHeader::Current => SIGNATURE_HEADER,
            SignatureHeader::Legacy => LEGACY_SIGNATURE_HEADER,
        }
    }
}

/// Finds the signature header value: the current header, else the legacy
/// one. A header repeated with different values is
/// [`ErrorCode::MalformedSignature`]; absent both, [`ErrorCode::MissingSignature`].
///
/// ```
/// use spotdraft_kit::{find_signature, ErrorCode, SignatureHeader};
/// let (which, value) = find_signature(&[("x-sd-content-hash", "ab")])?;
/// assert_eq!((which, value.as_slice()), (SignatureHeader::Legacy, &b"ab"[..]));
/// let err = find_signature(&[("X-SD-WEBHOOK-CONTENT-HASH", "a"), ("x-sd-webhook-content-hash", "b")]).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::MalformedSignature);
/// # Ok::<(), spotdraft_kit::Error>(())
/// ```
pub fn find_signature<H: HeaderSource + ?Sized>(headers: &H) -> Result<(SignatureHeader, Vec<u8>)> {
    for which in [SignatureHeader::Current, SignatureHeader::Legacy] {
        if let Some(value) = single_value(headers, which.name())? {
            return Ok((which, value));
        }
    }
    Err(Error::new(
        ErrorCode::MissingSignature,
        "no X-SD-WEBHOOK-CONTENT-HASH (or legacy X-SD-CONTENT-HASH) header; \
         is the request coming from SpotDraft, and does a proxy strip headers?",
    ))
}

fn single_value<H: HeaderSource + ?Sized>(headers: &H, name: &str) -> Result<Option<Vec<u8>>> {
    let mut first: Option<Vec<u8>> = None;
    let mut conflict = false;
    headers.for_each_value(name, &mut |value| match &first {
        None => first = Some(value.to_vec()),
        Some(seen) => conflict |= seen.trim_ascii() != value.trim_ascii(),
    });
    if conflict {
        return Err(Error::new(
            ErrorCode::MalformedSignature,
            format!("the {name} header is present more than once with different values"),
        ));
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_pairs_agree() {
        let sig = "ab".repeat(64);
        let mut hash = HashMap::new();
        hash.insert("X-Sd-Webhook-Content-Hash".to_string(), sig.clone());
        let mut tree = BTreeMap::new();
        tree.insert("x-sd-content-hash".to_string(), sig.clone());
        assert_eq!(
            find_signature(&hash).unwrap(),
            (SignatureHeader::Current, sig.clone().into_bytes())
        );
        assert_eq!(
            find_signature(&tree).unwrap(),
            (SignatureHeader::Legacy, sig.clone().into_bytes())
        );
        let same_twice = [
            ("x-sd-webhook-content-hash", sig.as_str()),
            ("X-SD-WEBHOOK-CONTENT-HASH", sig.as_str()),
        ];
        assert_eq!(
            find_signature(&same_twice).unwrap().0,
            SignatureHeader::Current
        );
    }

    #[cfg(feature = "http")]
    #[test]
    fn http_header_map() {
        let mut map = http::HeaderMap::new();
        map.append(
            "x-sd-webhook-content-hash",
            http::HeaderValue::from_static("aa"),
        );
        assert_eq!(
            find_signature(&map).unwrap(),
            (SignatureHeader::Current, b"aa".to_vec())
        );
        map.append(
            "x-sd-webhook-content-hash",
            http::HeaderValue::from_static("bb"),
        );
        assert_eq!(
            find_signature(&map).unwrap_err().code(),
            ErrorCode::MalformedSignature
        );
    }
}
