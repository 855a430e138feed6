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
            "v2.1/public/contracts/?page=2&limit=50&filter__client_name$eq=Acme%20%26%20Co"),
        bad("contracts_list_limit", "contracts_list", [1, 101, []], "invalid_argument", "limit is at most 100"),
        bad("contracts_list_bad_filter", "contracts_list", [1, 10, [["a&b", "eq", "x"]]], "invalid_argument",
            "filter names cannot inject query parameters"),
        req("contracts_create", "contracts_create", [{"template_id": 3}], "POST", "v2.1/public/contracts/",
            body={"template_id": 3}),
        req("contracts_status", "contracts_status", ["T-123"], "GET", "v2.1/public/contracts/T-123/status"),
        req("contracts_status_plain", "contracts_status", ["123"], "GET", "v2.1/public/contracts/123/status"),
        bad("contracts_status_traversal", "contracts_status", ["../webhooks"], "invalid_id", "composite ids match ^[HT-0-9]+$"),
        bad("contracts_status_slash", "contracts_status", ["T-1/void"], "invalid_id", "no path injection"),
        req("contracts_key_pointers", "contracts_key_pointers", ["H-9"], "GET", "v2.1/public/contracts/H-9/key_pointers"),
        req("contracts_download_link", "contracts_download_link", ["T-7", "pdf"], "POST",
            "v2.1/public/contracts/T-7/download_link", body={"format": "pdf"}),
        req("contracts_send", "contracts_send_to_counterparties", ["T-7", {"message": "hi"}], "POST",
            "v2.1/public/contracts/T-7/send_to_counterparties", body={"message": "hi"}),
        req("contracts_mark", "contracts_mark_for_execution", ["T-7"], "POST",
            "v2.1/public/contracts/T-7/mark_for_execution/"),
        req("contracts_unmark", "contracts_unmark_for_execution", ["T-7"], "POST",
            "v2.1/public/contracts/T-7/unmark_for_execution"),
        req("contracts_void", "contracts_void", ["T-7", None], "POST", "v2.1/public/contracts/T-7/void"),
        req("contracts_by_external_metadata", "contracts_by_external_metadata", ["crm/7 a"], "GET",
            "v2.1/public/contracts/by_external_metadata/crm%2F7%20a"),
        req("contracts_external_metadata", "contracts_external_metadata", ["T-7"], "GET",
            "v2.1/public/contracts/T-7/external_metadata"),
        req("contracts_update_external_metadata", "contracts_update_external_metadata", ["T-7", {"id": "crm-7"}],
            "PUT", "v2.1/public/contracts/T-7/external_metadata", body={"id": "crm-7"}),
        req("templates_list", "templates_list", [1, 20], "GET", "v2.1/public/templates/?page=1&limit=20"),
        req("templates_get", "templates_get", ["5"], "GET", "v2.1/public/templates/5/"),
        req("templates_metadata", "templates_metadata", ["5"], "GET", "v2.1/public/templates/5/metadata"),
        req("contract_types_list", "contract_types_list", [], "GET", "v2.1/public/contract_types/"),
        req("contract_types_intake_form", "contract_types_intake_form", ["3"], "GET",
            "v2.1/public/contract_types/3/intake_form"),
        req("counterparties_list", "counterparties_list", [1, 100], "GET", "v2.1/public/counter_parties/?page=1&limit=100"),
        req("counterparties_get", "counterparties_get", ["77"], "GET", "v2.1/public/counter_parties/77"),
        req("counterparties_create", "counterparties_create", [{"name": "Acme"}], "POST",
            "v2.1/public/counter_parties/", body={"name": "Acme"}),
        req("users_list", "users_list", [1, 10], "GET", "v2.1/public/users/?page=1&limit=10"),
        req("roles_list", "roles_list", [], "GET", "v2.1/public/roles/"),
        req("generic_request", "request", ["GET", "v2.1/public/contracts/T-1/approvals", [["page", "1"]], None],
            "GET", "v2.1/public/contracts/T-1/approvals?page=1"),
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
    print(f"wrote {n} cases")
