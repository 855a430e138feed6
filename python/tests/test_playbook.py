"""The playbook vectors (tests/vectors/playbook/*.json: reconcile, escalation
bundles, webhook registry) run against the Python package, plus the
binding's own argument checks."""

from __future__ import annotations

import json
from typing import Any

import pytest

import spotdraft_kit as sk
from spotdraft_kit import SpotDraftKitError

from conftest import VECTORS

PLAYBOOK = VECTORS / "playbook"


def cases(topic: str) -> list[dict[str, Any]]:
    doc = json.loads((PLAYBOOK / f"{topic}.json").read_text(encoding="utf-8"))
    assert doc["format"] == "spotdraft-kit-vectors/1"
    found: list[dict[str, Any]] = doc["cases"]
    assert found
    return found


def pointer(doc: Any, path: str) -> Any:
    for token in path.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc.get(token)
    return doc


@pytest.mark.parametrize("case", cases("reconcile"), ids=lambda c: c["name"])
def test_reconcile_finds_exactly_the_dropped_deliveries(case: dict[str, Any]) -> None:
    sweep = sk.Reconcile(case["checkpoint"], case["as_of"], [tuple(p) for p in case["seen"]], case["mode"])
    calls = [sweep.first_call()]
    for page in case["pages"]:
        nxt = sweep.consume_page(page)
        if nxt is None:
            break
        calls.append(nxt)
    expect = case["expect"]
    assert [c.params for c in calls] == expect["calls"]
    assert {c.operation for c in calls} == {sk.CONTRACTS_LIST_OPERATION}
    outcome = sweep.finish()
    assert outcome.moved == expect["moved"]
    assert outcome.unresolved == expect["unresolved"]
    assert outcome.complete == expect["complete"]
    assert outcome.next_checkpoint == expect["next_checkpoint"]
    got = [{"contract_id": d.contract_id, "status": d.status, "body": d.body.decode(), "dedupe_key": d.dedupe_key}
           for d in outcome.deliveries]
    assert got == expect["deliveries"]
    assert [c.params["body"] for c in outcome.re_trigger] == expect["re_trigger"]
    assert all(c.operation == sk.RE_TRIGGER_OPERATION for c in outcome.re_trigger)
    assert all(len(c.params["body"]["contract_ids"]) <= sk.RE_TRIGGER_BATCH_SIZE for c in outcome.re_trigger)
    with pytest.raises(SpotDraftKitError) as err:
        sweep.finish()
    assert err.value.code == "invalid_argument"


def context_kwargs(ctx: dict[str, Any]) -> dict[str, Any]:
    return {k: ctx[k] for k in ("environment", "region", "integration_id", "occurred_at", "status") if k in ctx}


@pytest.mark.parametrize("case", cases("escalation"), ids=lambda c: c["name"])
def test_escalation_bundle_holds_no_personal_data(case: dict[str, Any]) -> None:
    if case["op"] == "delivery_bundle":
        bundle = sk.delivery_bundle(case["body"].encode(), [tuple(h) for h in case["headers"]],
                                    case["log_records"], **context_kwargs(case["context"]))
    else:
        bundle = sk.api_bundle(case["record"], case["request_body"], case["response_body"],
                               **context_kwargs(case["context"]))
    text = json.dumps(bundle, ensure_ascii=False)
    for value in case["expect"]["absent"]:
        assert value not in text
    for path, want in case["expect"]["kept"].items():
        assert pointer(bundle, path) == want, path
    for r in bundle["redacted"]:
        at = pointer(bundle, r["path"])
        assert (isinstance(at, str) and r["placeholder"] in at) or r["path"].endswith("/" + r["placeholder"])


def test_delivery_bundle_re_runs_the_signature_check_without_the_key() -> None:
    key = "c2VjcmV0LWtleS1mb3ItYnVuZGxlcw=="
    body = b'{"activity":"CONTRACT_SIGNED","contract_id":5,"business_user":{"name":"Kim Lee"}}'
    signature = sk.sign(key, body)
    headers = {"X-SD-WEBHOOK-CONTENT-HASH": signature, "Content-Type": "application/json"}
    bundle = sk.delivery_bundle(body, headers, verifier=sk.Verifier([("prod", key)], allow_short_keys=True))
    check = bundle["signature_check"]
    assert (check["result"], check["key_id"], check["body_sha256"]) == ("valid", "prod", sk.body_sha256(body))
    assert key not in json.dumps(bundle) and signature not in json.dumps(bundle)
    other = sk.Verifier(["c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBvdGhlci1rZXksIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hYw=="])
    wrong = sk.delivery_bundle(body, headers, verifier=other)
    assert wrong["signature_check"]["result"] == "signature_mismatch"


@pytest.mark.parametrize("case", cases("webhook_registry"), ids=lambda c: c["name"])
def test_webhook_registry(case: dict[str, Any]) -> None:
    registry = [sk.WebhookRecord(r["id"], r["title"], r["url"], r["activities"], r["environment"])
                for r in case["registry"]]

    def spec() -> sk.WebhookSpec:
        s = case["spec"]
        return sk.WebhookSpec(s["title"], s["url"], s["activities"], s["environment"])

    def planned(make: Any) -> dict[str, Any]:
        try:
            call = make()
        except SpotDraftKitError as err:
            return {"error": err.code}
        return {"operation": call.operation, "params": call.params}

    expect = case["expect"]
    if case["op"] == "plan_create":
        assert planned(lambda: sk.plan_create(registry, spec())) == expect
    elif case["op"] == "plan_delete":
        assert planned(lambda: sk.plan_delete(registry, case["id"], case["force"])) == expect
    elif case["op"] == "shared_urls":
        assert [list(pair) for pair in sk.shared_urls(registry)] == expect["shared"]
    else:
        rotation = sk.Rotation.start(registry, case["old_id"], spec())
        steps = [rotation.step().name]
        for event, arg in case["events"]:
            if event == "created":
                rotation.created(arg)
            elif event == "delivery_at":
                rotation.delivery_at(arg)
            elif event == "give_up":
                rotation.give_up()
            else:
                rotation.deleted(arg)
            steps.append(rotation.step().name)
        assert steps == expect["steps"]


def test_rotation_steps_carry_their_calls_and_records() -> None:
    old = sk.WebhookRecord("31", "crm", "https://hooks.example.com/v1", ["CONTRACT_EXECUTED"], "production")
    spec = sk.WebhookSpec("crm", "https://hooks.example.com/v2", ["CONTRACT_EXECUTED"], "production")
    rotation = sk.Rotation.start([old], "31", spec)
    create = rotation.step().call
    assert create is not None and create.operation == sk.WEBHOOK_CREATE_OPERATION
    new = rotation.created({"id": 32, "title": "crm", "url": "https://hooks.example.com/v2"})
    assert (new.id, new.environment) == ("32", "production")
    waiting = rotation.step()
    assert (waiting.name, waiting.webhook_id, waiting.url) == ("await_delivery", "32", "https://hooks.example.com/v2")
    assert rotation.delivery_at("https://hooks.example.com/v2")
    delete = rotation.step().call
    assert delete is not None and delete.params == {"webhook_id": 31}
    rotation.deleted("31")
    assert rotation.step().kept == new


@pytest.mark.parametrize(
    "call",
    [
        lambda: sk.Reconcile("yesterday", "2026-01-01T00:00:00Z", {}),
        lambda: sk.Reconcile("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", {}, "both"),
        lambda: sk.Reconcile("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", {"x": "y"}),
        lambda: sk.Reconcile("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", {}).consume_page({"results": 5}),
        lambda: sk.plan_delete(["not a record"], "1"),
        lambda: sk.plan_delete([], "1"),
        lambda: sk.delivery_bundle(b"{}", {}, log_records={"a": 1}),
        lambda: sk.delivery_bundle(b"{}", {}, verifier=["c2VjcmV0LWtleS1mb3ItYnVuZGxlcw=="]),
        lambda: sk.Sanitizer().redact("/x", "ssn", "1"),
        lambda: sk.WebhookRecord.from_created({"title": "no id"}, "uat"),
    ],
)
def test_bad_arguments_raise_typed_errors(call: Any) -> None:
    with pytest.raises(SpotDraftKitError) as err:
        call()
    assert err.value.code in ("invalid_argument", "invalid_id", "invalid_config")


def test_sanitizer_placeholders_are_stable() -> None:
    s = sk.Sanitizer()
    clean = s.sanitize({"poc_email": "a@b.co", "to": ["a@b.co"], "contract_id": 3})
    assert clean == {"poc_email": "<email-1>", "to": ["<email-1>"], "contract_id": 3}
    assert [r["path"] for r in s.redactions] == ["/poc_email", "/to/0"]
    assert "a@b.co" not in repr(s)


def load_example() -> Any:
    import importlib.util

    path = VECTORS.parent.parent / "examples" / "playbook" / "python" / "playbook.py"
    spec = importlib.util.spec_from_file_location("playbook_example", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_example_repairs_the_dropped_deliveries_and_leaks_nothing() -> None:
    example = load_example()
    case = next(c for c in cases("reconcile") if c["name"] == "three_pages_retrigger")
    sent: list[tuple[str, dict[str, Any]]] = []

    def send(operation: str, params: dict[str, Any]) -> Any:
        sent.append((operation, params))
        if operation == sk.CONTRACTS_LIST_OPERATION:
            return case["pages"][params["page"] - 1]
        if operation == sk.WEBHOOK_CREATE_OPERATION:
            return dict(params["body"], id=77, status="ACTIVE")
        return {}

    seen = {cid: at for cid, at in case["seen"]}
    assert example.reconcile(send, case["checkpoint"], case["as_of"], seen) == case["as_of"]
    batches = [p["body"] for op, p in sent if op == sk.RE_TRIGGER_OPERATION]
    assert batches == case["expect"]["re_trigger"]
    assert sum(len(b["contract_ids"]) for b in batches) == len(case["expect"]["moved"])

    registry: list[sk.WebhookRecord] = []
    spec = sk.WebhookSpec("crm", "https://hooks.example.com/sd", ["CONTRACT_EXECUTED"], "production")
    assert example.create_webhook(send, registry, spec).id == "77" and len(registry) == 1
    with pytest.raises(SpotDraftKitError):
        example.create_webhook(send, registry, sk.WebhookSpec("crm", spec.url, spec.activities, "uat"))

    source = cases("escalation")[0]
    verifier = sk.Verifier(["c3BvdGRyYWZ0LWtpdCB0ZXN0IGtleSBzZWNyZXQsIDY0IGJ5dGVzIGxpa2UgYSBTcG90RHJhZnQgaG1hY19rZQ=="])
    text = example.escalate(source["body"].encode(), dict(source["headers"]), source["log_records"], "job-1", verifier)
    assert all(value not in text for value in source["expect"]["absent"])
    assert json.loads(text)["signature_check"]["result"] == "signature_mismatch"
