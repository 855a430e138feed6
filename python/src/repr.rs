//! Python-style `repr()` pieces for the classes' `__repr__`.

/// A str as Python's `repr()` writes it (single quotes).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// An optional str: `'text'` or `None`.
pub fn optional(text: Option<&str>) -> String {
    text.map_or_else(|| "None".to_owned(), quoted)
}
