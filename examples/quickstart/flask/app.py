# SpotDraft webhooks with Flask: verified, deduplicated, handled once.
#   pip install "spotdraft-kit[flask]"
#   SPOTDRAFT_HMAC_KEYS=<hmac_key> python app.py
import os

from flask import Flask
from spotdraft_kit import Delivery, Verifier
from spotdraft_kit.flask import webhook
from spotdraft_kit.stores import SQLiteStore

verifier = Verifier.from_env(os.environ)  # SPOTDRAFT_HMAC_KEYS: <hmac_key> or label:key,...
store = SQLiteStore(os.environ.get("SEEN_DB", "seen.db"))  # or PostgresStore, RedisStore
app = Flask(__name__)


@app.post("/webhooks/spotdraft")
@webhook(verifier, store=store)  # below @app.post; 202 once, 200 for repeats, 401/400/413 refused
def receive(delivery: Delivery) -> None:
    print("received", delivery.event.activity, delivery.event.contract_id)  # your work here


if __name__ == "__main__":
    # Werkzeug's server (threaded); in production gunicorn --threads 8 app:app
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")), threaded=True)
