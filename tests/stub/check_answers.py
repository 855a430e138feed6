#!/usr/bin/env python3
"""Every answer of the stub SpotDraft is valid against SpotDraft's schema.

For every operation of api/operations.json, the request its first success
vector in tests/vectors/api/calls.json pins (method, path, query, body) is
sent to the stub (tests/stub/spotdraft_stub.py, on 127.0.0.1), and the
answer must carry the operation's success status and validate against the
operation's distilled success schema (api/responses.json) with jsonschema,
formats included; a 204 or bodiless answer must be empty. The stateful
routes are seeded so the vector's ids exist, so their answers are checked
too. A self-check first proves the validator rejects a wrong field type,
a missing required field and a value outside an enum, so the run cannot
pass with a check that accepts anything.

Run with the API venv (`make setup-api`): api/.venv/bin/python tests/stub/check_answers.py
"""

import copy
import http.client
import importlib.util
import json
import pathlib
import re
import sys
import threading
from datetime import datetime
from urllib.parse import urlsplit

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]
STUB_CLIENT, STUB_SECRET = "stub-client", "stub-secret"


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value):
    if not isinstance(value, str):
        return True
    return "T" in value and datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None


@FORMATS.checks("uri", raises=ValueError)
def is_uri(value):
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


def validator(schema):
    return jsonschema.Draft202012Validator(schema, format_checker=FORMATS)


def first_leaf(schema, value, path=()):
    """The path of a typed leaf inside `value` (a value the schema's
    example builder made), with the leaf's schema, or None."""
    if isinstance(value, dict):
        for name, sub in schema.get("properties", {}).items():
            found = first_leaf(sub, value.get(name), path + (name,))
            if found:
                return found
        return None
    if isinstance(value, list) and value and "items" in schema:
        return first_leaf(schema["items"], value[0], path + (0,))
    if "type" in schema or "enum" in schema:
        return path, schema
    return None


def set_at(value, path, new):
    for key in path[:-1]:
        value = value[key]
    value[path[-1]] = new


def self_check(answers):
    """The validator must reject an answer with one field broken."""
    broken = 0
    for name, entry in sorted(answers.RESPONSES.items()):
        schema = entry["schema"]
        if not schema:
            continue
        good = answers.example(schema)
        errors = list(validator(schema).iter_errors(good))
        assert not errors, f"{name}: the example builder made an invalid answer: {errors[0].message}"
        found = first_leaf(schema, good)
        if not found:
            continue
        path, leaf = found
        types = leaf.get("type") or []
        wrong = 12345 if "object" in types else {"not": "a scalar"}
        wrong_type = copy.deepcopy(good)
        if path:
            set_at(wrong_type, path, wrong)
        else:
            wrong_type = wrong
        assert not validator(schema).is_valid(wrong_type), f"{name}: a wrong type at {path} passed"
        broken += 1
    # A required field missing, and an enum member that is not one.
    status = answers.RESPONSES["contracts_status_retrieve"]["schema"]
    assert not validator(status).is_valid({"contract_name": "x"}), "a missing required field passed"
    assert not validator(status).is_valid({"contract_name": "x", "contract_status": "LOST"}), "a bad enum passed"
    page = answers.RESPONSES["contracts_retrieve"]["schema"]
    listed = answers.example(page)
    listed["results"][0]["created"] = "yesterday"
    assert not validator(page).is_valid(listed), "a malformed date-time passed"
    assert broken >= 80, f"only {broken} answers had a field to break"
    return broken


def seed(state, path):
    """Makes the ids of a stateful route's vector exist on the stub."""
    m = re.fullmatch(r"/api/v2\.1/public/webhooks/(\d+)", path)
    if m:
        state.webhooks[int(m.group(1))] = {"id": int(m.group(1)), "status": "ACTIVE"}
    m = re.fullmatch(r"/api/v2\.1/public/counter_parties/(\d+)", path)
    if m:
        state.counterparties = max(state.counterparties, int(m.group(1)))


def send(port, method, target, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"client-id": STUB_CLIENT, "client-secret": STUB_SECRET, "accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        conn.request(method, target, body=data, headers=headers)
        res = conn.getresponse()
        return res.status, res.read()
    finally:
        conn.close()


# The stateful routes once more, in the states the vectors do not reach: a
# filtered contract listing (the reconciliation query), a later page, a
# webhook created with optional fields, a short counterparty page.
P = "/api/v2.1/public/"
MORE = [
    ("contracts_retrieve", "GET", P + "contracts/?filter__last_updated_on[$gte]=2025-12-31T00:00:00Z&limit=5&page=2", None),
    ("contracts_retrieve", "GET", P + "contracts/?limit=10&page=3", None),
    ("webhooks_create", "POST", P + "webhooks/", {"title": "CRM", "url": "https://hooks.example.com/a",
                                                 "only_for_activities": ["CONTRACT_SIGNED", "CONTRACT_EXECUTED"],
                                                 "description": "sync", "custom_headers": {"x-team": "legal"}}),
    ("counter_parties_list", "GET", P + "counter_parties/?limit=2&page=3", None),
]


def consistent(operations, answers):
    """The two distilled files describe the same operations (checked here
    too, as a checkout without SpotDraft's schema cannot re-distil them)."""
    assert set(answers.RESPONSES) == set(operations), "api/responses.json and api/operations.json differ in operations"
    for name, op in operations.items():
        entry = answers.RESPONSES[name]
        assert (entry["status"], entry["kind"]) == (op["success"], op["response"]), f"{name}: status or kind differ"
        assert (entry["schema"] is None) == (op["response"] == "empty"), f"{name}: a schema for an empty answer"


def vector_requests(operations):
    """(operation, method, path?query, body) of each operation's first
    success vector in calls.json."""
    cases = json.loads((ROOT / "tests" / "vectors" / "api" / "calls.json").read_text(encoding="utf-8"))["cases"]
    first = {}
    for case in cases:
        if "error" not in case["expect"]:
            first.setdefault(case["operation"], case)
    missing = sorted(set(operations) - set(first))
    assert not missing, f"operations without a success vector: {missing}"
    out = []
    for name, case in sorted(first.items()):
        url = urlsplit(case["expect"]["url"])
        target = url.path + (f"?{url.query}" if url.query else "")
        out.append((name, case["expect"]["method"], target, case["expect"].get("body")))
    return out


def problems(server, answers, name, method, target, body):
    """What is wrong with the stub's answer to one request (empty if nothing)."""
    with server.state.lock:
        server.state.recent.clear()  # the limiter is not under test here
    seed(server.state, urlsplit(target).path)
    status, raw = send(server.server_address[1], method, target, body)
    entry = answers.RESPONSES[name]
    if status != entry["status"]:
        return [f"{name}: status {status}, the schema says {entry['status']}: {raw[:200]!r}"]
    if entry["schema"] is None:
        return [f"{name}: a {status} answer with a body"] if raw else []
    value = json.loads(raw)
    if entry["kind"] == "page" and not value.get("results"):
        return [f"{name}: {target} listed nothing, so no item was checked"]
    errors = sorted(validator(entry["schema"]).iter_errors(value), key=str)
    return [f"{name}: at {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:1]]


def main():
    stub = load("spotdraft_stub", ROOT / "tests" / "stub" / "spotdraft_stub.py")
    answers = stub.answers
    broken = self_check(answers)
    operations = {op["name"]: op for op in stub.OPERATIONS}
    consistent(operations, answers)
    requests = vector_requests(operations) + MORE
    server = stub.serve(0, STUB_CLIENT, STUB_SECRET)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        failures = [p for request in requests for p in problems(server, answers, *request)]
    finally:
        server.shutdown()
        server.server_close()
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    if failures:
        return 1
    print(f"stub answers: {len(operations)} operations ({len(requests)} requests) answered schema-valid; "
          f"the validator rejected {broken} broken answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
