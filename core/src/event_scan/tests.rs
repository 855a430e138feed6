//! The reader against its serde_json oracle: edge cases and properties.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::event_fields::{ActivityData, Fields};
use crate::event_oracle;

/// The two readers give the same answer, errors included; the answer.
fn agreed(body: &[u8]) -> Result<TopLevel, JsonError> {
    tree_agrees(body);
    let fast = read(body);
    assert_eq!(
        fast,
        event_oracle::read(body),
        "{:?}",
        String::from_utf8_lossy(body)
    );
    fast
}

/// The payload tree agrees with serde_json's, errors included.
fn tree_agrees(body: &[u8]) {
    let ours = parse_value(body);
    let theirs = serde_json::from_slice::<Value>(body).map_err(|e| event_oracle::json_error(&e));
    assert_eq!(ours, theirs, "{:?}", String::from_utf8_lossy(body));
    if let Ok(Value::Object(map)) = &ours {
        // Same key order too (preserve_order), not only the same entries.
        let keys = |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
        let Ok(Value::Object(theirs)) = &theirs else {
            unreachable!()
        };
        assert_eq!(keys(map), keys(theirs));
    }
}

fn fields(body: &[u8]) -> Fields {
    match agreed(body) {
        Ok(TopLevel::Object(f)) => *f,
        other => panic!("{other:?} for {:?}", String::from_utf8_lossy(body)),
    }
}

fn error(body: &[u8]) -> JsonErrorKind {
    match agreed(body) {
        Err(e) => e.kind,
        Ok(top) => panic!("{top:?} for {:?}", String::from_utf8_lossy(body)),
    }
}

#[test]
fn takes_the_realistic_shape() {
    let person = json!({"name": "Ada", "email": "ADA@example.com", "x": [1, {"y": null}]});
    let event = json!({
        "activity": "SIGNING_EMAIL_OPENED", "contract_id": 42, "contract_title": "MSA",
        "contract_status": "SIGN", "contract_kind": "TEMPLATE_CONTRACT", "contract_type": "MSA",
        "contract_type_name": "Master", "contract_type_id": 7, "created_at": "2026-01-01",
        "business_user": person, "legal_user": "nobody", "external_metadata": {"id": 991},
        "counterparties": [{"type": "Organization", "organization_name": "Acme",
            "poc_name": "Cy", "poc_email": "cy@acme.test", "counterparty_id": 5}, 3],
        "activity_data": {"timestamp": "2026-11-02T10:00:00Z", "performed_by": person,
            "signatory": person, "email_event_data": {"recipient_email": "a@b.io",
            "email_mode": "to", "occured_at": "O"}, "n": -1.5e3, "s": "t\u{e9}\"\\/\u{1}"},
    });
    for body in [
        serde_json::to_vec(&event).unwrap(),
        serde_json::to_vec_pretty(&event).unwrap(),
    ] {
        let f = fields(&body);
        assert_eq!(f.contract_id, Scalar::Int(42));
        assert_eq!(f.counterparties.len(), 1);
        assert_eq!(
            f.activity_data.email.unwrap().mode.as_str(&body),
            Some("to")
        );
    }
}

#[test]
fn plain_strings_are_spans_and_escaped_ones_are_decoded() {
    let body = br#"{"activity":"A","contract_title":"M\u00e9 \"MSA\"","created_at":"2026"}"#;
    let f = fields(body);
    assert!(matches!(f.activity, Scalar::Str(Text::Span(..))));
    assert!(matches!(f.created_at, Some(Text::Span(..))));
    assert!(matches!(f.contract_title, Some(Text::Owned(_))));
    assert_eq!(f.contract_title.unwrap().get(body), "M\u{e9} \"MSA\"");
    assert_eq!(f.created_at.unwrap().get(body), "2026");
}

#[test]
fn escapes_in_keys_and_kept_strings_are_decoded() {
    let f = fields(br#"{"activ\u0069ty":"\ud83d\ude00 \/\b\f\n\r\t","\u0063ontract_id":7}"#);
    assert_eq!(
        f.activity,
        Scalar::Str(Text::Owned("\u{1F600} /\u{8}\u{c}\n\r\t".into()))
    );
    assert_eq!(f.contract_id, Scalar::Int(7));
    // Upper- and lower-case hex; a NUL escape is a character like any.
    let f = fields(br#"{"contract_title":"\u00E9\u00e9\u0000"}"#);
    assert_eq!(f.contract_title, Some(Text::Owned("\u{e9}\u{e9}\0".into())));
}

#[test]
fn surrogates_pair_up_or_fail() {
    for body in [
        &br#"{"a":"\ud800"}"#[..],
        br#"{"a":"\udc00"}"#,
        br#"{"a":"\ud800\u0041"}"#,
        br#"{"a":"\ud800\ud800"}"#,
        br#"{"a":"\ud800x"}"#,
        br#"{"a":"\ud800\n"}"#,
        br#"{"activity":"\udfff\ud800"}"#,
        br#"{"a":"\u12"}"#,
        br#"{"a":"\u+123"}"#,
        br#"{"a":"\u00g0"}"#,
        br#"{"a":"\x"}"#,
        br#"{"a":"\'"}"#,
    ] {
        assert_eq!(error(body), JsonErrorKind::Syntax);
    }
    for body in [
        &br#"{"a":"\ud800"#[..],
        br#"{"a":"\ud800\"#,
        br#"{"a":"\u12"#,
        br#"{"a":"\"#,
    ] {
        assert_eq!(error(body), JsonErrorKind::Eof);
    }
    let f = fields(br#"{"activity":"\uDBFF\uDFFF"}"#);
    assert_eq!(f.activity, Scalar::Str(Text::Owned("\u{10FFFF}".into())));
}

#[test]
fn numbers_of_every_form() {
    let id = |text: &str| fields(format!(r#"{{"contract_id":{text}}}"#).as_bytes()).contract_id;
    assert_eq!(id("0"), Scalar::Int(0));
    assert_eq!(id("-9223372036854775808"), Scalar::Int(i64::MIN));
    assert_eq!(id("9223372036854775807"), Scalar::Int(i64::MAX));
    let other = |s: &str| Scalar::OtherNumber(s.to_owned());
    assert_eq!(id("9223372036854775808"), other("9223372036854775808"));
    assert_eq!(id("18446744073709551615"), other("18446744073709551615"));
    assert_eq!(id("18446744073709551616"), other("1.8446744073709552e+19"));
    assert_eq!(id("-9223372036854775809"), other("-9.223372036854776e+18"));
    assert_eq!(id("-0"), other("-0.0"));
    assert_eq!(id("1.0"), other("1.0"));
    assert_eq!(id("1E2"), other("100.0"));
    assert_eq!(id("1e+2"), other("100.0"));
    assert_eq!(id("-1.5e-3"), other("-0.0015"));
    assert_eq!(id("0e99999999999"), other("0.0"));
    assert_eq!(id("1e-99999999999"), other("0.0"));
    assert_eq!(
        id("2.2250738585072011e-308"),
        other("2.225073858507201e-308")
    );
    assert_eq!(id(&format!("1{}", "0".repeat(305))), other("1e+305"));
    assert_eq!(
        id("1234567890123456789012345.5"),
        other("1.2345678901234568e+24")
    );
    assert_eq!(id(&format!("0.{}1e300", "0".repeat(30))), other("1e+269"));
    for bad in [
        "01",
        "-",
        "-a",
        "1.",
        "1.e3",
        ".5",
        "+1",
        "1e",
        "1e+",
        "0x1",
        "1e400",
        "-1e400",
        "1e99999999999",
        "Infinity",
        "NaN",
        "--1",
        "1.5e3.2",
    ] {
        let body = format!(r#"{{"contract_id":{bad}}}"#);
        assert_ne!(error(body.as_bytes()), JsonErrorKind::Nesting, "{bad}");
    }
    // A skipped number is validated the same way.
    assert_eq!(
        error(format!("[1{}]", "0".repeat(400)).as_bytes()),
        JsonErrorKind::Syntax
    );
    assert!(agreed(format!("[1{}]", "0".repeat(300)).as_bytes()).is_ok());
    for end in ["1.", "-", "1e", "1e-"] {
        assert_eq!(error(end.as_bytes()), JsonErrorKind::Eof, "{end}");
    }
}

#[test]
fn nesting_is_refused_at_serde_jsons_limit() {
    let nest = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(agreed(nest(127).as_bytes()).is_ok());
    assert_eq!(error(nest(128).as_bytes()), JsonErrorKind::Nesting);
    let in_object = |n: usize| format!("{{\"activity_data\":{}}}", nest(n));
    assert!(agreed(in_object(126).as_bytes()).is_ok());
    assert_eq!(error(in_object(127).as_bytes()), JsonErrorKind::Nesting);
    // Unclosed, far deeper: refused at the limit without deep recursion.
    assert_eq!(
        error("[".repeat(100_000).as_bytes()),
        JsonErrorKind::Nesting
    );
    assert_eq!(
        error("{\"a\":".repeat(100_000).as_bytes()),
        JsonErrorKind::Nesting
    );
}

#[test]
fn invalid_utf8_is_an_error_where_serde_json_finds_it() {
    for body in [
        &b"{\"a\":\"\xff\"}"[..],
        b"{\"activity\":\"ok\xc3\"}",
        b"{\"a\xe2\x82\":1}",
        b"{\"a\":\"\\n\xed\xa0\x80\"}",
        b"{\"a\":1}\xff",
        b"\xef\xbb\xbf{}",
        b"{\"a\":\xff}",
        b"{\"x\":\"\\u00e9\xc3\",\n\"y\":1}",
    ] {
        assert_eq!(error(body), JsonErrorKind::Syntax);
    }
    // Valid multi-byte text is kept as it is.
    let f = fields("{\"activity\":\"\u{e9}\u{1F600}\"}".as_bytes());
    assert!(matches!(f.activity, Scalar::Str(Text::Span(..))));
}

#[test]
fn rfc_8259_corner_cases() {
    // Accepted: insignificant whitespace of the four kinds, empty
    // containers, every literal, strings with any non-control byte.
    for body in [
        &b" \t\r\n{ \t\r\n} \t\r\n"[..],
        br#"{"a":[],"b":{},"c":[[]],"d":[{}],"e":true,"f":false,"g":null}"#,
        br#"{"":"","a":"\u007f\u0080 ~"}"#,
        b"{\"a\":\"\x7f\"}",
    ] {
        assert!(matches!(agreed(body), Ok(TopLevel::Object(_))));
    }
    // A top level that is any value other than an object.
    for (body, kind) in [
        (&b"[1]"[..], "array"),
        (b" \"s\" ", "string"),
        (b"-0.5e1", "number"),
        (b"18446744073709551616", "number"),
        (b"true", "boolean"),
        (b"false", "boolean"),
        (b"null", "null"),
    ] {
        assert_eq!(agreed(body), Ok(TopLevel::NotObject(kind)));
    }
    // Rejected, end of input.
    for body in [
        &b""[..],
        b"  ",
        b"{",
        b"{\"a\"",
        b"{\"a\":",
        b"{\"a\":1",
        b"{\"a\":1,",
        b"[",
        b"[1,",
        b"\"abc",
        b"tru",
        b"nul",
        b"{\"a",
        b"{\"a\":[1,2",
    ] {
        assert_eq!(
            error(body),
            JsonErrorKind::Eof,
            "{:?}",
            String::from_utf8_lossy(body)
        );
    }
    // Rejected, syntax.
    for body in [
        &b"{,}"[..],
        b"{\"a\":1,}",
        b"[1,]",
        b"[,1]",
        b"{\"a\" 1}",
        b"{a:1}",
        b"{'a':1}",
        b"{\"a\":1 \"b\":2}",
        b"[1 2]",
        b"{\"a\":1}}",
        b"{} {}",
        b"{\"a\":1}x",
        b"trux",
        b"nulL",
        b"{\"a\":undefined}",
        b"{\"a\":\"\x01\"}",
        b"{\"a\":\"\t\"}",
        b"{\"a\n\":1}",
        b"{1:2}",
        b"{\"a\":1]",
        b"[1}",
        b"\x00",
        b"/*c*/{}",
        b"{\"a\":+1}",
        b"{\"a\":1}\x00",
        b"{\"a\":tRue}",
    ] {
        assert_eq!(
            error(body),
            JsonErrorKind::Syntax,
            "{:?}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn duplicate_keys_keep_the_last() {
    let f = fields(br#"{"activity":"A","activity":"B","contract_id":1,"contract_id":"x"}"#);
    assert_eq!(f.activity, Scalar::Str(Text::Span(28, 29)));
    assert_eq!(f.contract_id, Scalar::Str(Text::Span(62, 63)));
    // A later non-object resets what an earlier object gave.
    let f = fields(br#"{"activity_data":{"timestamp":"t"},"activity_data":1}"#);
    assert_eq!(f.activity_data, ActivityData::default());
    let f = fields(br#"{"counterparties":[{"type":"A"}],"counterparties":[{"type":"B"}]}"#);
    assert_eq!(f.counterparties.len(), 1);
}

#[test]
fn counterparty_lists_of_every_length_agree() {
    // Across the room made at the first object, with entries that are
    // not objects in between.
    for n in [0usize, 1, 7, 8, 9, 17, 40] {
        let entries: Vec<Value> = (0..n)
            .flat_map(|i| {
                [
                    json!({"type": format!("T{i}"), "counterparty_id": i}),
                    json!(i),
                ]
            })
            .collect();
        let body = json!({"activity": "A", "counterparties": entries}).to_string();
        let f = fields(body.as_bytes());
        assert_eq!(f.counterparties.len(), n);
        let ids: Vec<_> = f.counterparties.iter().map(|c| c.counterparty_id).collect();
        assert_eq!(ids, (0..n as i64).map(Some).collect::<Vec<_>>());
    }
    // No object, no allocation.
    let f = fields(br#"{"counterparties":[1,"x",[]]}"#);
    assert_eq!(f.counterparties.capacity(), 0);
}

#[test]
fn error_positions_are_serde_jsons() {
    let e = read(b"{\n  \"a\": 1,\n  \"b\": x\n}").unwrap_err();
    assert_eq!((e.kind, e.line, e.column), (JsonErrorKind::Syntax, 3, 8));
    assert_eq!(read(b"").unwrap_err().column, 0);
    agreed(b"{\n\"a\":\"ok\xc3\xa9\xff\"}").unwrap_err();
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z@. \"\\\\\u{1}\u{e9}\u{1F600}\u{7f}-]{0,8}".prop_map(Value::String),
        prop::sample::select(vec!["activity", "email", "name", "id", "timestamp"])
            .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop::sample::select(vec![
            "activity",
            "contract_id",
            "contract_title",
            "contract_type_id",
            "business_user",
            "legal_user",
            "external_metadata",
            "id",
            "counterparties",
            "type",
            "poc_email",
            "counterparty_id",
            "activity_data",
            "timestamp",
            "performed_by",
            "signatory",
            "email_event_data",
            "recipient_email",
            "occured_at",
            "email_mode",
            "name",
            "email",
            "other",
            "\u{e9}\"",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

/// Rewrites some characters of a JSON text as `\u` escapes (keys and
/// strings alike), so escaped keys and kept strings are exercised.
fn escape_some(text: &str, every: usize) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for (n, ch) in text.chars().enumerate() {
        if in_string && !escaped && ch != '"' && ch != '\\' && n % every == 0 {
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
            continue;
        }
        if ch == '"' && !(in_string && escaped) {
            in_string = !in_string;
        }
        escaped = in_string && !escaped && ch == '\\';
        out.push(ch);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn never_disagrees_with_serde(value in any_json(), pretty in any::<bool>(),
                                  escape in prop::option::of(1usize..6),
                                  edit in any::<Option<(usize, u8, bool)>>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        let text = escape.map_or(text.clone(), |every| escape_some(&text, every));
        let mut body = text.into_bytes();
        if let Some((at, byte, insert)) = edit {
            let at = at % (body.len() + 1);
            if insert || at == body.len() {
                body.insert(at, byte);
            } else {
                body[at] = byte;
            }
        }
        let _ = agreed(&body);
        // Also as a top-level object, where the fields are read.
        let wrapped = [b"{\"activity_data\":".as_slice(), &body, b",\"counterparties\":", &body, b"}"].concat();
        let _ = agreed(&wrapped);
        let wrapped = [b"{\"external_metadata\":{\"id\":".as_slice(), &body, b"},\"activity\":", &body, b"}"].concat();
        let _ = agreed(&wrapped);
    }

    #[test]
    fn never_disagrees_on_any_bytes(body in prop::collection::vec(
        prop::sample::select(b"{}[]\",:\\u0123456789abcdefEnrtl.+- \n\xc3\xa9\xff".to_vec()), 0..40)) {
        let _ = agreed(&body);
        let _ = agreed(&[b"{\"activity\":".as_slice(), &body].concat());
    }

    #[test]
    fn never_disagrees_on_numbers(text in "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,12})?") {
        let _ = agreed(format!("{{\"contract_id\":{text},\"x\":[{text}]}}").as_bytes());
    }
}
