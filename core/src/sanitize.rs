//! The sanitiser: replaces personal data and secrets in JSON with stable
//! placeholders and lists what it replaced (paths, never values).
//!
//! SpotDraft's support asks for a minimal failing example with a sanitised
//! payload; webhook bodies carry names, emails, contract titles and, in some
//! activities, signed document URLs. A [`Sanitizer`] walks JSON and replaces
//!
//! | kind | what |
//! |---|---|
//! | `secret` | any value under a key naming a secret: `secret`, `token`, `password`, `authorization`, `cookie`, `signature`, `hmac_key`, `api_key`, `content-hash`, `client-id` |
//! | `email` | a string under a key containing `email`, or any string containing an address (`x@y.z`) |
//! | `url` | a string under a key containing `url` or `link`, or any string containing `http://` / `https://` (signed document URLs) |
//! | `name` | a string under `name`, `*_name`, `created_by` |
//! | `title` | a string under `title`, `*_title` |
//! | `text` | free text (`comment`, `note`, `description`, `message`, `text`, `subject`, `content`) and every string inside `external_metadata` except its `id` |
//!
//! Everything else (activities, ids, statuses, kinds, timestamps, numbers)
//! stays, since it is what support needs to find the event. The same value
//! gets the same placeholder (`<email-1>`, `<name-2>`, ...) everywhere in one
//! sanitiser, so a bundle still shows that the business user and the
//! performer are one person.
//!
//! ```
//! use serde_json::json;
//! use spotdraft_kit::sanitize::Sanitizer;
//!
//! let mut s = Sanitizer::new();
//! let clean = s.sanitize("", &json!({
//!     "contract_id": 7,
//!     "business_user": {"name": "Sam Example", "email": "sam@example.com"},
//!     "activity_data": {"performed_by": {"name": "Sam Example"}},
//! }));
//! assert_eq!(clean["contract_id"], 7);
//! assert_eq!(clean["business_user"]["name"], "<name-1>");
//! assert_eq!(clean["activity_data"]["performed_by"]["name"], "<name-1>");
//! assert_eq!(clean["business_user"]["email"], "<email-1>");
//! assert_eq!(s.redactions()[1].path, "/business_user/email");
//! ```

use std::collections::HashMap;

use serde_json::{Map, Value};

/// What a redacted value was (the placeholder's prefix).
///
/// ```
/// assert_eq!(spotdraft_kit::sanitize::RedactionKind::Email.as_str(), "email");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RedactionKind {
    /// A person's or organisation's name.
    Name,
    /// An email address.
    Email,
    /// A contract (or other) title.
    Title,
    /// A URL, signed document links included.
    Url,
    /// A secret, token, key or signature.
    Secret,
    /// Free text or integration-defined metadata.
    Text,
}

impl RedactionKind {
    /// The kind of a stable name (as [`RedactionKind::as_str`] gives it),
    /// if it is one: how bindings take a kind from their callers.
    ///
    /// ```
    /// use spotdraft_kit::sanitize::RedactionKind;
    /// assert_eq!(RedactionKind::from_name("url"), Some(RedactionKind::Url));
    /// assert_eq!(RedactionKind::from_name("ssn"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<RedactionKind> {
        [
            RedactionKind::Name,
            RedactionKind::Email,
            RedactionKind::Title,
            RedactionKind::Url,
            RedactionKind::Secret,
            RedactionKind::Text,
        ]
        .into_iter()
        .find(|k| k.as_str() == name)
    }

    /// The stable lowercase name, also the placeholder prefix.
    ///
    /// ```
    /// assert_eq!(spotdraft_kit::sanitize::RedactionKind::Secret.as_str(), "secret");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            RedactionKind::Name => "name",
            RedactionKind::Email => "email",
            RedactionKind::Title => "title",
            RedactionKind::Url => "url",
            RedactionKind::Secret => "secret",
            RedactionKind::Text => "text",
        }
    }
}

/// One replaced value: where it was and what stands there now.
///
/// ```
/// let mut s = spotdraft_kit::sanitize::Sanitizer::new();
/// s.sanitize("/payload", &serde_json::json!({"title": "NDA"}));
/// let r = &s.redactions()[0];
/// assert_eq!((r.path.as_str(), r.kind.as_str(), r.placeholder.as_str()), ("/payload/title", "title", "<title-1>"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redaction {
    /// JSON Pointer (RFC 6901) of the value inside the bundle.
    pub path: String,
    /// What the value was.
    pub kind: RedactionKind,
    /// The placeholder now at `path`.
    pub placeholder: String,
}

/// Replaces personal data and secrets with stable placeholders (see the
/// module docs for the rules).
///
/// ```
/// let mut s = spotdraft_kit::sanitize::Sanitizer::new();
/// assert_eq!(s.redact("/h/authorization", spotdraft_kit::sanitize::RedactionKind::Secret, "Bearer x"), "<secret-1>");
/// assert_eq!(s.redact("/h/again", spotdraft_kit::sanitize::RedactionKind::Secret, "Bearer x"), "<secret-1>");
/// ```
#[derive(Default)]
pub struct Sanitizer {
    placeholders: HashMap<String, String>,
    counts: HashMap<RedactionKind, usize>,
    redactions: Vec<Redaction>,
}

impl std::fmt::Debug for Sanitizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The map holds the original values: never print it.
        f.debug_struct("Sanitizer")
            .field("redactions", &self.redactions.len())
            .finish_non_exhaustive()
    }
}

const SECRET_KEYS: [&str; 10] = [
    "secret",
    "token",
    "password",
    "authorization",
    "cookie",
    "hmac_key",
    "api_key",
    "content-hash",
    "client-id",
    "client_id",
];
const TEXT_KEYS: [&str; 7] = [
    "comment",
    "note",
    "description",
    "message",
    "text",
    "subject",
    "content",
];

/// The deepest JSON nesting walked; anything deeper is replaced whole.
const MAX_DEPTH: usize = 64;

impl Sanitizer {
    /// An empty sanitiser (no placeholders handed out yet).
    ///
    /// ```
    /// assert!(spotdraft_kit::sanitize::Sanitizer::new().redactions().is_empty());
    /// ```
    pub fn new() -> Self {
        Sanitizer::default()
    }

    /// A sanitised copy of `value`, which sits at JSON Pointer `path` in the
    /// output (`""` for the root).
    ///
    /// ```
    /// let mut s = spotdraft_kit::sanitize::Sanitizer::new();
    /// let v = s.sanitize("", &serde_json::json!(["see https://files.example/doc?sig=abc"]));
    /// assert_eq!(v[0], "<url-1>");
    /// ```
    pub fn sanitize(&mut self, path: &str, value: &Value) -> Value {
        self.walk(path, None, false, value, 0)
    }

    /// Replaces one text value of the given kind and records it.
    ///
    /// ```
    /// use spotdraft_kit::sanitize::{RedactionKind, Sanitizer};
    /// let mut s = Sanitizer::new();
    /// assert_eq!(s.redact("/x", RedactionKind::Name, "Lee"), "<name-1>");
    /// assert_eq!(s.redact("/y", RedactionKind::Name, "Kim"), "<name-2>");
    /// ```
    pub fn redact(&mut self, path: &str, kind: RedactionKind, value: &str) -> String {
        let placeholder = self.placeholder(kind, value);
        self.record(path, kind, &placeholder);
        placeholder
    }

    /// What was replaced so far, in the order it was met.
    ///
    /// ```
    /// assert!(spotdraft_kit::sanitize::Sanitizer::new().redactions().is_empty());
    /// ```
    pub fn redactions(&self) -> &[Redaction] {
        &self.redactions
    }

    /// Consumes the sanitiser, keeping only the list of redactions (the
    /// original values are dropped with it).
    ///
    /// ```
    /// assert!(spotdraft_kit::sanitize::Sanitizer::new().into_redactions().is_empty());
    /// ```
    pub fn into_redactions(self) -> Vec<Redaction> {
        self.redactions
    }

    /// The placeholder of `value`: the one it already has, or the next of
    /// its kind.
    fn placeholder(&mut self, kind: RedactionKind, value: &str) -> String {
        if let Some(known) = self.placeholders.get(value) {
            return known.clone();
        }
        let n = self.counts.entry(kind).or_insert(0);
        *n += 1;
        let fresh = format!("<{}-{}>", kind.as_str(), n);
        self.placeholders.insert(value.to_owned(), fresh.clone());
        fresh
    }

    fn record(&mut self, path: &str, kind: RedactionKind, placeholder: &str) {
        self.redactions.push(Redaction {
            path: path.to_owned(),
            kind,
            placeholder: placeholder.to_owned(),
        });
    }

    fn walk(
        &mut self,
        path: &str,
        key: Option<&str>,
        in_metadata: bool,
        value: &Value,
        depth: usize,
    ) -> Value {
        let key_kind = key.and_then(|k| kind_of_key(k, in_metadata));
        if key_kind == Some(RedactionKind::Secret) && !value.is_null() {
            return Value::String(self.redact(path, RedactionKind::Secret, &value.to_string()));
        }
        if depth >= MAX_DEPTH && (value.is_object() || value.is_array()) {
            return Value::String(self.redact(path, RedactionKind::Text, &value.to_string()));
        }
        match value {
            Value::String(text) => match key_kind.or_else(|| kind_of_text(text)) {
                Some(kind) => Value::String(self.redact(path, kind, text)),
                None => value.clone(),
            },
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        // Array items inherit the key: `to_recipients: [...]`.
                        let inner = format!("{path}/{i}");
                        self.walk(&inner, key, in_metadata, item, depth + 1)
                    })
                    .collect(),
            ),
            Value::Object(fields) => {
                let metadata = in_metadata || key == Some("external_metadata");
                let mut out = Map::new();
                for (name, item) in fields {
                    // A key can be personal too (`{"kim@example.com": ...}`).
                    let shown = match kind_of_text(name) {
                        Some(kind) => {
                            let placeholder = self.placeholder(kind, name);
                            let at = format!("{path}/{}", pointer_token(&placeholder));
                            self.record(&at, kind, &placeholder);
                            placeholder
                        }
                        None => name.clone(),
                    };
                    let inner = format!("{path}/{}", pointer_token(&shown));
                    let clean = self.walk(&inner, Some(name), metadata, item, depth + 1);
                    out.insert(shown, clean);
                }
                Value::Object(out)
            }
            _ => value.clone(),
        }
    }
}

/// The kind a key's string values are, if the key alone says so.
fn kind_of_key(key: &str, in_metadata: bool) -> Option<RedactionKind> {
    let key = key.to_ascii_lowercase();
    if SECRET_KEYS.iter().any(|s| key.contains(s)) {
        Some(RedactionKind::Secret)
    } else if key.contains("email") && !key.ends_with("_mode") {
        Some(RedactionKind::Email)
    } else if key.contains("url") || key.contains("link") {
        Some(RedactionKind::Url)
    } else if key == "name" || key.ends_with("_name") || key == "created_by" {
        Some(RedactionKind::Name)
    } else if key == "title" || key.ends_with("_title") {
        Some(RedactionKind::Title)
    } else if TEXT_KEYS.contains(&key.as_str()) || (in_metadata && key != "id") {
        Some(RedactionKind::Text)
    } else {
        None
    }
}

/// The kind a string is by its content alone: an address or a URL inside.
fn kind_of_text(text: &str) -> Option<RedactionKind> {
    if text.len() == 128 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some(RedactionKind::Secret);
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("http://") || lower.contains("https://") {
        return Some(RedactionKind::Url);
    }
    let bytes = text.as_bytes();
    let has_address = bytes.iter().enumerate().any(|(i, &b)| {
        b == b'@'
            && i > 0
            && !bytes[i - 1].is_ascii_whitespace()
            && bytes[i + 1..]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace())
                .any(|&c| c == b'.')
    });
    has_address.then_some(RedactionKind::Email)
}

/// One JSON Pointer reference token (`~` -> `~0`, `/` -> `~1`).
fn pointer_token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn same_value_same_placeholder_across_kinds_and_paths() {
        let mut s = Sanitizer::new();
        let v = s.sanitize(
            "",
            &json!({"poc_email": "a@b.co", "to_recipients": ["a@b.co", "c@d.co"]}),
        );
        assert_eq!(v["poc_email"], "<email-1>");
        assert_eq!(v["to_recipients"], json!(["<email-1>", "<email-2>"]));
        let paths: Vec<_> = s.redactions().iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            ["/poc_email", "/to_recipients/0", "/to_recipients/1"]
        );
    }

    #[test]
    fn secrets_are_replaced_whatever_their_type() {
        let mut s = Sanitizer::new();
        let v = s.sanitize(
            "",
            &json!({"client_secret": {"a": 1}, "token": 5, "x": null}),
        );
        assert_eq!(v["client_secret"], "<secret-1>");
        assert_eq!(v["token"], "<secret-2>");
        assert_eq!(v["x"], Value::Null);
    }

    #[test]
    fn metadata_keeps_only_its_id_and_ids_elsewhere_stay() {
        let mut s = Sanitizer::new();
        let v = s.sanitize(
            "",
            &json!({"contract_id": 4, "contract_status": "SIGN",
                    "external_metadata": {"id": "opp-1", "owner": "Kim", "n": 3}}),
        );
        assert_eq!(
            v["external_metadata"],
            json!({"id": "opp-1", "owner": "<text-1>", "n": 3})
        );
        assert_eq!(v["contract_status"], "SIGN");
    }

    #[test]
    fn pointer_tokens_are_escaped_and_depth_is_bounded() {
        let mut s = Sanitizer::new();
        s.sanitize("", &json!({"a/b~c": {"name": "X"}}));
        assert_eq!(s.redactions()[0].path, "/a~1b~0c/name");
        let mut deep = json!("leaf");
        for _ in 0..200 {
            deep = json!([deep]);
        }
        let out = Sanitizer::new().sanitize("", &deep);
        assert!(!out.to_string().contains("leaf"));
    }

    #[test]
    fn keys_holding_addresses_are_replaced_too() {
        let mut s = Sanitizer::new();
        let v = s.sanitize(
            "",
            &json!({"kim@example.com": {"seen": true}, "to": "kim@example.com"}),
        );
        assert_eq!(v, json!({"<email-1>": {"seen": true}, "to": "<email-1>"}));
        assert_eq!(s.redactions()[0].path, "/<email-1>");
    }

    #[test]
    fn plain_words_with_at_signs_stay() {
        assert_eq!(kind_of_text("meet @ noon"), None);
        assert_eq!(kind_of_text("x@y"), None);
        assert_eq!(kind_of_text("mail x@y.z now"), Some(RedactionKind::Email));
        assert_eq!(kind_of_text(&"ab".repeat(64)), Some(RedactionKind::Secret));
        assert_eq!(kind_of_text(&"ab".repeat(32)), None);
    }
}
