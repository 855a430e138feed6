#!/usr/bin/env python3
"""Generates the playbook vectors in tests/vectors/playbook/.

Expectations come from how each fixture is built, not from the rules under
test: the reconcile fixture knows which deliveries it dropped, and the
escalation cases list every name, email, title and URL of their source
(collected by walking the payload), which the bundle must not contain.
Dedupe keys use generate.py's independent sdk1 implementation.
Deterministic. Usage: python3 tests/vectors/generate_playbook.py
"""

import json
import pathlib
import random

from generate import FORMAT, dedupe_key

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "playbook"
ROOT = HERE.parent.parent


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


# --- reconcile: a fixture whose dropped deliveries are known


def ts(minute):
    return f"2026-11-02T{minute // 60:02d}:{minute % 60:02d}:00Z"


def reconcile_fixture(count, dropped_every, stale_every, rng):
    """Contracts 1..count updated after the checkpoint; the inbox saw a
    delivery for each except every `dropped_every`-th (dropped), and for
    every `stale_every`-th it only saw an older one (its latest dropped)."""
    contracts, seen, dropped = [], [], []
    for i in range(1, count + 1):
        minute = 60 + rng.randrange(600)
        status = rng.choice(["DRAFT", "REDLINING", "SIGN", "EXECUTED"])
        cid = i if i % 3 else f"T-{i}"  # listings spell ids both ways
        contracts.append({"id": cid, "contract_status": status, "last_updated_on": ts(minute),
                          "contract_name": f"Agreement {i}"})
        if i % dropped_every == 0:
            dropped.append((i, status, ts(minute)))
        elif i % stale_every == 0:
            seen.append([i, ts(minute - 30)])
            dropped.append((i, status, ts(minute)))
        else:
            seen.append([i, ts(minute + rng.randrange(3))])
    # Contracts the inbox knows that the listing does not hold (unchanged).
    seen.append([count + 1000, ts(5)])
    return contracts, seen, dropped


def pages_of(contracts, limit=100):
    pages = []
    for start in range(0, max(len(contracts), 1), limit):
        pages.append({"page": len(pages) + 1, "limit": limit, "total_results": len(contracts),
                      "results": contracts[start:start + limit]})
    return pages


def synthetic(cid, status, at):
    body = compact({"activity": "CONTRACT_RECONCILED", "source": "reconcile", "contract_id": cid,
                    "contract_status": status,
                    "activity_data": {"timestamp": at, "performed_by": {"name": "SYSTEM"}}})
    return {"contract_id": cid, "status": status, "body": body, "dedupe_key": dedupe_key(body.encode())}


def list_params(page, checkpoint):
    return {"page": page, "limit": 100, "filters": {"last_updated_on": {"$gte": checkpoint}}}


def reconcile_cases():
    rng = random.Random(16)
    checkpoint, as_of = "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"
    cases = []
    for name, count, mode in [("two_pages_synthetic", 180, "synthetic"),
                              ("three_pages_retrigger", 230, "retrigger"),
                              ("empty_listing", 0, "synthetic")]:
        contracts, seen, dropped = reconcile_fixture(count, 7, 11, rng)
        pages = pages_of(contracts)
        moved = [cid for cid, _, _ in dropped]
        expect = {"calls": [list_params(p, checkpoint) for p in range(1, len(pages) + 1)],
                  "moved": moved, "unresolved": [], "complete": True, "next_checkpoint": as_of}
        if mode == "synthetic":
            expect["deliveries"] = [synthetic(*d) for d in dropped]
            expect["re_trigger"] = []
        else:
            expect["deliveries"] = []
            expect["re_trigger"] = [{"contract_ids": moved[i:i + 50]} for i in range(0, len(moved), 50)]
        cases.append({"name": name, "op": "reconcile", "checkpoint": checkpoint, "as_of": as_of,
                      "seen": seen, "mode": mode, "pages": pages, "expect": expect})
    # The runtime gives up after the first of two pages: the repairs found so
    # far, and the old checkpoint kept for the next sweep.
    contracts, seen, dropped = reconcile_fixture(150, 7, 11, rng)
    first = [d for d in dropped if d[0] <= 100]
    cases.append({"name": "given_up_after_one_page", "op": "reconcile", "checkpoint": checkpoint,
                  "as_of": as_of, "seen": seen, "mode": "synthetic", "pages": pages_of(contracts)[:1],
                  "expect": {"calls": [list_params(1, checkpoint), list_params(2, checkpoint)],
                             "moved": [d[0] for d in first], "unresolved": [], "complete": False,
                             "next_checkpoint": checkpoint, "re_trigger": [],
                             "deliveries": [synthetic(*d) for d in first]}})
    # Listings without last_updated_on: moved means nothing seen since the checkpoint;
    # a historical id is left unresolved; a contract updated before the checkpoint is ignored.
    results = [{"id": 1, "status": "SIGN"}, {"id": 2, "contract_status": "EXECUTED"},
               {"id": "H-3", "contract_status": "EXECUTED"},
               {"id": 4, "contract_status": "DRAFT", "last_updated_on": "2026-11-01T23:59:59Z"}]
    cases.append({"name": "no_timestamps_in_listing", "op": "reconcile", "checkpoint": checkpoint,
                  "as_of": as_of, "seen": [[2, "2026-11-02T03:00:00+00:00"]], "mode": "synthetic",
                  "pages": [{"page": 1, "limit": 100, "total_results": 4, "results": results}],
                  "expect": {"calls": [list_params(1, checkpoint)], "moved": [1], "unresolved": ["H-3"],
                             "complete": True, "next_checkpoint": as_of, "re_trigger": [],
                             "deliveries": [synthetic(1, "SIGN", as_of)]}})
    return cases


# --- escalation: every personal value of the source must be absent


PERSONAL_KEYS = ("name", "email", "title", "url", "link")


def personal_values(value, key=""):
    """Strings under name/email/title/url keys, and strings holding an
    address or a URL, anywhere in the source."""
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            out += personal_values(v, k)
    elif isinstance(value, list):
        for v in value:
            out += personal_values(v, key)
    elif isinstance(value, str):
        lowered = key.lower()
        named = any(p in lowered for p in PERSONAL_KEYS) and not lowered.endswith("_mode")
        if named or "@" in value or "http" in value:
            out.append(value)
    return out


FIRST = ["Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Dennis", "Frances"]
LAST = ["Lovelace", "Hopper", "Hamilton", "Turing", "Liskov", "Ritchie", "Allen", "Kay"]


def generated_payload(rng, i):
    def person():
        first, last = rng.choice(FIRST), rng.choice(LAST)
        return {"name": f"{first} {last} {i}", "email": f"{first.lower()}.{last.lower()}{i}@example.net"}
    counterparty = person()
    return {
        "activity": rng.choice(["CONTRACT_SIGNED", "CONTRACT_VERSION_UPLOADED", "SIGNING_EMAIL_OPENED"]),
        "activity_data": {
            "performed_by": person(), "timestamp": ts(rng.randrange(1000)),
            "document_url": f"https://files.example.net/doc/{i}?X-Amz-Signature=abc{i}",
            "comment": f"Please ask {counterparty['name']} to sign",
            "email_event_data": {"recipient_email": counterparty["email"], "email_mode": "to",
                                 "occured_at": ts(5)},
        },
        "contract_id": 9000 + i, "contract_title": f"Supply deal with {counterparty['name']}",
        "contract_status": "SIGN", "contract_kind": "TEMPLATE_CONTRACT", "contract_type_id": 3,
        "business_user": person(), "legal_user": person(),
        "counterparties": [{"type": "Individual", "poc_name": counterparty["name"],
                            "poc_email": counterparty["email"], "counterparty_id": i}],
        "external_metadata": {"id": f"crm-{i}", "owner_note": f"call {counterparty['email']}"},
        "created_at": ts(1),
    }


def escalation_cases():
    rng = random.Random(1616)
    sources = [(p.stem, json.loads(p.read_text()))
               for p in sorted((ROOT / "examples" / "payloads").glob("*.json"))]
    sources += [(f"generated_{i}", generated_payload(rng, i)) for i in range(6)]
    cases = []
    for name, payload in sources:
        body = json.dumps(payload, indent=2)
        headers = [["Content-Type", "application/json"],
                   ["X-SD-WEBHOOK-CONTENT-HASH", "ab" * 64],
                   ["Authorization", "Bearer tok-" + name],
                   ["X-Forwarded-For", "203.0.113.9"]]
        log_records = [{"outcome": "accepted", "contract_id": payload["contract_id"],
                        "handler_error": f"timeout syncing {payload['business_user'].get('email', 'x@example.com')}"}]
        absent = sorted(set(personal_values(payload)) | {"ab" * 64, "Bearer tok-" + name, "203.0.113.9"}
                        | set(personal_values(log_records)))
        ext = (payload.get("external_metadata") or {}).get("id")
        cases.append({
            "name": f"delivery_{name}", "op": "delivery_bundle", "body": body, "headers": headers,
            "log_records": log_records,
            "context": {"environment": "production", "region": "us", "integration_id": "job-" + name,
                        "occurred_at": "2026-11-02T10:00:01Z", "status": 500},
            "expect": {"absent": absent, "kept": {
                "/kind": "webhook_delivery", "/webhook_event": payload["activity"],
                "/contract_id": payload["contract_id"], "/external_metadata_id": ext,
                "/environment": "production", "/region": "us", "/method": "POST", "/status": 500,
                "/integration_id": "job-" + name,
                "/timestamp": payload["activity_data"]["timestamp"],
                "/signature_check/header": "X-SD-WEBHOOK-CONTENT-HASH",
                "/signature_check/result": "not_checked",
                "/payload/contract_status": payload.get("contract_status"),
            }},
        })
    record = {"operation": "contracts_retrieve", "method": "GET", "host": "api.us.spotdraft.com",
              "path": "/api/v2.1/public/contracts/?limit=10&page=1&filter__client_email=kim%40example.org",
              "environment": "uat", "status": 400, "retries": 0, "request_id": "req-77"}
    cases.append({
        "name": "api_request_with_filter_email", "op": "api_bundle", "record": record,
        "request_body": None,
        "response_body": {"detail": "Invalid filter", "field_errors": {"client_email": ["kim@example.org is unknown"]}},
        "context": {"environment": "", "region": "us"},
        "expect": {"absent": ["kim@example.org", "kim%40example.org"], "kept": {
            "/kind": "api_request", "/endpoint/method": "GET", "/endpoint/host": "api.us.spotdraft.com",
            "/endpoint/path": "/api/v2.1/public/contracts/?limit=10&page=1&filter__client_email=<email-1>",
            "/environment": "uat", "/status": 400, "/integration_id": "req-77",
            "/response_body/detail": "Invalid filter"}},
    })
    return cases


# --- webhook registry rules


def record(id, url, env):
    return {"id": id, "title": "t", "url": url, "activities": ["CONTRACT_SIGNED"], "environment": env}


def registry_cases():
    uat = record("11", "https://hooks.example.com/sd", "uat")
    spec = {"title": "crm", "activities": ["CONTRACT_EXECUTED"]}
    return [
        {"name": "create_in_a_new_environment_with_a_shared_url", "op": "plan_create", "registry": [uat],
         "spec": dict(spec, url="https://HOOKS.example.com:443/sd/", environment="production"),
         "expect": {"error": "invalid_config"}},
        {"name": "create_same_environment", "op": "plan_create", "registry": [uat],
         "spec": dict(spec, url="https://hooks.example.com/sd2", environment="uat"),
         "expect": {"operation": "webhooks_create", "params": {"body": {
             "title": "crm", "url": "https://hooks.example.com/sd2", "only_for_activities": ["CONTRACT_EXECUTED"]}}}},
        {"name": "create_plain_http", "op": "plan_create", "registry": [],
         "spec": dict(spec, url="http://hooks.example.com/sd", environment="uat"),
         "expect": {"error": "invalid_argument"}},
        {"name": "delete_known", "op": "plan_delete", "registry": [uat], "id": "11", "force": False,
         "expect": {"operation": "webhooks_destroy", "params": {"webhook_id": 11}}},
        {"name": "delete_unknown", "op": "plan_delete", "registry": [uat], "id": "12", "force": False,
         "expect": {"error": "invalid_id"}},
        {"name": "delete_unknown_forced", "op": "plan_delete", "registry": [uat], "id": "12", "force": True,
         "expect": {"operation": "webhooks_destroy", "params": {"webhook_id": 12}}},
        {"name": "shared_urls", "op": "shared_urls",
         "registry": [uat, record("12", "https://hooks.example.com/sd/", "production"),
                      record("13", "https://other.example.com/sd", "production")],
         "expect": {"shared": [["https://hooks.example.com/sd", ["production", "uat"]]]}},
        {"name": "rotation_round_trip", "op": "rotation", "registry": [uat],
         "old_id": "11", "spec": dict(spec, url="https://hooks.example.com/sd-v2", environment="uat"),
         "events": [["created", {"id": 21, "title": "crm", "url": "https://hooks.example.com/sd-v2",
                                 "only_for_activities": ["CONTRACT_EXECUTED"], "status": "ACTIVE"}],
                    ["delivery_at", "https://hooks.example.com/sd"],
                    ["delivery_at", "https://hooks.example.com/sd-v2"],
                    ["deleted", "11"]],
         "expect": {"steps": ["create", "await_delivery", "await_delivery", "delete_old", "done"]}},
        {"name": "rotation_gives_up", "op": "rotation", "registry": [uat],
         "old_id": "11", "spec": dict(spec, url="https://hooks.example.com/sd-v2", environment="uat"),
         "events": [["created", {"id": 21, "title": "crm", "url": "https://hooks.example.com/sd-v2"}],
                    ["give_up", None], ["deleted", "21"]],
         "expect": {"steps": ["create", "await_delivery", "delete_new", "rolled_back"]}},
    ]


def write(topic, cases):
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), topic
    OUT.mkdir(exist_ok=True)
    doc = {"format": FORMAT, "topic": topic, "cases": cases}
    (OUT / f"{topic}.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(cases)


if __name__ == "__main__":
    total = write("reconcile", reconcile_cases())
    total += write("escalation", escalation_cases())
    total += write("webhook_registry", registry_cases())
    print(f"wrote {total} cases")
