#!/usr/bin/env python3
"""Generates the conformance vectors in this directory.

Everything expected here is computed with Python's standard library (hmac,
hashlib, base64, json), independently of the Rust core, so the vectors check
the core instead of echoing it. Deterministic: re-running gives the same
files. Usage: python3 tests/vectors/generate.py
"""

import base64
import hashlib
import hmac
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
FORMAT = "spotdraft-kit-vectors/1"


def key_bytes(label):
    return hashlib.sha512(("spotdraft-kit vector key " + label).encode()).digest()


K1_RAW = key_bytes("1")
K2_RAW = key_bytes("2")
K1 = base64.b64encode(K1_RAW).decode()
K2 = base64.b64encode(K2_RAW).decode()
UTF8_SECRET = "legacy-callback-secret-ÿ"  # non-ASCII on purpose


def sig(raw_key, body):
    return hmac.new(raw_key, body, hashlib.sha512).hexdigest()


def key(text, encoding="base64", id=None):
    k = {"key": text, "encoding": encoding}
    if id is not None:
        k["id"] = id
    return k


def body_fields(body):
    try:
        return {"body": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"body_b64": base64.b64encode(body).decode()}


def err(code):
    status = {
        "missing_signature": 401,
        "malformed_signature": 401,
        "signature_mismatch": 401,
        "invalid_json": 400,
        "invalid_payload": 400,
        "body_too_large": 413,
        "invalid_key": 500,
        "no_keys": 500,
        "length_required": 411,
        "store_unavailable": 503,
    }[code]
    return {"error": code, "http_status": status}


# --- sdk1 dedupe key: an independent implementation of the documented encoding


def _slot(value, lowercase=False):
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return b"-"
    if isinstance(value, str):
        text = value.lower() if lowercase else value  # ASCII-only test data
        data = text.encode("utf-8")
        return b"s" + str(len(data)).encode() + b":" + data
    if isinstance(value, int):
        data = str(value).encode()
        return b"n" + str(len(data)).encode() + b":" + data
    raise ValueError("floats are not used in vectors")


def _get(obj, *path):
    for name in path:
        if not isinstance(obj, dict) or name not in obj:
            return None
        obj = obj[name]
    return obj


def dedupe_key(body):
    payload = json.loads(body)
    ts = _get(payload, "activity_data", "timestamp")
    if not isinstance(ts, str):
        return "sdk1:body:" + hashlib.sha256(body).hexdigest()
    identity = b"sdk1" + b"".join(
        [
            _slot(payload.get("activity")),
            _slot(payload.get("contract_id")),
            _slot(ts),
            _slot(_get(payload, "activity_data", "email_event_data", "recipient_email"), True),
            _slot(_get(payload, "activity_data", "email_event_data", "occured_at")),
            _slot(_get(payload, "activity_data", "signatory", "email"), True),
        ]
    )
    return "sdk1:" + hashlib.sha256(identity).hexdigest()


# --- sample payloads (synthetic people, example.com addresses)


def payload(activity="CONTRACT_SIGNED", contract_id=4242, ts="2026-11-02T10:00:00.000000Z", **extra):
    p = {
        "activity": activity,
        "activity_data": {
            "performed_by": {"name": "Sam Example", "email": "sam@example.com"},
            "timestamp": ts,
        },
        "contract_id": contract_id,
        "contract_title": "Master Services Agreement",
        "contract_type": "MSA",
        "contract_type_name": "Master Services Agreement",
        "contract_type_id": 12,
        "contract_status": "SIGN",
        "contract_kind": "TEMPLATE_CONTRACT",
        "business_user": {"name": "Bo Example", "email": "bo@example.com"},
        "created_at": "2026-11-01T09:00:00Z",
        "external_metadata": {"id": "crm-991"},
        "counterparties": [
            {
                "type": "Organization",
                "organization_name": "Acme Example Ltd",
                "poc_name": "Cy Example",
                "poc_email": "cy@example.com",
                "counterparty_id": 77,
            }
        ],
    }
    p.update(extra)
    return p


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def python_style(obj):
    return json.dumps(obj).encode()


SIGNED_EVENT = {
    "activity": "CONTRACT_SIGNED",
    "known": True,
    "category": "signature",
    "contract_id": 4242,
    "contract_title": "Master Services Agreement",
    "contract_status": "SIGN",
    "contract_kind": "TEMPLATE_CONTRACT",
    "contract_type": "MSA",
    "contract_type_id": 12,
    "occurred_at": "2026-11-02T10:00:00.000000Z",
    "performed_by": {"name": "Sam Example", "email": "sam@example.com"},
    "external_id": "crm-991",
    "business_user": {"name": "Bo Example", "email": "bo@example.com"},
    "legal_user": None,
    "counterparties": [
        {
            "type": "Organization",
            "organization_name": "Acme Example Ltd",
            "poc_name": "Cy Example",
            "poc_email": "cy@example.com",
            "counterparty_id": 77,
        }
    ],
}


def open_ok(body, key_index=0, key_id=None, header="current", event=None, group=None):
    exp = {
        "key_index": key_index,
        "key_id": key_id,
        "signature_header": header,
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "body_length": len(body),
        "dedupe_key": dedupe_key(body),
        "log_record": {
            "outcome": "accepted",
            "signature": "valid",
            "signature_header": header,
            "key_index": key_index,
            "body_bytes": len(body),
            "body_sha256": hashlib.sha256(body).hexdigest(),
            "dedupe_key": dedupe_key(body),
        },
    }
    if event is not None:
        exp["event"] = event
    if group is not None:
        exp["dedupe_group"] = group
    return exp


H = "X-SD-WEBHOOK-CONTENT-HASH"
LEGACY = "X-SD-CONTENT-HASH"


def signature_cases():
    body = compact(payload())
    s1 = sig(K1_RAW, body)
    non_utf8 = b"\xff\xfe{\"activity\":\x80}"
    cases = [
        dict(name="sign_base64_key", description="sign() gives the lowercase hex HMAC-SHA512 with the decoded key",
             op="sign", keys=[key(K1)], **body_fields(body), expect={"signature": s1}),
        dict(name="sign_empty_body", description="an empty body signs like any other",
             op="sign", keys=[key(K1)], body="", expect={"signature": sig(K1_RAW, b"")}),
        dict(name="sign_utf8_key", description="legacy callback secrets are keyed with their UTF-8 bytes",
             op="sign", keys=[key(UTF8_SECRET, "utf8")], **body_fields(body),
             expect={"signature": sig(UTF8_SECRET.encode(), body)}),
        dict(name="verify_lowercase", description="the signature SpotDraft sends verifies",
             op="verify", keys=[key(K1)], **body_fields(body), signature=s1, expect={"key_index": 0}),
        dict(name="verify_uppercase_hex", description="hex is accepted in either case",
             op="verify", keys=[key(K1)], **body_fields(body), signature=s1.upper(), expect={"key_index": 0}),
        dict(name="verify_mixed_case_hex", description="mixed-case hex is accepted",
             op="verify", keys=[key(K1)], **body_fields(body),
             signature="".join(c.upper() if i % 2 else c for i, c in enumerate(s1)), expect={"key_index": 0}),
        dict(name="verify_whitespace_trimmed", description="ASCII whitespace around the value is trimmed",
             op="verify", keys=[key(K1)], **body_fields(body), signature=" \t" + s1 + "\r\n", expect={"key_index": 0}),
        dict(name="verify_non_utf8_body", description="the exact bytes are hashed: a signed non-UTF-8 body verifies",
             op="verify", keys=[key(K1)], **body_fields(non_utf8), signature=sig(K1_RAW, non_utf8), expect={"key_index": 0}),
        dict(name="verify_empty_body", description="an empty body with its signature verifies",
             op="verify", keys=[key(K1)], body="", signature=sig(K1_RAW, b""), expect={"key_index": 0}),
        dict(name="verify_rotation_second_key", description="old and new key side by side: the index of the match is returned",
             op="verify", keys=[key(K2, id="old"), key(K1, id="new")], **body_fields(body), signature=s1, expect={"key_index": 1}),
        dict(name="verify_same_key_twice_first_wins", description="the first matching key's index is returned",
             op="verify", keys=[key(K1), key(K1)], **body_fields(body), signature=s1, expect={"key_index": 0}),
        dict(name="verify_wrong_key", description="another workspace's key does not verify",
             op="verify", keys=[key(K2)], **body_fields(body), signature=s1, expect=err("signature_mismatch")),
        dict(name="verify_tampered_body", description="one changed byte fails",
             op="verify", keys=[key(K1)], **body_fields(body.replace(b"4242", b"4243")), signature=s1,
             expect=err("signature_mismatch")),
        dict(name="verify_trailing_newline_added", description="a newline appended to the body fails",
             op="verify", keys=[key(K1)], **body_fields(body + b"\n"), signature=s1, expect=err("signature_mismatch")),
        dict(name="verify_empty_signature", description="an empty value is malformed, never a match",
             op="verify", keys=[key(K1)], **body_fields(body), signature="", expect=err("malformed_signature")),
        dict(name="verify_whitespace_signature", description="whitespace only is malformed",
             op="verify", keys=[key(K1)], **body_fields(body), signature="   ", expect=err("malformed_signature")),
        dict(name="verify_truncated_signature", description="127 hex digits are malformed (no prefix comparison)",
             op="verify", keys=[key(K1)], **body_fields(body), signature=s1[:127], expect=err("malformed_signature")),
        dict(name="verify_half_signature", description="a 64-digit prefix of the right digest is malformed",
             op="verify", keys=[key(K1)], **body_fields(body), signature=s1[:64], expect=err("malformed_signature")),
        dict(name="verify_overlong_signature", description="129 hex digits are malformed",
             op="verify", keys=[key(K1)], **body_fields(body), signature=s1 + "0", expect=err("malformed_signature")),
        dict(name="verify_prefixed_signature", description="a sha512= prefix is malformed (SpotDraft sends bare hex)",
             op="verify", keys=[key(K1)], **body_fields(body), signature="sha512=" + s1, expect=err("malformed_signature")),
        dict(name="verify_non_hex_signature", description="non-hex digits are malformed",
             op="verify", keys=[key(K1)], **body_fields(body), signature="g" + s1[1:], expect=err("malformed_signature")),
        dict(name="verify_header_over_1kib", description="a value over 1 KiB is malformed before parsing, even if it trims to a valid digest",
             op="verify", keys=[key(K1)], **body_fields(body), signature=" " * 897 + s1, expect=err("malformed_signature")),
        dict(name="verify_header_exactly_1kib", description="a 1024-byte value that trims to the digest verifies",
             op="verify", keys=[key(K1)], **body_fields(body), signature=" " * 896 + s1, expect={"key_index": 0}),
        dict(name="verify_body_at_limit", description="a body of exactly max_body_bytes is accepted",
             op="verify", keys=[key(K1)], options={"max_body_bytes": 16}, body="0123456789abcdef",
             signature=sig(K1_RAW, b"0123456789abcdef"), expect={"key_index": 0}),
        dict(name="verify_body_over_limit", description="one byte over max_body_bytes is refused before hashing",
             op="verify", keys=[key(K1)], options={"max_body_bytes": 16}, body="0123456789abcdefg",
             signature=sig(K1_RAW, b"0123456789abcdefg"), expect=err("body_too_large")),
        dict(name="verify_url_safe_unpadded_key", description="URL-safe alphabet without padding decodes to the same key",
             op="verify", keys=[key(base64.urlsafe_b64encode(K1_RAW).decode().rstrip("="))], **body_fields(body),
             signature=s1, expect={"key_index": 0}),
        dict(name="verify_standard_unpadded_key", description="standard alphabet without padding decodes",
             op="verify", keys=[key(base64.b64encode(K1_RAW[:62]).decode().rstrip("="))], **body_fields(body),
             signature=sig(K1_RAW[:62], body), expect={"key_index": 0}),
        dict(name="verify_key_with_surrounding_whitespace", description="whitespace around a base64 key (a pasted secret) is ignored",
             op="verify", keys=[key("  " + K1 + "\n")], **body_fields(body), signature=s1, expect={"key_index": 0}),
        dict(name="verify_utf8_key_mode", description="KeyEncoding utf8 keys with the string's bytes",
             op="verify", keys=[key(UTF8_SECRET, "utf8")], **body_fields(body),
             signature=sig(UTF8_SECRET.encode(), body), expect={"key_index": 0}),
        dict(name="verify_base64_text_is_not_the_key", description="in base64 mode the key text itself is never used as the key",
             op="verify", keys=[key(K1)], **body_fields(body), signature=sig(K1.encode(), body),
             expect=err("signature_mismatch")),
        dict(name="new_verifier_no_keys", description="zero keys is a configuration error",
             op="new_verifier", keys=[], expect=err("no_keys")),
        dict(name="new_verifier_65_keys", description="more than 64 keys is refused",
             op="new_verifier", keys=[key(K1)] * 65, expect=err("no_keys")),
        dict(name="new_verifier_64_keys", description="64 keys are allowed",
             op="new_verifier", keys=[key(K1)] * 64, expect={"ok": True, "key_count": 64}),
        dict(name="new_verifier_empty_key", description="an empty key is invalid",
             op="new_verifier", keys=[key("")], expect=err("invalid_key")),
        dict(name="new_verifier_whitespace_key", description="a whitespace-only key is invalid",
             op="new_verifier", keys=[key("  \n")], expect=err("invalid_key")),
        dict(name="new_verifier_not_base64", description="a key that is not base64 is invalid (and never guessed as UTF-8)",
             op="new_verifier", keys=[key("not base64!")], expect=err("invalid_key")),
        dict(name="new_verifier_empty_utf8_key", description="an empty UTF-8 key is invalid",
             op="new_verifier", keys=[key("", "utf8")], expect=err("invalid_key")),
        dict(name="new_verifier_one_bad_key_among_good", description="one invalid key fails the whole keyring",
             op="new_verifier", keys=[key(K1), key("***")], expect=err("invalid_key")),
        dict(name="new_verifier_short_base64_key", description="a base64 key that decodes to fewer than 16 bytes is a configuration error",
             op="new_verifier", keys=[key(base64.b64encode(K1_RAW[:15]).decode())], expect=err("invalid_key")),
        dict(name="new_verifier_lax_base64_tiny_key", description="lax base64 that decodes to one byte is refused, not used",
             op="new_verifier", keys=[key("YQ")], expect=err("invalid_key")),
        dict(name="new_verifier_16_byte_key", description="a base64 key of 16 bytes is the shortest accepted",
             op="new_verifier", keys=[key(base64.b64encode(K1_RAW[:16]).decode())], expect={"ok": True, "key_count": 1}),
        dict(name="new_verifier_short_key_allowed", description="the explicit allow_short_keys option accepts a short base64 key",
             op="new_verifier", keys=[key(base64.b64encode(b"secret").decode())], options={"allow_short_keys": True},
             expect={"ok": True, "key_count": 1}),
        dict(name="new_verifier_short_utf8_key", description="legacy UTF-8 secrets are exempt from the length rule",
             op="new_verifier", keys=[key("abc", "utf8")], expect={"ok": True, "key_count": 1}),
        dict(name="body_sha256_empty", description="SHA-256 of the empty body",
             op="body_sha256", body="", expect={"body_sha256": hashlib.sha256(b"").hexdigest()}),
        dict(name="body_sha256_non_utf8", description="SHA-256 of the exact bytes",
             op="body_sha256", **body_fields(non_utf8), expect={"body_sha256": hashlib.sha256(non_utf8).hexdigest()}),
    ]
    return cases


def open_cases():
    body = compact(payload())
    s1 = sig(K1_RAW, body)
    cases = []

    def add(name, description, headers, b, expect, keys=None, options=None):
        c = dict(name=name, description=description, op="open", keys=keys or [key(K1, id="production")],
                 headers=headers, **body_fields(b), expect=expect)
        if options:
            c["options"] = options
        cases.append(c)

    add("open_current_header", "the full pipeline: verify, parse, fingerprint",
        [["Content-Type", "application/json"], [H, s1]], body,
        open_ok(body, key_id="production", event=SIGNED_EVENT))
    add("open_header_lowercase", "header names match case-insensitively (Node lowercases them)",
        [[H.lower(), s1]], body, open_ok(body, key_id="production"))
    add("open_legacy_header", "X-SD-CONTENT-HASH is accepted when the current header is absent",
        [[LEGACY.lower(), s1]], body, open_ok(body, key_id="production", header="legacy"))
    add("open_current_wins_over_legacy", "with both headers, the current one is used",
        [[LEGACY, "garbage"], [H, s1]], body, open_ok(body, key_id="production"))
    add("open_current_wrong_no_fallback", "a wrong current header is not rescued by a right legacy one",
        [[H, sig(K2_RAW, body)], [LEGACY, s1]], body, err("signature_mismatch"))
    add("open_missing_signature", "no signature header at all",
        [["Content-Type", "application/json"]], body, err("missing_signature"))
    add("open_duplicate_same_value", "a header repeated with the same value is fine",
        [[H, s1], [H.lower(), s1]], body, open_ok(body, key_id="production"))
    add("open_duplicate_different_values", "a header repeated with different values is malformed",
        [[H, s1], [H.lower(), sig(K2_RAW, body)]], body, err("malformed_signature"))
    add("open_comma_joined_values", "two values joined by a proxy into one are malformed",
        [[H, s1 + ", " + s1]], body, err("malformed_signature"))
    add("open_wrong_key", "signed by another workspace", [[H, sig(K2_RAW, body)]], body, err("signature_mismatch"))
    add("open_rotation_label", "the label of the matching key is reported",
        [[H, s1]], body, open_ok(body, key_index=1, key_id="2026-11"),
        keys=[key(K2, id="2025-05"), key(K1, id="2026-11")])
    add("open_unlabelled_key", "without labels key_id is null", [[H, s1]], body, open_ok(body),
        keys=[key(K1)])
    big = compact(payload(contract_title="x" * 200))
    add("open_body_too_large", "over max_body_bytes: 413 before hashing",
        [[H, sig(K1_RAW, big)]], big, err("body_too_large"), options={"max_body_bytes": 128})
    add("open_body_too_large_without_signature", "the size limit is checked before the header",
        [], big, err("body_too_large"), options={"max_body_bytes": 128})
    for name, description, b, code in [
        ("open_not_json", "a signed body that is not JSON", b"activity=CONTRACT_SIGNED", "invalid_json"),
        ("open_empty_body", "a signed empty body", b"", "invalid_json"),
        ("open_truncated_json", "a signed truncated JSON body", body[:-1], "invalid_json"),
        ("open_non_utf8_json", "a signed body that is not UTF-8 verifies, then fails as JSON", b"{\"activity\":\"\xff\"}", "invalid_json"),
        ("open_deep_nesting", "20,000 nested arrays fail cleanly, without a stack overflow", b"[" * 20000, "invalid_json"),
        ("open_deep_nesting_object", "deeply nested objects inside a payload fail cleanly",
         b"{\"activity\":\"A\",\"x\":" + b"{\"a\":" * 2000 + b"1" + b"}" * 2001, "invalid_json"),
        ("open_array_payload", "a JSON array is not an event", b"[{\"activity\":\"CONTRACT_SIGNED\"}]", "invalid_payload"),
        ("open_string_payload", "a JSON string is not an event", b"\"CONTRACT_SIGNED\"", "invalid_payload"),
        ("open_null_payload", "JSON null is not an event", b"null", "invalid_payload"),
        ("open_missing_activity", "an object without activity", b"{\"contract_id\":1}", "invalid_payload"),
        ("open_activity_not_string", "activity must be a string", b"{\"activity\":7}", "invalid_payload"),
        ("open_activity_null", "activity null is not a string", b"{\"activity\":null}", "invalid_payload"),
    ]:
        add(name, description, [[H, sig(K1_RAW, b)]], b, err(code))
    drift = compact({
        "activity": "CONTRACT_TELEPORTED",
        "activity_data": {"performed_by": "SYSTEM", "timestamp": 1700000000},
        "contract_id": "4242",
        "contract_title": ["not", "a", "string"],
        "contract_type_id": "12",
        "external_metadata": {"id": 991},
        "counterparties": "none",
        "legal_user": {"name": "SYSTEM"},
        "brand_new_field": {"nested": True},
    })
    add("open_schema_drift", "unknown activity and unexpected types never reject a signed delivery",
        [[H, sig(K1_RAW, drift)]], drift,
        open_ok(drift, key_id="production", event={
            "activity": "CONTRACT_TELEPORTED", "known": False, "category": "other",
            "contract_id": None, "contract_title": None, "contract_type_id": None,
            "occurred_at": None, "performed_by": None, "external_id": "991",
            "counterparties": [], "legal_user": {"name": "SYSTEM", "email": None},
            "business_user": None,
        }))
    minimal = b"{\"activity\":\"CONTRACT_CREATED\"}"
    add("open_minimal_payload", "only activity: every other field is null",
        [[H, sig(K1_RAW, minimal)]], minimal,
        open_ok(minimal, key_id="production", event={
            "activity": "CONTRACT_CREATED", "known": True, "category": "lifecycle",
            "contract_id": None, "contract_title": None, "contract_status": None, "contract_kind": None,
            "contract_type": None, "contract_type_id": None, "occurred_at": None,
            "performed_by": None, "external_id": None, "business_user": None,
            "legal_user": None, "counterparties": [],
        }))
    return cases


def event_cases():
    cases = []
    samples = [
        ("CONTRACT_CREATED", "lifecycle"), ("CONTRACT_VOIDED", "lifecycle"), ("CONTRACT_DELETED", "lifecycle"),
        ("CONTRACT_SENT_TO_COUNTERPARTY", "review"), ("CONTRACT_APPROVAL_COMPLETED", "review"),
        ("REDLINING_EMAIL_OPENED", "review"), ("CONTRACT_ACTIVITY_LOG_COMMENT_CREATED", "review"),
        ("CONTRACT_MARK_FOR_EXECUTION", "signature"), ("CONTRACT_SIGNATURE_DECLINED", "signature"),
        ("SIGNING_EMAIL_LINK_CLICKED", "signature"), ("CONTRACT_EXECUTED", "execution"),
        ("CONTRACT_KEY_POINTER_UPDATION", "metadata"), ("CONTRACT_EXTERNAL_METADATA_CREATED", "metadata"),
        ("COUNTER_PARTY_ADDRESS_UPDATED", "counterparty"), ("POSTMARK_EMAIL_EVENT", "email"),
        ("contract_created", "other"),
    ]
    for activity, category in samples:
        b = compact({"activity": activity, "contract_id": 1})
        cases.append(dict(name="event_category_" + activity.lower() + ("_lowercase" if activity.islower() else ""),
                          description=f"{activity} is in category {category}", op="parse_event", **body_fields(b),
                          expect={"event": {"activity": activity, "known": category != "other",
                                            "category": category, "contract_id": 1}}))
    full = python_style(payload(legal_user={"name": "Lee Example"}, contract_status="EXECUTED",
                                contract_kind="EXPRESS_TEMPLATE"))
    ev = dict(SIGNED_EVENT, contract_status="EXECUTED", contract_kind="EXPRESS_TEMPLATE",
              legal_user={"name": "Lee Example", "email": None})
    cases.append(dict(name="event_full_payload", description="every typed accessor on a documented payload (Python-style JSON)",
                      op="parse_event", **body_fields(full), expect={"event": ev}))
    system = compact(payload(activity="CONTRACT_EXECUTED", activity_data={"performed_by": {"name": "SYSTEM"},
                                                                          "timestamp": "2026-11-03T00:00:00Z"}))
    cases.append(dict(name="event_system_performer", description="SYSTEM has a name and no email",
                      op="parse_event", **body_fields(system),
                      expect={"event": {"performed_by": {"name": "SYSTEM", "email": None},
                                        "occurred_at": "2026-11-03T00:00:00Z", "category": "execution"}}))
    unicode_body = compact(payload(contract_title="Contrat de Société — 2026 ✓"))
    cases.append(dict(name="event_unicode_title", description="non-ASCII text is preserved",
                      op="parse_event", **body_fields(unicode_body),
                      expect={"event": {"contract_title": "Contrat de Société — 2026 ✓"}}))
    big_id = compact({"activity": "CONTRACT_CREATED", "contract_id": 9007199254740993})
    cases.append(dict(name="event_large_contract_id", description="a contract id above 2^53 is not silently rounded: exact or null",
                      op="parse_event", **body_fields(big_id), expect={"event": {"activity": "CONTRACT_CREATED"},
                              "event_exact_or_null": {"contract_id": 9007199254740993}}))
    for name, b, code in [("event_invalid_json", b"{oops}", "invalid_json"),
                          ("event_bom_prefixed", b"\xef\xbb\xbf{\"activity\":\"A\"}", "invalid_json"),
                          ("event_trailing_garbage", b"{\"activity\":\"A\"} x", "invalid_json"),
                          ("event_number_payload", b"42", "invalid_payload")]:
        cases.append(dict(name=name, description=f"parse_event rejects it with {code}", op="parse_event",
                          **body_fields(b), expect=err(code)))
    return cases


def dedupe_cases():
    cases = []

    def add(name, description, obj_or_body, group):
        b = obj_or_body if isinstance(obj_or_body, bytes) else compact(obj_or_body)
        cases.append(dict(name=name, description=description, op="open", keys=[key(K1)],
                          headers=[[H, sig(K1_RAW, b)]], **body_fields(b), expect=open_ok(b, group=group)))

    base = payload()
    add("dedupe_original", "a delivery", base, "signed-4242")
    add("dedupe_reserialized_python", "the same event re-serialised Python-style", python_style(base), "signed-4242")
    add("dedupe_reserialized_pretty", "the same event pretty-printed", json.dumps(base, indent=2).encode(), "signed-4242")
    reordered = dict(reversed(list(base.items())))
    add("dedupe_keys_reordered", "the same event with keys in another order", reordered, "signed-4242")
    add("dedupe_ascii_escaped", "the same event with non-ASCII escaped",
        json.dumps(dict(base, contract_title="Société"), ensure_ascii=True).encode(), "signed-4242")
    add("dedupe_title_changed", "same activity, contract and time; other fields differ: same event",
        dict(base, contract_title="Renamed"), "signed-4242")
    add("dedupe_other_timestamp", "a later event of the same kind", payload(ts="2026-11-02T10:00:01.000000Z"), "signed-4242-later")
    add("dedupe_other_contract", "another contract", payload(contract_id=4243), "signed-4243")
    add("dedupe_other_activity", "another activity", payload(activity="CONTRACT_EXECUTED"), "executed-4242")
    add("dedupe_contract_id_as_string", "a string contract id differs from the number", payload(contract_id="4242"), "signed-str-4242")

    def email(recipient, occured="2026-11-02T10:05:00Z", activity="SIGNING_EMAIL_OPENED"):
        p = payload(activity=activity)
        p["activity_data"]["email_event_data"] = {"recipient_email": recipient, "email_mode": "to", "occured_at": occured}
        return p

    add("dedupe_email_a", "an email event for one recipient", email("cy@example.com"), "email-cy")
    add("dedupe_email_a_case", "email addresses compare case-insensitively", email("Cy@Example.COM"), "email-cy")
    add("dedupe_email_b", "another recipient of the same email", email("dee@example.com"), "email-dee")
    add("dedupe_email_a_later", "the same recipient opening again later", email("cy@example.com", "2026-11-02T11:00:00Z"), "email-cy-later")

    def notify(signatory):
        p = payload(activity="CONTRACT_SIGNATURE_REQUESTED_NOTIFICATION_SENT")
        p["activity_data"]["signatory"] = {"name": "Sig Example", "email": signatory}
        return p

    add("dedupe_notify_a", "a signature-request notification", notify("cy@example.com"), "notify-cy")
    add("dedupe_notify_b", "the same notification to another signatory", notify("dee@example.com"), "notify-dee")
    no_ts = {"activity": "COUNTER_PARTY_CREATED", "contract_id": 5}
    add("dedupe_no_timestamp", "without a timestamp the key falls back to the body hash", no_ts, "no-ts-compact")
    add("dedupe_no_timestamp_reserialized", "so a re-serialised copy without timestamp is a different key",
        python_style(no_ts), "no-ts-python")
    return cases


def diagnose_cases():
    obj = payload()
    sent = python_style(obj)
    received = compact(obj)
    s = sig(K1_RAW, sent)
    k1 = [key(K1)]
    pretty = json.dumps(obj, indent=2).encode()
    accented = compact(payload(contract_title="Accord de confidentialité, Zoë & Søren"))
    cases = [
        dict(name="diagnose_valid", description="a matching signature", op="diagnose", keys=k1,
             **body_fields(sent), signature=s, expect={"cause": "valid", "key_index": 0}),
        dict(name="diagnose_body_reserialized_compact", description="the receiver verified JSON.stringify(JSON.parse(body))",
             op="diagnose", keys=k1, **body_fields(received), signature=s, expect={"cause": "body_reserialized", "key_index": 0}),
        dict(name="diagnose_body_reserialized_pretty", description="the receiver verified pretty-printed JSON",
             op="diagnose", keys=k1, **body_fields(json.dumps(obj, indent=2).encode()), signature=s,
             expect={"cause": "body_reserialized", "key_index": 0}),
        dict(name="diagnose_trailing_newline_stripped", description="the signed body ended in a newline the receiver lost",
             op="diagnose", keys=k1, **body_fields(sent), signature=sig(K1_RAW, sent + b"\n"),
             expect={"cause": "trailing_newline", "key_index": 0}),
        dict(name="diagnose_trailing_newline_added", description="the receiver's body gained a newline",
             op="diagnose", keys=k1, **body_fields(sent + b"\n"), signature=s,
             expect={"cause": "trailing_newline", "key_index": 0}),
        dict(name="diagnose_key_not_decoded", description="the sender used the base64 text as the key",
             op="diagnose", keys=k1, **body_fields(sent), signature=sig(K1.encode(), sent),
             expect={"cause": "key_not_base64_decoded", "key_index": 0}),
        dict(name="diagnose_key_should_be_decoded", description="configured as UTF-8, but signed with the decoded key",
             op="diagnose", keys=[key(K1, "utf8")], **body_fields(sent), signature=s,
             expect={"cause": "key_should_be_base64_decoded", "key_index": 0}),
        dict(name="diagnose_hmac_sha256", description="HMAC-SHA256 instead of HMAC-SHA512",
             op="diagnose", keys=k1, **body_fields(sent), signature=hmac.new(K1_RAW, sent, hashlib.sha256).hexdigest(),
             expect={"cause": "wrong_algorithm", "key_index": 0}),
        dict(name="diagnose_plain_sha512", description="a plain SHA-512 of the body, no key",
             op="diagnose", keys=k1, **body_fields(sent), signature=hashlib.sha512(sent).hexdigest(),
             expect={"cause": "wrong_algorithm", "key_index": None}),
        dict(name="diagnose_prefix", description="sha512= in front of the right digest",
             op="diagnose", keys=k1, **body_fields(sent), signature="sha512=" + s,
             expect={"cause": "header_has_prefix", "key_index": 0}),
        dict(name="diagnose_base64_signature", description="the right digest, base64-encoded",
             op="diagnose", keys=k1, **body_fields(sent),
             signature=base64.b64encode(hmac.new(K1_RAW, sent, hashlib.sha512).digest()).decode(),
             expect={"cause": "signature_base64", "key_index": 0}),
        dict(name="diagnose_garbage", description="not a digest at all", op="diagnose", keys=k1,
             **body_fields(sent), signature="not a signature!", expect={"cause": "malformed_signature", "key_index": None}),
        dict(name="diagnose_other_key", description="signed with another workspace's key: a signature "
             "cannot tell this from a changed body, and the cause says so",
             op="diagnose", keys=k1, **body_fields(sent), signature=sig(K2_RAW, sent),
             expect={"cause": "body_changed_or_wrong_key", "key_index": None}),
        dict(name="diagnose_tampered_body", description="the right key, one byte of the body changed after signing",
             op="diagnose", keys=k1, **body_fields(sent.replace(b"4242", b"4243")), signature=s,
             expect={"cause": "body_changed_or_wrong_key", "key_index": None}),
        dict(name="diagnose_empty_signature", description="no signature header value at all",
             op="diagnose", keys=k1, **body_fields(sent), signature="",
             expect={"cause": "missing_signature", "key_index": None}),
        dict(name="diagnose_blank_signature", description="a header holding only whitespace",
             op="diagnose", keys=k1, **body_fields(sent), signature="  \t ",
             expect={"cause": "missing_signature", "key_index": None}),
        dict(name="diagnose_no_key", description="no key given and not a plain hash",
             op="diagnose", keys=[], **body_fields(sent), signature=s,
             expect={"cause": "no_key", "key_index": None}),
        dict(name="diagnose_crlf_to_lf", description="signed with CRLF line endings, received with LF",
             op="diagnose", keys=k1, **body_fields(pretty), signature=sig(K1_RAW, pretty.replace(b"\n", b"\r\n")),
             expect={"cause": "body_reencoded", "key_index": 0}),
        dict(name="diagnose_lf_to_crlf", description="signed with LF line endings, received with CRLF",
             op="diagnose", keys=k1, **body_fields(pretty.replace(b"\n", b"\r\n")), signature=sig(K1_RAW, pretty),
             expect={"cause": "body_reencoded", "key_index": 0}),
        dict(name="diagnose_bom_added", description="a UTF-8 byte-order mark put in front of the body",
             op="diagnose", keys=k1, **body_fields(b"\xef\xbb\xbf" + sent), signature=s,
             expect={"cause": "body_reencoded", "key_index": 0}),
        dict(name="diagnose_leading_whitespace", description="whitespace put in front of the body",
             op="diagnose", keys=k1, **body_fields(b"\n  " + sent), signature=s,
             expect={"cause": "body_reencoded", "key_index": 0}),
        dict(name="diagnose_utf8_read_as_latin1", description="UTF-8 bytes read as Latin-1 and written back as UTF-8",
             op="diagnose", keys=k1, **body_fields(accented.decode("latin-1").encode("utf-8")),
             signature=sig(K1_RAW, accented), expect={"cause": "body_reencoded", "key_index": 0}),
        dict(name="diagnose_transcoded_to_latin1", description="the UTF-8 body transcoded to Latin-1",
             op="diagnose", keys=k1, **body_fields(accented.decode("utf-8").encode("latin-1")),
             signature=sig(K1_RAW, accented), expect={"cause": "body_reencoded", "key_index": 0}),
        dict(name="diagnose_second_key", description="rotation: the second key matches",
             op="diagnose", keys=[key(K2), key(K1)], **body_fields(sent), signature=s,
             expect={"cause": "valid", "key_index": 1}),
    ]
    return cases


def write(topic, cases):
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), topic
    doc = {"format": FORMAT, "topic": topic, "cases": cases}
    path = HERE / f"{topic}.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(cases)


if __name__ == "__main__":
    total = 0
    total += write("signature", signature_cases())
    total += write("open", open_cases())
    total += write("events", event_cases())
    total += write("dedupe", dedupe_cases())
    total += write("diagnose", diagnose_cases())
    print(f"wrote {total} cases")
