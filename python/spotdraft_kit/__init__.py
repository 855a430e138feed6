"""Verify, parse and dedupe SpotDraft webhook deliveries.

A thin binding over the spotdraft-kit Rust core: the same names, behaviour
and error codes as the Rust, Node and WebAssembly packages.

    from spotdraft_kit import Verifier, SpotDraftKitError

    verifier = Verifier({"production": HMAC_KEY})
    try:
        delivery = verifier.open(request.headers, raw_body)
    except SpotDraftKitError as err:
        return Response(status=err.http_status)    # 401, 400 or 413
    store(delivery.dedupe_key, raw_body)             # UNIQUE: drops duplicates

The SpotDraft API: ``Api`` builds each request (sans-I/O) and ``send`` /
``send_async`` execute it with the rate limiter and retry policy:

    api = Api.from_env(os.environ)            # SPOTDRAFT_REGION, _CLIENT_ID, ...
    hmac_key = api.send(api.webhooks_hmac_key_get())["hmac_key"]

Framework adapters are submodules: ``spotdraft_kit.starlette`` (FastAPI),
``spotdraft_kit.flask`` and ``spotdraft_kit.django``; each takes a seen-store
of ``spotdraft_kit.stores`` for exactly-once handling:
``webhook(verifier, store=SQLiteStore("seen.db"))``.
"""

from ._native import (
    DEFAULT_MAX_BODY_BYTES,
    MAX_PAGE_LIMIT,
    Api,
    HttpRequest,
    RateLimiter,
    RetryPolicy,
    ERROR_CODES,
    LEGACY_SIGNATURE_HEADER,
    MAX_KEYS,
    SIGNATURE_HEADER,
    ApiError,
    Delivery,
    Diagnosis,
    Event,
    InvalidArgumentError,
    InvalidKeyError,
    PayloadError,
    SignatureError,
    SpotDraftKitError,
    Verifier,
    __version__,
    body_sha256,
    diagnose,
    parse_event,
    sign,
)

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "MAX_PAGE_LIMIT",
    "Api",
    "HttpRequest",
    "RateLimiter",
    "RetryPolicy",
    "ERROR_CODES",
    "LEGACY_SIGNATURE_HEADER",
    "MAX_KEYS",
    "SIGNATURE_HEADER",
    "ApiError",
    "Delivery",
    "Diagnosis",
    "Event",
    "InvalidArgumentError",
    "InvalidKeyError",
    "PayloadError",
    "SignatureError",
    "SpotDraftKitError",
    "Verifier",
    "__version__",
    "body_sha256",
    "diagnose",
    "parse_event",
    "sign",
]

# SpotDraft's integration playbook, planned by the core (sans-I/O): escalation
# bundles, reconcile sweeps, the webhook registry's rules and rotation.
from ._native import (  # noqa: E402
    BUNDLE_FORMAT,
    CONTRACTS_LIST_OPERATION,
    MAX_RECONCILE_PAGES,
    RE_TRIGGER_BATCH_SIZE,
    RE_TRIGGER_OPERATION,
    RECONCILE_PAGE_LIMIT,
    RECONCILED_ACTIVITY,
    WEBHOOK_CREATE_OPERATION,
    WEBHOOK_DELETE_OPERATION,
    PlannedCall,
    Reconcile,
    ReconcileOutcome,
    Rotation,
    RotationStep,
    Sanitizer,
    SyntheticDelivery,
    WebhookRecord,
    WebhookSpec,
    api_bundle,
    delivery_bundle,
    plan_create,
    plan_delete,
    shared_urls,
)

__all__ += [
    "BUNDLE_FORMAT",
    "CONTRACTS_LIST_OPERATION",
    "MAX_RECONCILE_PAGES",
    "RE_TRIGGER_BATCH_SIZE",
    "RE_TRIGGER_OPERATION",
    "RECONCILE_PAGE_LIMIT",
    "RECONCILED_ACTIVITY",
    "WEBHOOK_CREATE_OPERATION",
    "WEBHOOK_DELETE_OPERATION",
    "PlannedCall",
    "Reconcile",
    "ReconcileOutcome",
    "Rotation",
    "RotationStep",
    "Sanitizer",
    "SyntheticDelivery",
    "WebhookRecord",
    "WebhookSpec",
    "api_bundle",
    "delivery_bundle",
    "plan_create",
    "plan_delete",
    "shared_urls",
]
