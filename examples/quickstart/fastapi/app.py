# SpotDraft webhooks with FastAPI: verified, deduplicated, handled once.
#   pip install "spotdraft-kit[fastapi]" uvicorn
#   SPOTDRAFT_HMAC_KEYS=<hmac_key> python app.py
import os

from fastapi import FastAPI
from spotdraft_kit import Delivery, Verifier
from spotdraft_kit.starlette import webhook
from spotdraft_kit.stores import SQLiteStore

verifier = Verifier.from_env(os.environ)  # SPOTDRAFT_HMAC_KEYS: <hmac_key> or label:key,...
store = SQLiteStore(os.environ.get("SEEN_DB", "seen.db"))  # or PostgresStore, RedisStore
app = FastAPI()


@app.post("/webhooks/spotdraft")
@webhook(verifier, store=store)  # 202 once per delivery, 200 for repeats, 401/400/413 refused
async def receive(delivery: Delivery) -> None:
    print("received", delivery.event.activity, delivery.event.contract_id)  # your work here


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")))
