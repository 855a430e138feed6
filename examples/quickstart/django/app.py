# SpotDraft webhooks with Django (one file, served by uvicorn as ASGI):
# verified, deduplicated, handled once.
#   pip install "spotdraft-kit[django]" uvicorn
#   SPOTDRAFT_HMAC_KEYS=<hmac_key> python app.py
# In a project: the view below goes into views.py and its path into urls.py.
import os
import secrets

from django.conf import settings

settings.configure(
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(","),
    SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(32),
)

from django.core.asgi import get_asgi_application  # noqa: E402
from django.http import HttpRequest  # noqa: E402
from django.urls import path  # noqa: E402
from spotdraft_kit import Delivery, Verifier  # noqa: E402
from spotdraft_kit.django import limit_request_bodies, webhook  # noqa: E402
from spotdraft_kit.stores import SQLiteStore  # noqa: E402

verifier = Verifier.from_env(os.environ)  # SPOTDRAFT_HMAC_KEYS: <hmac_key> or label:key,...
store = SQLiteStore(os.environ.get("SEEN_DB", "seen.db"))  # or PostgresStore, RedisStore


@webhook(verifier, store=store)  # CSRF-exempt; 202 once, 200 for repeats, 401/400/413 refused
def receive(request: HttpRequest, delivery: Delivery) -> None:
    print("received", delivery.event.activity, delivery.event.contract_id)  # your work here


urlpatterns = [path("webhooks/spotdraft", receive)]
# Refuses an oversize body while it arrives, before Django spools it to disk.
application = limit_request_bodies(get_asgi_application(), verifier, paths=["/webhooks/"])

if __name__ == "__main__":
    import uvicorn

    uvicorn.run(application, host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")))
