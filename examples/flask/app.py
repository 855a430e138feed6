"""SpotDraft webhook receiver: Flask.

Verifies each delivery on the raw body (spotdraft_kit.flask), stores it in
SQLite under a UNIQUE dedupe key before answering, answers 202 at once (200
for a delivery already stored), and processes stored deliveries in a
background worker (outbox.py), so slow work never delays the answer and a
restart resumes where it stopped.

    SPOTDRAFT_HMAC_KEYS=<hmac_key> python app.py     # rotation: old:<key>,new:<key>

In production run it under a WSGI server with threads (gunicorn
--threads): verification releases the GIL for large bodies.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue

# The SQLite outbox is shared by the Python examples (examples/shared/).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "shared"))
from outbox import Outbox  # noqa: E402
from spotdraft_kit import Delivery, Event, SpotDraftKitError, Verifier
from spotdraft_kit.flask import webhook

logging.basicConfig(level=logging.INFO, format="%(message)s")
log = logging.getLogger("spotdraft.receiver")

# SPOTDRAFT_HMAC_KEYS: the hmac_key from GET webhooks/hmac_key/, or
# label:key,... with old and new side by side while rotating. No key: fails
# at start-up, not on the first delivery.
verifier = Verifier.from_env(os.environ)

DATA_DIR = Path(os.environ.get("DATA_DIR", "./data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def process_delivery(event: Event) -> None:
    """Your own work goes here. It runs after the answer, in the worker, and
    is retried when it raises."""
    log.info(json.dumps({"msg": "processed", "activity": event.activity, "contract_id": event.contract_id}))


def log_rejected(err: SpotDraftKitError) -> None:
    # The record holds the reason, body hash and length: no secret, no personal data.
    log.warning(json.dumps({"msg": "rejected", **(err.log_record or {"reason": err.code})}))


outbox = Outbox(DATA_DIR / "deliveries.db", process_delivery)
outbox.start()
app = Flask(__name__)


@app.post("/webhooks/spotdraft")
@webhook(verifier, on_error=log_rejected)
def receive(delivery: Delivery) -> ResponseReturnValue:
    fresh = outbox.store(delivery)
    log.info(json.dumps({"msg": "stored" if fresh else "duplicate", **delivery.log_record()}))
    return jsonify(ok=True, duplicate=not fresh), 202 if fresh else 200


@app.get("/healthz")
def healthz() -> ResponseReturnValue:
    return jsonify(ok=True, **outbox.counts())


if __name__ == "__main__":
    # Werkzeug's server, threaded; use gunicorn or similar in production.
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")), threaded=True)
