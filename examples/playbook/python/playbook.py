# SpotDraft's integration playbook with spotdraft-kit in Python: the core
# plans, your code does the I/O. `send(operation, params)` is your API
# executor (it builds the request for `operation`, sends it under the rate
# limiter and returns the JSON answer).
#   pip install spotdraft-kit
from __future__ import annotations

import json
from typing import Any, Callable

import spotdraft_kit as sk

Send = Callable[[str, dict[str, Any]], Any]


# snippet-start: reconcile
def reconcile(send: Send, checkpoint: str, now: str, seen: dict[int, str]) -> str:
    """Repairs contracts that moved without a delivery; returns the next checkpoint.
    `seen` is the inbox's latest activity timestamp per contract id."""
    sweep = sk.Reconcile(checkpoint, now, seen, mode="retrigger")  # or "synthetic"
    call: sk.PlannedCall | None = sweep.first_call()  # contracts, last_updated_on >= checkpoint
    while call is not None:
        call = sweep.consume_page(send(call.operation, call.params))
    outcome = sweep.finish()
    for batch in outcome.re_trigger:  # re_trigger_latest, RE_TRIGGER_BATCH_SIZE ids each
        send(batch.operation, batch.params)
    # mode="synthetic": enqueue outcome.deliveries under their dedupe_key instead
    return outcome.next_checkpoint
# snippet-end: reconcile


# snippet-start: registry
def create_webhook(send: Send, registry: list[sk.WebhookRecord], spec: sk.WebhookSpec) -> sk.WebhookRecord:
    """Registers a webhook and persists what SpotDraft cannot list later."""
    call = sk.plan_create(registry, spec)  # refuses a URL another environment uses
    record = sk.WebhookRecord.from_created(send(call.operation, call.params), spec.environment)
    registry.append(record)  # keep the id: delete takes only ids the registry knows
    return record
# snippet-end: registry


# snippet-start: escalate
def escalate(raw_body: bytes, headers: dict[str, str], log_records: list[dict[str, Any]], job_id: str,
             verifier: sk.Verifier) -> str:
    """The minimal failing example for SpotDraft support, with no personal data."""
    bundle = sk.delivery_bundle(raw_body, headers, log_records, verifier=verifier,  # re-runs the signature check
                                environment="production", region="us", integration_id=job_id, status=500)
    return json.dumps(bundle, indent=2)  # bundle["redacted"] lists what was replaced
# snippet-end: escalate
