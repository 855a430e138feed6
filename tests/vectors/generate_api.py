#!/usr/bin/env python3
"""Generates the API golden tables in tests/vectors/api/.

The expected methods, URLs, headers and bodies are written out by hand from
SpotDraft's documented paths (not computed by the code under test), so the
table pins the builders in every runtime. Usage:
python3 tests/vectors/generate_api.py
"""

import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent / "api"
FORMAT = "spotdraft-kit-vectors/1"
US = "https://api.us.spotdraft.com/api/"
CONFIG = {"region": "us", "client_id": "client-123", "client_secret": "s3cret-value", "environment": "uat"}
AUTH = {"client-id": "client-123", "client-secret": "s3cret-value", "accept": "application/json"}


def req(name, call, args, method, path, body=None, config=None, description="", headers=None):
    expect = {"method": method, "url": US + path, "headers": dict(headers or AUTH), "body": body}
    if body is not None:
        expect["headers"]["content-type"] = "application/json"
    return dict(name=name, description=description or f"{call} builds {method} {path}", op="api_request",
                config=config or CONFIG, call=call, args=args, expect=expect)


def bad(name, call, args, code, description):
    return dict(name=name, description=description, op="api_request", config=CONFIG, call=call,
                args=args, expect={"error": code})


# A contract create body the schema accepts.
CONTRACT = {
    "contract_template_id": 3,
    "contract_data": {"effective_date": "2026-01-31"},
    "counter_party_details": [
        {"is_individual": False, "organization_name": "Acme",
         "poc_details": {"email": "legal@acme.example", "first_name": "Ada"}},
    ],
}


def request_cases():
    return [
        req("hmac_key", "webhooks_hmac_key", [], "GET", "v2.1/public/webhooks/hmac_key/"),
        req("webhooks_create", "webhooks_create",
            ["CRM sync", "https://hooks.example.com/spotdraft", ["CONTRACT_EXECUTED", "CONTRACT_SIGNED"]],
            "POST", "v2.1/public/webhooks/",
            body={"title": "CRM sync", "url": "https://hooks.example.com/spotdraft",
                  "only_for_activities": ["CONTRACT_EXECUTED", "CONTRACT_SIGNED"]}),
        req("webhooks_create_dedupes_activities", "webhooks_create",
            ["t", "https://hooks.example.com/x", ["CONTRACT_SIGNED", "CONTRACT_SIGNED"]],
            "POST", "v2.1/public/webhooks/",
            body={"title": "t", "url": "https://hooks.example.com/x", "only_for_activities": ["CONTRACT_SIGNED"]}),
        bad("webhooks_create_http_url", "webhooks_create", ["t", "http://hooks.example.com/x", ["CONTRACT_SIGNED"]],
            "invalid_argument", "SpotDraft delivers only over HTTPS"),
        bad("webhooks_create_no_activities", "webhooks_create", ["t", "https://hooks.example.com/x", []],
            "invalid_argument", "only_for_activities must be non-empty"),
        bad("webhooks_create_unknown_activity", "webhooks_create", ["t", "https://hooks.example.com/x", ["CONTRACT_TELEPORTED"]],
            "invalid_argument", "only documented activities can be subscribed"),
        req("webhooks_delete", "webhooks_delete", ["12"], "DELETE", "v2.1/public/webhooks/12"),
        bad("webhooks_delete_non_integer", "webhooks_delete", ["12/../../x"], "invalid_id", "webhook ids are integers"),
        req("re_trigger_latest", "webhooks_re_trigger_latest", [[42, 43]], "POST",
            "v2.1/public/contracts/webhooks/re_trigger_latest/", body={"contract_ids": [42, 43]}),
        bad("re_trigger_latest_empty", "webhooks_re_trigger_latest", [[]], "invalid_id", "at least one contract id"),
        req("contracts_list", "contracts_list", [2, 50, [["client_name", "eq", "Acme & Co"]]], "GET",
            "v2.1/public/contracts/?limit=50&page=2&filter__client_name[$eq]=Acme%20%26%20Co"),
        req("contracts_list_reconciliation", "contracts_list",
            [1, 100, [["last_updated_on", "gte", "2026-01-01T00:00:00Z"]]], "GET",
            "v2.1/public/contracts/?limit=100&page=1&filter__last_updated_on[$gte]=2026-01-01T00%3A00%3A00Z",
            description="reconciliation sweeps filter on filter__last_updated_on[$gte]"),
        req("contracts_list_in", "contracts_list", [1, 10, [["contract_id", "in", "T-1,T-2"]]], "GET",
            "v2.1/public/contracts/?limit=10&page=1&filter__contract_id[$in]=T-1%2CT-2"),
        bad("contracts_list_op_not_allowed", "contracts_list", [1, 10, [["client_name", "gte", "A"]]],
            "invalid_argument", "client_name allows only $eq $in $ne"),
        bad("contracts_list_date_not_iso", "contracts_list", [1, 10, [["last_updated_on", "gte", "yesterday"]]],
            "invalid_argument", "date filters take ISO-8601"),
        bad("contracts_list_bad_filter", "contracts_list", [1, 10, [["a&b", "eq", "x"]]], "invalid_argument",
            "filter names cannot inject query parameters"),
        req("contracts_create", "contracts_create", [CONTRACT], "POST", "v2.1/public/contracts/", body=CONTRACT),
        bad("contracts_create_untyped", "contracts_create", [{"template_id": 3}], "invalid_argument",
            "the schema requires contract_template_id, contract_data and counter_party_details"),
        req("contracts_status", "contracts_status", ["T-123"], "GET", "v2.1/public/contracts/T-123/status"),
        req("contracts_status_plain", "contracts_status", ["123"], "GET", "v2.1/public/contracts/123/status"),
        bad("contracts_status_traversal", "contracts_status", ["../webhooks"], "invalid_id", "composite ids match ^[HT-0-9]+$"),
        bad("contracts_status_slash", "contracts_status", ["T-1/void"], "invalid_id", "no path injection"),
        req("contracts_key_pointers", "contracts_key_pointers", ["H-9"], "GET", "v2.1/public/contracts/H-9/key_pointers"),
        req("contracts_download_link", "contracts_download_link", ["T-7", "DOCX_WITH_FALLBACK_TO_PDF"], "POST",
            "v2.1/public/contracts/T-7/download_link", body={"format": "DOCX_WITH_FALLBACK_TO_PDF"}),
        bad("contracts_download_link_lowercase", "contracts_download_link", ["T-7", "pdf"], "invalid_argument",
            "the format enum is PDF | DOCX | DOCX_WITH_FALLBACK_TO_PDF"),
        req("contracts_send", "contracts_send_to_counterparties",
            ["T-7", {"attachment_formats": ["PDF"], "custom_message": "hi"}], "POST",
            "v2.1/public/contracts/T-7/send_to_counterparties",
            body={"attachment_formats": ["PDF"], "custom_message": "hi"}),
        bad("contracts_send_no_formats", "contracts_send_to_counterparties", ["T-7", {"custom_message": "hi"}],
            "invalid_argument", "send_to_counterparties requires attachment_formats"),
        req("contracts_mark", "contracts_mark_for_execution", ["T-7"], "POST",
            "v2.1/public/contracts/T-7/mark_for_execution/"),
        req("contracts_unmark", "contracts_unmark_for_execution", ["T-7"], "POST",
            "v2.1/public/contracts/T-7/unmark_for_execution"),
        req("contracts_void", "contracts_void", ["T-7", "duplicate"], "POST",
            "v2.1/public/contracts/T-7/status/void", body={"note": "duplicate"}),
        bad("contracts_void_empty_note", "contracts_void", ["T-7", ""], "invalid_argument", "note is minLength 1"),
        req("contracts_by_external_metadata", "contracts_by_external_metadata", ["crm/7 a"], "GET",
            "v2.1/public/contracts/by_external_metadata/crm%2F7%20a"),
        req("contracts_external_metadata", "contracts_external_metadata", ["T-7"], "GET",
            "v2.1/public/contracts/T-7/external_metadata"),
        req("contracts_update_external_metadata", "contracts_update_external_metadata", ["T-7", {"id": "crm-7"}],
            "POST", "v2.1/public/contracts/T-7/external_metadata", body={"external_metadata": {"id": "crm-7"}}),
        req("templates_list", "templates_list", [], "GET", "v2.1/public/templates/"),
        req("templates_get", "templates_get", ["5"], "GET", "v2.1/public/templates/5/"),
        req("templates_metadata", "templates_metadata", ["5"], "GET", "v2.1/public/templates/5/metadata"),
        req("contract_types_list", "contract_types_list", [], "GET", "v2.1/public/contract_types/"),
        req("contract_types_intake_form", "contract_types_intake_form", ["3"], "GET",
            "v2.1/public/contract_types/3/intake_form/questionnaire/"),
        req("counterparties_list", "counterparties_list", [1, 100], "GET", "v2.1/public/counter_parties/?limit=100&page=1"),
        req("counterparties_get", "counterparties_get", ["77"], "GET", "v2.1/public/counter_parties/77"),
        req("counterparties_create", "counterparties_create", [{"is_individual": False, "organization_name": "Acme"}],
            "POST", "v2.1/public/counter_parties/", body={"is_individual": False, "organization_name": "Acme"}),
        bad("counterparties_create_untyped", "counterparties_create", [{"name": "Acme"}], "invalid_argument",
            "counterparty create requires is_individual"),
        req("users_list", "users_list", [1, 10], "GET", "v2.1/public/auth/users/?limit=10&page=1"),
        req("roles_list", "roles_list", [], "GET", "v2.1/public/auth/roles/"),
        req("generic_request", "request", ["GET", "v2.1/public/contracts/approvals/T-1/", [["page", "1"]], None],
            "GET", "v2.1/public/contracts/approvals/T-1/?page=1"),
        bad("generic_request_second_api", "request", ["GET", "/api/v2.1/public/x", [], None], "invalid_id",
            "a second /api is refused"),
        bad("generic_request_double_slash", "request", ["GET", "v2.1/public//x", [], None], "invalid_id",
            "// is refused"),
        bad("generic_request_absolute", "request", ["GET", "https://evil.example/v2.1/public/x", [], None],
            "invalid_id", "absolute URLs are refused"),
        req("user_email_header", "webhooks_hmac_key", [], "GET", "v2.1/public/webhooks/hmac_key/",
            config=dict(CONFIG, user_email="ops@example.com"),
            headers=dict(AUTH, **{"user-email": "ops@example.com"})),
        dict(name="base_url_loopback", description="plain http is allowed for loopback test servers",
             op="api_request", config={"base_url": "http://127.0.0.1:8080/api", "client_id": "c", "client_secret": "s"},
             call="webhooks_hmac_key", args=[],
             expect={"method": "GET", "url": "http://127.0.0.1:8080/api/v2.1/public/webhooks/hmac_key/",
                     "headers": {"client-id": "c"}, "body": None}),
    ]


def config_cases():
    def cfg(name, config, error, description):
        return dict(name=name, description=description, op="api_config", config=config,
                    expect={"error": error} if error else {"ok": True})
    base = {"client_id": "c", "client_secret": "s3cret-config"}
    return [
        cfg("region_in", dict(base, region="in"), None, "each region is accepted"),
        cfg("region_upper", dict(base, region="EU"), None, "region names are case-insensitive"),
        cfg("region_unknown", dict(base, region="uk"), "invalid_config", "unknown regions are refused"),
        cfg("http_public_host", dict(base, base_url="http://api.us.spotdraft.com/api/"), "invalid_config",
            "http:// to SpotDraft is refused (it would 302)"),
        cfg("base_url_without_api", dict(base, base_url="https://api.us.spotdraft.com/"), "invalid_config",
            "the base must end in /api/"),
        cfg("base_url_with_version", dict(base, base_url="https://api.us.spotdraft.com/api/v2.1/public/"),
            "invalid_config", "the base stops at /api/"),
        cfg("empty_client_id", {"region": "us", "client_id": "", "client_secret": "s"}, "invalid_config",
            "a client id is required"),
        cfg("empty_client_secret", {"region": "us", "client_id": "c", "client_secret": " "}, "invalid_config",
            "a client secret is required"),
        cfg("bad_user_email", dict(base, region="us", user_email="nobody"), "invalid_config",
            "user_email must be an email address"),
    ]


def response_cases():
    def resp(name, status, headers, body, expect, description):
        return dict(name=name, description=description, op="parse_response", status=status,
                    headers=headers, body=body, expect=expect)

    def api_err(status, retryable, **extra):
        return dict({"error": "api_error", "status": status, "retryable": retryable}, **extra)

    return [
        resp("ok_json", 200, [["Content-Type", "application/json"]], '{"hmac_key":"abc"}',
             {"json": {"hmac_key": "abc"}}, "2xx returns the JSON body"),
        resp("created", 201, [], '{"id":5,"status":"ACTIVE"}', {"json": {"id": 5, "status": "ACTIVE"}}, "201 too"),
        resp("no_content", 204, [], "", {"json": None}, "204 is null"),
        resp("ok_empty", 200, [], "  ", {"json": None}, "an empty 2xx body is null"),
        resp("ok_not_json", 200, [], "<html>", {"error": "invalid_json"}, "a 2xx that is not JSON"),
        resp("bad_request_fields", 400, [], '{"url":["Enter a valid URL."],"only_for_activities":["This list may not be empty."]}',
             api_err(400, False, field_errors=[["url", "Enter a valid URL."],
                                               ["only_for_activities", "This list may not be empty."]]),
             "field-level validation errors are kept"),
        resp("unauthorized", 401, [], '{"detail":"Invalid client credentials"}',
             api_err(401, False, detail="Invalid client credentials"), "401 is not retried"),
        resp("forbidden", 403, [], '{"detail":"No permission","code":"permission_denied"}',
             api_err(403, False, detail="No permission", code="permission_denied"), "403 is not retried"),
        resp("not_found", 404, [], '{"detail":"Not found."}', api_err(404, False, detail="Not found."), "404 is not retried"),
        resp("conflict", 409, [], '{"detail":"exists","status_code":409,"message":"duplicate"}',
             api_err(409, False, detail="exists", message="duplicate"), "409 is not retried"),
        resp("payment_required", 402, [], "", api_err(402, False), "402 is not retried"),
        resp("too_large", 413, [], "", api_err(413, False), "413 is not retried"),
        resp("rate_limited", 429, [["Retry-After", "2"]], '{"detail":"Request was throttled."}',
             api_err(429, True, detail="Request was throttled.", retry_after={"delay_ms": 2000}), "429 is retried after Retry-After"),
        resp("rate_limited_date", 429, [["retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"]], "",
             api_err(429, True, retry_after={"at_unix_ms": 784111777000}), "an HTTP-date Retry-After"),
        resp("server_error", 500, [], "<html>oops</html>", api_err(500, True), "500 with a non-JSON body"),
        resp("bad_gateway", 502, [], "", api_err(502, True), "502 is retried"),
        resp("unavailable", 503, [], "", api_err(503, True), "503 is retried"),
        resp("gateway_timeout", 504, [], "", api_err(504, True), "504 is retried"),
        resp("not_implemented", 501, [], "", api_err(501, False), "501 is not retried"),
        resp("redirect", 302, [["Location", "https://api.us.spotdraft.com/api/v2.1/public/webhooks/5/"]], "",
             api_err(302, False), "a redirect is an error, never followed"),
    ]


def retry_cases():
    policy = {"max_attempts": 5, "base_ms": 500, "cap_ms": 30000}

    def delay(name, attempt, retryable, random, expect, retry_after=None, now_ms=0, description=""):
        return dict(name=name, description=description, op="retry_delay", policy=policy, attempt=attempt,
                    retryable=retryable, random=random, retry_after=retry_after, now_ms=now_ms,
                    expect={"delay_ms": expect})

    def limiter(name, max_requests, window_ms, calls, waits, description):
        return dict(name=name, description=description, op="rate_limiter", max_requests=max_requests,
                    window_ms=window_ms, calls=calls, expect={"waits": waits})

    return [
        delay("first_retry", 1, True, 0.5, 250, description="full jitter on the base"),
        delay("second_retry", 2, True, 0.5, 500, description="doubles"),
        delay("fourth_retry", 4, True, 0.999, 3996, description="base * 2^3 * random"),
        delay("exhausted", 5, True, 0.5, None, description="max_attempts counts the first attempt"),
        delay("not_retryable", 1, False, 0.5, None, description="404 and friends are never retried"),
        delay("zero_random", 3, True, 0.0, 0, description="full jitter may retry at once"),
        delay("retry_after_wins", 1, True, 0.1, 2000, retry_after={"delay_ms": 2000}, description="Retry-After raises the delay"),
        delay("retry_after_capped", 1, True, 0.1, 30000, retry_after={"delay_ms": 120000}, description="but never past the cap"),
        delay("retry_after_date", 1, True, 0.0, 7000, retry_after={"at_unix_ms": 1700000007000}, now_ms=1700000000000,
              description="an HTTP date is measured from now"),
        delay("retry_after_past_date", 1, True, 0.0, 0, retry_after={"at_unix_ms": 1}, now_ms=1700000000000,
              description="a date in the past means no wait"),
        limiter("burst_of_ten", 10, 1000, [0] * 12, [0] * 10 + [1000, 1000], "10 at once, then a full window"),
        limiter("spaced_calls", 10, 1000, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1050],
                [0] * 11 + [50], "one every 100 ms never waits; the 12th waits for the window"),
        limiter("one_per_window", 1, 100, [0, 0, 0, 250], [0, 100, 200, 50], "reservations queue"),
        limiter("clock_steps_back", 2, 1000, [500, 500, 100], [0, 0, 1400], "a clock stepping back does not reopen slots"),
        limiter("default", None, None, [0] * 11 + [500], [0] * 10 + [1050, 550],
                "the default: 10 per second plus a 50 ms guard for arrival (null settings: the default constructor)"),
    ]


# --- Call vectors: every operation of api/operations.json through `call` ---
OPERATIONS = HERE.parent.parent.parent / "api" / "operations.json"
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def pct(text):
    return "".join(chr(b) if chr(b) in UNRESERVED else f"%{b:02X}" for b in str(text).encode())


def sample(schema, depth=0):
    """A small instance the schema accepts: required fields only, one item
    per list, the first enum value, the first non-null branch."""
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return next(v for v in schema["enum"] if v is not None)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            branch = next(b for b in schema[key] if b.get("type") != "null")
            return sample(branch, depth)
    if "allOf" in schema:
        out = {}
        for b in schema["allOf"]:
            out.update(sample(b, depth))
        return out
    t = schema.get("type")
    if isinstance(t, list):
        t = next(x for x in t if x != "null")
    if t == "object" or (t is None and "properties" in schema):
        props = schema.get("properties", {})
        out = {name: sample(props.get(name, {}), depth + 1) for name in schema.get("required", [])}
        for name in out:
            if name.endswith("url") and isinstance(out[name], str):
                out[name] = "https://hooks.example.com/x"  # a URL field takes a URL
        return out
    if t == "array":
        n = max(1, schema.get("minItems", 1))
        return [sample(schema.get("items", {}), depth + 1) for _ in range(n)]
    if t == "string":
        fmt = schema.get("format")
        if fmt == "date-time":
            return "2026-01-31T09:30:00Z"
        if fmt == "date":
            return "2026-01-31"
        if fmt in ("uuid", "uuid4"):
            return "7f0c6a2e-1b2c-4d5e-8f90-a1b2c3d4e5f6"
        if fmt == "email":
            return "legal@acme.example"
        if schema.get("pattern") == "^https://":
            return "https://hooks.example.com/x"
        return "x" * max(1, schema.get("minLength", 1))
    if t == "integer":
        return max(1, schema.get("minimum", 1))
    if t == "number":
        return 1.5
    if t == "boolean":
        return False
    return "any"


def path_value(p):
    if p.get("pattern") == "^[HT\\-0-9]+$":
        return "T-12"
    if p.get("pattern") == "^[0-9]+$" or p["type"] == "integer":
        return "12"
    return "id-12"


def query_value(p):
    if p.get("enum"):
        return p["enum"][0]
    return {"integer": 1, "boolean": True, "number": 1.5, "array": ["a"]}.get(p["type"], "x")


def text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def expected(op, params, config=None):
    path = op["path"][len("/api/"):]
    for p in op["params"]:
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", pct(text(params[p["name"]])))
    query = []
    for p in op["params"]:
        if p["in"] == "query" and p["name"] in params:
            values = params[p["name"]] if isinstance(params[p["name"]], list) else [params[p["name"]]]
            query += [f"{p['name']}={pct(text(v))}" for v in values]
    url = (config or {}).get("base_url", US).rstrip("/") + "/" + path
    if query:
        url += "?" + "&".join(query)
    headers = dict(AUTH) if "client" in op["auth"] else {"accept": "application/json"}
    body = params.get("body")
    if body is not None:
        headers["content-type"] = "application/json"
    return {"method": op["method"], "url": url, "headers": headers, "body": body}


def first_required_path(schema, value, path=""):
    """The deepest required field of a sampled body, as a path, and a copy
    of the body without it."""
    if isinstance(value, dict) and schema.get("required"):
        props = schema.get("properties", {})
        for name in schema["required"]:
            sub = props.get(name, {})
            child = value[name]
            inner = first_required_path(sub, child, f"{path}.{name}" if path else name)
            if inner:
                where, broken = inner
                return where, {**value, name: broken}
        name = schema["required"][0]
        return (f"{path}.{name}" if path else name), {k: v for k, v in value.items() if k != name}
    if isinstance(value, list) and value and isinstance(schema.get("items"), dict):
        inner = first_required_path(schema["items"], value[0], f"{path}[0]")
        if inner:
            return inner[0], [inner[1]] + value[1:]
    return None


def first_enum_path(schema, value, path=""):
    """A path to a sampled enum value, and a copy of the body with a value
    outside the enum there."""
    if "enum" in schema and isinstance(value, str):
        return path, value.lower() + "-not-listed"
    for key in ("anyOf", "oneOf"):
        for branch in schema.get(key, []):
            if branch.get("type") != "null":
                return first_enum_path(branch, value, path)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for name, child in value.items():
            inner = first_enum_path(props.get(name, {}), child, f"{path}.{name}" if path else name)
            if inner:
                return inner[0], {**value, name: inner[1]}
    if isinstance(value, list) and value and isinstance(schema.get("items"), dict):
        inner = first_enum_path(schema["items"], value[0], f"{path}[0]")
        if inner:
            return inner[0], [inner[1]] + value[1:]
    return None


def success_params(op):
    params = {}
    for p in op["params"]:
        if p["in"] == "path":
            params[p["name"]] = path_value(p)
        elif p["in"] == "query" and (p["required"] or p["name"] in ("page", "limit")):
            params[p["name"]] = {"page": 1, "limit": 10}.get(p["name"], query_value(p))
    if op["body"] is not None:
        params["body"] = sample(op["body"])
    return params


def call_case(name, op, params, description, config=None):
    return dict(name=name, description=description, op="api_call", config=config or CONFIG,
                operation=op["name"], params=params, expect=expected(op, params, config))


def call_error(name, op, params, code, contains, description, config=None):
    return dict(name=name, description=description, op="api_call", config=config or CONFIG,
                operation=op["name"], params=params, expect={"error": code, "message_contains": contains})


def call_cases():
    ops = {o["name"]: o for o in json.loads(OPERATIONS.read_text(encoding="utf-8"))["operations"]}
    cases = []
    for op in ops.values():
        params = success_params(op)
        cases.append(call_case(op["name"], op, params, f"{op['method']} {op['path']}"))
        path_params = [p for p in op["params"] if p["in"] == "path"]
        if path_params:
            p = path_params[0]
            bad_value = "12/../x" if (p.get("pattern") or p["type"] == "integer") else ".."
            cases.append(call_error(f"{op['name']}__bad_{p['name']}", op, {**params, p["name"]: bad_value},
                                    "invalid_id", p["name"], "a path parameter outside its rule is refused"))
        if op["body"] is not None:
            broken = first_required_path(op["body"], params["body"])
            if broken:
                where, body = broken
                cases.append(call_error(f"{op['name']}__missing_{where}", op, {**params, "body": body},
                                        "invalid_argument", f"{where} is required", "a required body field is missing"))
            enum = first_enum_path(op["body"], params["body"])
            if enum:
                where, body = enum
                cases.append(call_error(f"{op['name']}__enum_{where}", op, {**params, "body": body},
                                        "invalid_argument", f"{where} must be one of", "a value outside the enum"))
            if op["body"].get("type") == "object":
                cases.append(call_error(f"{op['name']}__body_not_object", op, {**params, "body": ["x"]},
                                        "invalid_argument", "must be an object", "the body has the wrong type"))
    cases += special_call_cases(ops)
    return cases


def special_call_cases(ops):
    oauth = {"region": "us", "oauth_token": "eyJhbGciOi.token.sig", "environment": "uat"}
    bearer = {"accept": "application/json", "authorization": "Bearer eyJhbGciOi.token.sig"}
    status = ops["contracts_status_retrieve"]
    lst = ops["contracts_retrieve"]
    base = US + "v2.1/public/contracts/?limit=10&page=1&"
    cases = [
        dict(call_case("oauth_dual_endpoint", status, {"composite_id": "T-1"}, "", config=oauth),
             description="an OAuth token on an endpoint that also takes client credentials opts in with X-SD-Auth-Type"),
        call_error("oauth_on_client_only", ops["webhooks_hmac_key_get"], {}, "invalid_config", "client-id",
                   "webhook endpoints take only client credentials", config=oauth),
        dict(call_case("enforce_user_scoping", status, {"composite_id": "T-1", "Enforce-User-Scoping": True},
                       "Enforce-User-Scoping is a header where the schema documents it")),
        dict(call_case("user_email_param", ops["contracts_create"], {"user-email": "ops@example.com",
                       "body": CONTRACT}, "a user-email parameter is a header")),
        call_error("unknown_operation", status, {}, "invalid_argument", "not a SpotDraft operation",
                   "an operation outside the table is refused"),
        call_error("templates_no_paging", ops["templates_list"], {"page": 1}, "invalid_argument", "takes no parameter",
                   "templates_list takes no page/limit"),
        call_error("unknown_filter", lst, {"filters": {"colour": "red"}}, "invalid_argument", "has no filter",
                   "only the schema's filters"),
        call_error("filter_op_not_allowed", lst, {"filters": {"client_name": {"$gt": "A"}}}, "invalid_argument",
                   "takes no operator", "each field allows its own operators"),
        call_error("filter_enum", lst, {"filters": {"display_status": "draft"}}, "invalid_argument",
                   "must be one of", "display_status is an enum"),
        call_error("filter_date_not_iso", lst, {"filters": {"last_updated_on": {"$gte": "31/01/2026"}}},
                   "invalid_argument", "ISO-8601", "date filters take ISO-8601"),
        call_error("query_integer", lst, {"page": "two"}, "invalid_argument", "page must be an integer",
                   "integer query parameters are typed"),
        call_error("missing_required_query", ops["key_pointers_retrieve"], {}, "invalid_argument", "contract_type_id",
                   "a required query parameter"),
        call_error("missing_path_param", status, {}, "invalid_id", "composite_id is required", "a missing path parameter"),
        call_error("body_on_bodiless", status, {"composite_id": "T-1", "body": {}}, "invalid_argument",
                   "takes no parameter", "an operation without a body refuses one"),
        call_error("webhook_url_not_https", ops["webhooks_create"],
                   {"body": {"title": "t", "url": "http://hooks.example.com/sd", "only_for_activities": ["CONTRACT_SIGNED"]}},
                   "invalid_argument", "https://", "SpotDraft delivers webhooks only over HTTPS"),
        call_error("webhook_without_activities", ops["webhooks_create"],
                   {"body": {"title": "t", "url": "https://hooks.example.com/sd", "only_for_activities": []}},
                   "invalid_argument", "at least one activity", "a webhook listens to at least one activity"),
        call_error("re_trigger_no_contracts", ops["contracts_webhooks_re_trigger_latest_create"],
                   {"body": {"contract_ids": []}}, "invalid_id", "non-empty", "a re-trigger names at least one contract"),
        call_error("re_trigger_zero_id", ops["contracts_webhooks_re_trigger_latest_create"],
                   {"body": {"contract_ids": [42, 0]}}, "invalid_id", "positive", "contract ids are positive"),
    ]
    cases[0]["expect"]["headers"] = dict(bearer, **{"x-sd-auth-type": "oauth-jwt"})
    cases[2]["expect"]["headers"]["enforce-user-scoping"] = "true"
    cases[3]["expect"]["headers"]["user-email"] = "ops@example.com"
    cases[4]["operation"] = "contracts_void"

    def filtered(name, filters, query, description, params=None):
        case = call_case(name, lst, dict({"page": 1, "limit": 10}, **(params or {}), filters=filters), description)
        case["expect"]["url"] = base + query
        return case

    cases += [
        filtered("filter_last_updated_gte", {"last_updated_on": {"$gte": "2026-01-01T00:00:00Z"}},
                 "filter__last_updated_on[$gte]=2026-01-01T00%3A00%3A00Z", "reconciliation sweeps"),
        filtered("filter_bare_is_eq", {"client_name": "Acme & Co"}, "filter__client_name=Acme%20%26%20Co",
                 "a bare filter__field means $eq"),
        filtered("filter_in_escapes_commas", {"client_name": {"$in": ["Acme, Inc", "Globex"]}},
                 "filter__client_name[$in]=Acme%5C%2C%20Inc%2CGlobex", "a comma inside an $in value is escaped \\,"),
        filtered("filter_range", {"created_at": {"$lt": "2026-02-01", "$gte": "2026-01-01"}},
                 "filter__created_at[$gte]=2026-01-01&filter__created_at[$lt]=2026-02-01",
                 "several operators on one field, in operator order; dates may be plain dates"),
        filtered("filter_integer", {"contract_type_id": {"$in": [3, 4]}}, "filter__contract_type_id[$in]=3%2C4",
                 "integer filters"),
    ]
    tpl = ops["templates_list"]
    case = call_case("query_array_repeats", tpl, {"tags": ["nda", "msa"], "include_archived": True},
                     "list query parameters repeat")
    case["expect"]["url"] = US + "v2.1/public/templates/?include_archived=true&tags=nda&tags=msa"
    cases.append(case)
    cp = ops["counter_parties_list"]
    case = call_case("custom_filter", cp, {"page": 1, "limit": 10, "filter_custom": {"region": "EMEA"}},
                     "filter_custom__<name> filters on a custom field")
    case["expect"]["url"] = US + "v2.1/public/counter_parties/?limit=10&page=1&filter_custom__region=EMEA"
    cases.append(case)
    return cases


def write(name, topic, cases):
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), name
    HERE.mkdir(exist_ok=True)
    doc = {"format": FORMAT, "topic": topic, "cases": cases}
    (HERE / f"{name}.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return len(cases)


if __name__ == "__main__":
    n = write("requests", "api requests", request_cases())
    n += write("config", "api config", config_cases())
    n += write("responses", "api responses", response_cases())
    n += write("retry", "retry and rate limit", retry_cases())
    n += write("calls", "api calls through the operation table", call_cases())
    print(f"wrote {n} cases")
