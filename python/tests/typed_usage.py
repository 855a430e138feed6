"""A typed use of the public API: `mypy --strict` must accept this file
(it is type-checked in `make test`, and also run as a test)."""

from __future__ import annotations

from typing import Optional

import spotdraft_kit
from spotdraft_kit import Delivery, Diagnosis, Event, SpotDraftKitError, Verifier

KEY = "c2VjcmV0LWtleS1mb3ItdHlwZXM="
BODY = b'{"activity":"CONTRACT_EXECUTED","contract_id":42,"activity_data":{"timestamp":"2026-11-02T10:00:00Z"}}'


def receive(verifier: Verifier, headers: dict[str, str], body: bytes) -> tuple[int, Optional[str]]:
    try:
        delivery: Delivery = verifier.open(headers, body)
    except SpotDraftKitError as err:
        code: str = err.code
        status: int = err.http_status
        record = err.log_record
        if record is not None:
            reason = record["reason"]
            assert isinstance(reason, str)
        return status, code
    event: Event = delivery.event
    contract: Optional[int] = event.contract_id
    person = event.performed_by
    email: Optional[str] = person["email"] if person is not None else None
    names = [c["organization_name"] for c in event.counterparties]
    assert contract is None or contract > 0
    assert email is None or "@" in email
    assert all(n is None or isinstance(n, str) for n in names)
    record_ok: dict[str, str | int | bool] = delivery.log_record()
    assert record_ok["outcome"] == "accepted"
    return 202, delivery.dedupe_key


def test_typed_usage() -> None:
    signature: str = spotdraft_kit.sign(KEY, BODY)
    verifier = Verifier({"production": KEY}, max_body_bytes=1 << 20)
    index: int = verifier.verify(BODY, signature)
    assert index == 0 and verifier.is_valid(bytearray(BODY), signature)
    assert receive(verifier, {"X-SD-WEBHOOK-CONTENT-HASH": signature}, BODY)[0] == 202
    assert receive(verifier, {}, BODY) == (401, "missing_signature")
    pairs: list[tuple[bytes, bytes]] = [(b"x-sd-content-hash", signature.encode())]
    assert verifier.open(pairs, memoryview(BODY)).signature_header == "legacy"
    found: Diagnosis = spotdraft_kit.diagnose(BODY, signature, [("production", KEY)])
    assert found.cause == "valid"
    digest: str = spotdraft_kit.body_sha256(BODY)
    assert len(digest) == 64
    event = spotdraft_kit.parse_event(BODY.decode())
    assert event.payload["contract_id"] == 42
    verifier2 = Verifier([KEY, ("old", b"raw-key-bytes")], encoding="base64")
    assert len(verifier2) == 2


def test_typed_playbook_usage() -> None:
    sweep = spotdraft_kit.Reconcile("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", {7: "2026-11-02T09:00:00Z"})
    first: spotdraft_kit.PlannedCall = sweep.first_call()
    assert first.operation == spotdraft_kit.CONTRACTS_LIST_OPERATION
    nxt: Optional[spotdraft_kit.PlannedCall] = sweep.consume_page({"total_results": 1, "results": [{"id": 8}]})
    outcome: spotdraft_kit.ReconcileOutcome = sweep.finish()
    assert nxt is None and outcome.moved == [8] and outcome.deliveries[0].body.startswith(b"{")
    bundle = spotdraft_kit.delivery_bundle(b'{"activity":"CONTRACT_SIGNED"}', {"Content-Type": "application/json"})
    assert bundle["webhook_event"] == "CONTRACT_SIGNED"
    record = spotdraft_kit.WebhookRecord("1", "t", "https://a.example/h", ["CONTRACT_SIGNED"], "uat")
    spec = spotdraft_kit.WebhookSpec("t", "https://a.example/h2", ["CONTRACT_SIGNED"], "uat")
    rotation = spotdraft_kit.Rotation.start([record], "1", spec)
    step: spotdraft_kit.RotationStep = rotation.step()
    assert step.name == "create" and spotdraft_kit.plan_delete([record], "1").params == {"webhook_id": 1}


def test_typed_api_usage() -> None:
    api = spotdraft_kit.Api.from_env(
        {"SPOTDRAFT_REGION": "us", "SPOTDRAFT_CLIENT_ID": "id", "SPOTDRAFT_CLIENT_SECRET": "s3cret-typed"},
        retry_policy=spotdraft_kit.RetryPolicy(max_attempts=3),
    )
    request: spotdraft_kit.HttpRequest = api.contracts_retrieve(
        {"page": 1, "limit": spotdraft_kit.MAX_PAGE_LIMIT, "filters": {"display_status": {"$eq": "EXECUTED"}}}
    )
    headers: dict[str, str] = request.headers
    assert headers["client-id"] == "id" and request.body is None
    record: dict[str, str | int | bool] = request.redacted().log_record()
    assert record["operation"] == "contracts_retrieve"
    try:
        api.parse_response(request, 503, [("Retry-After", "1")], b"")
    except spotdraft_kit.ApiError as err:
        status: int = err.status
        delay: Optional[int] = api.retry_policy.next_delay_ms(1, err, 0.5, 0)
        assert status == 503 and delay == 1000
    failure: spotdraft_kit.ApiError = request.transport_error("timed out", True)
    assert failure.retryable
    wait: int = api.rate_limiter.acquire(0)
    assert wait == 0
    # `call` is typed per operation (generated from api/operations.json).
    void = api.call("contracts_status_void_create", {"composite_id": "T-1", "body": {"note": "duplicate"}})
    listed = api.call("contracts_retrieve", {"page": 1, "filters": {"last_updated_on": {"$gte": "2026-01-01"}}})
    assert void.method == "POST" and listed.method == "GET"
    # And each operation is a method of its own, typed the same way.
    voided: spotdraft_kit.HttpRequest = api.contracts_status_void_create(
        {"composite_id": "T-1", "body": {"note": "duplicate"}}
    )
    assert voided == void and api.templates_list().method == "GET"
