#!/usr/bin/env python3
"""A stub of SpotDraft's public API for executor tests, on 127.0.0.1 only.

It behaves like the parts of SpotDraft the executors depend on:
- checks the `client-id` / `client-secret` headers (401 otherwise);
- enforces 10 requests per second per client id with 429 (sliding window);
- answers 302 when a path's trailing slash does not match the real endpoint;
- serves webhooks (hmac_key, create, delete), contracts (paginated list,
  status) and counterparties (paginated list, get) with state, and every
  other operation of api/operations.json (the table core is generated
  from) with its documented success status; every JSON answer, stateful
  or not, is valid against the operation's distilled success schema in
  api/responses.json (answers.py builds them), a 204 has no body; a
  missing required body is a 400;
- accepts `Authorization: Bearer <oauth token>` where an operation takes
  OAuth;
- injects faults on demand: the next N answers with a status (500, 503...)
  or after a delay, per path;
- records every call (method, path, query, whether auth was present, the
  status answered);
- lists contracts with `last_updated_on` and applies
  `filter__last_updated_on[$gte]`; records the contract ids of every
  `re_trigger_latest` call it accepted.

Control endpoints (no auth): `POST /__control/fault` with
`{"path": "/api/v2.1/public/...", "status": 503, "times": 2, "delay_ms": 0}`,
`GET /__control/calls`, `POST /__control/reset`, `POST /__control/contracts`
with `[{"id": 1, "status": "SIGN", "last_updated_on": "..."}]` (replaces the
contracts; the listing answers them as the schema says, `"id": "1"` and
`"contract_status": "SIGN"`, with `last_updated_on` beside), `GET
/__control/retriggered` (one list of ids per accepted call).

Usage: python3 spotdraft_stub.py [--port 0] [--client-id ID --client-secret S]
Prints `listening on http://127.0.0.1:PORT` once ready.
"""

import argparse
import importlib.util
import json
import pathlib
import re
import threading
import time
from datetime import datetime, timezone
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HMAC_KEY = "c3R1Yi1zcG90ZHJhZnQtaG1hYy1rZXktZm9yLXRlc3RzLW9ubHktMDEyMzQ1Njc4OQ=="
RATE = 10
WINDOW_S = 1.0
P = "/api/v2.1/public/"

OAUTH_TOKEN = "stub-oauth-token"
HERE = pathlib.Path(__file__).resolve().parent
OPERATIONS = json.loads((HERE.parents[1] / "api" / "operations.json").read_text(encoding="utf-8"))["operations"]


def load_answers():
    """answers.py beside this file, however this file was loaded."""
    spec = importlib.util.spec_from_file_location("spotdraft_stub_answers", HERE / "answers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


answers = load_answers()

# Each real endpoint: regex over the path with its exact trailing slash.
ROUTES = [
    ("GET", P + "webhooks/hmac_key/", "hmac_key"),
    ("POST", P + "webhooks/", "webhook_create"),
    ("DELETE", P + r"webhooks/(\d+)", "webhook_delete"),
    ("GET", P + "contracts/", "contracts_list"),
    ("POST", P + "contracts/webhooks/re_trigger_latest/", "re_trigger_latest"),
    ("GET", P + r"contracts/([HT\-0-9]+)/status", "contract_status"),
    ("GET", P + "counter_parties/", "counterparties_list"),
    ("GET", P + r"counter_parties/(\d+)", "counterparty_get"),
]
STATEFUL = {(m, p) for m, p, _ in ROUTES}


def parse_time(text):
    """An ISO-8601 time as an aware datetime, or None."""
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def template_pattern(path):
    return re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))


# Every other operation of the table, literal paths before templated ones.
TABLE_ROUTES = sorted(
    ((op["method"], template_pattern(op["path"]), op) for op in OPERATIONS),
    key=lambda r: r[2]["path"].count("{"),
)


class State:
    def __init__(self, client_id, client_secret, contracts):
        self.lock = threading.Lock()
        self.client_id = client_id
        self.client_secret = client_secret
        self.calls = []
        self.faults = {}  # path -> list of {"status", "delay_ms"}
        self.recent = {}  # client id -> deque of request times
        self.webhooks = {}
        self.next_webhook = 1
        self.contracts = [{"id": i, "composite_id": f"T-{i}", "status": "EXECUTED",
                           "last_updated_on": "2026-01-01T00:00:00Z"} for i in range(1, contracts + 1)]
        self.retriggered = []  # contract ids of each accepted re_trigger_latest call
        self.counterparties = 5  # ids 1..N exist

    def rate_limited(self, client):
        now = time.monotonic()
        with self.lock:
            q = self.recent.setdefault(client, deque())
            while q and now - q[0] >= WINDOW_S:
                q.popleft()
            if len(q) >= RATE:
                return True
            q.append(now)
            return False


class Handler(BaseHTTPRequestHandler):
    server_version = "spotdraft-stub/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: tests read /__control/calls
        pass

    @property
    def state(self):
        return self.server.state

    def reply(self, status, body=None, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        call = getattr(self, "call", None)
        if call is not None:
            call["status"] = status
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Request-Id", f"req-{len(self.state.calls)}")
        self.end_headers()
        self.wfile.write(data)

    def body_json(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return "<invalid>"

    def handle_any(self, method):
        self.call = None
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        if path.startswith("/__control/"):
            return self.control(method, path)
        body = self.body_json() if method in ("POST", "PUT", "PATCH") else None
        oauth = self.headers.get("authorization") == f"Bearer {OAUTH_TOKEN}"
        authed = oauth or (self.headers.get("client-id") == self.state.client_id
                           and self.headers.get("client-secret") == self.state.client_secret)
        self.call = {"method": method, "path": path, "query": url.query, "authed": authed,
                     "user_email": self.headers.get("user-email"), "t": time.monotonic()}
        with self.state.lock:
            self.state.calls.append(self.call)
            queue = self.state.faults.get(path)
            fault = queue.pop(0) if queue else None
        if fault:
            if fault.get("delay_ms"):
                time.sleep(fault["delay_ms"] / 1000)
            if fault.get("status"):
                return self.reply(fault["status"], {"detail": "injected fault"})
        documented = next((op for route_method, pattern, op in TABLE_ROUTES
                           if route_method == method and re.fullmatch(pattern, path)), None)
        public = documented is not None and {"none", "clickwrap"} & set(documented["auth"])
        if not authed and not public:
            return self.reply(401, {"detail": "Invalid client credentials"})
        if oauth and documented is not None and "oauth" not in documented["auth"]:
            return self.reply(401, {"detail": "OAuth tokens are not accepted here"})
        if self.state.rate_limited(self.headers.get("client-id") or "oauth"):
            return self.reply(429, {"detail": "Request was throttled."})
        for route_method, pattern, name in ROUTES:
            m = re.fullmatch(pattern, path)
            if m and route_method == method:
                return getattr(self, name)(query, body, *m.groups())
        for route_method, pattern, op in TABLE_ROUTES:
            if route_method == method and re.fullmatch(pattern, path):
                return self.documented(op, body, query)
        for _, pattern, _ in ROUTES + TABLE_ROUTES:
            other = path[:-1] if path.endswith("/") else path + "/"
            if re.fullmatch(pattern, other):
                return self.reply(302, None, {"Location": f"http://{self.headers.get('Host')}{other}"})
        return self.reply(404, {"detail": "Not found."})

    def control(self, method, path):
        if path == "/__control/calls":
            with self.state.lock:
                return self.reply(200, self.state.calls)
        if path == "/__control/retriggered":
            with self.state.lock:
                return self.reply(200, self.state.retriggered)
        if path == "/__control/contracts" and method == "POST":
            contracts = self.body_json()
            with self.state.lock:
                self.state.contracts = [dict(c, composite_id=f"T-{c['id']}") for c in contracts]
            return self.reply(204)
        if path == "/__control/reset" and method == "POST":
            with self.state.lock:
                self.state.calls.clear()
                self.state.faults.clear()
                self.state.recent.clear()
                self.state.retriggered.clear()
            return self.reply(204)
        if path == "/__control/fault" and method == "POST":
            spec = self.body_json()
            with self.state.lock:
                entries = self.state.faults.setdefault(spec["path"], [])
                entries.extend([{"status": spec.get("status"), "delay_ms": spec.get("delay_ms", 0)}]
                               * int(spec.get("times", 1)))
            return self.reply(204)
        return self.reply(404, {"detail": "unknown control"})

    # --- endpoints
    def documented(self, op, body, query):
        """Any operation of the table: its success status and the example
        of its success schema (a page lists one example item)."""
        if op["body_required"] and body is None:
            return self.reply(400, {"detail": "a request body is required"})
        if op["response"] == "page":
            return self.paginate(op["name"], answers.default_items(op["name"]), query)
        return self.reply(op["success"], answers.answer(op["name"]))

    def hmac_key(self, query, body):
        return self.reply(200, answers.answer("webhooks_hmac_key_get", {"hmac_key": HMAC_KEY}))

    def webhook_create(self, query, body):
        errors = {}
        if not isinstance(body, dict):
            return self.reply(400, {"detail": "JSON object expected"})
        if not str(body.get("url", "")).startswith("https://"):
            errors["url"] = ["Enter a valid URL."]
        if not body.get("only_for_activities"):
            errors["only_for_activities"] = ["This list may not be empty."]
        if errors:
            return self.reply(400, errors)
        with self.state.lock:
            wid = self.state.next_webhook
            self.state.next_webhook += 1
            hook = answers.answer("webhooks_create", dict(body, id=wid, status="ACTIVE"))
            self.state.webhooks[wid] = hook
        return self.reply(201, hook)

    def webhook_delete(self, query, body, wid):
        with self.state.lock:
            found = self.state.webhooks.pop(int(wid), None)
        return self.reply(204) if found else self.reply(404, {"detail": "Not found."})

    def paginate(self, name, items, query):
        try:
            page = int(query.get("page", ["1"])[0])
            limit = int(query.get("limit", ["10"])[0])
        except ValueError:
            return self.reply(400, {"detail": "page and limit must be integers"})
        if page < 1 or not 1 <= limit <= 100:
            return self.reply(400, {"detail": "invalid page or limit"})
        return self.reply(200, answers.page(name, items, page, limit))

    def contracts_list(self, query, body):
        since = query.get("filter__last_updated_on[$gte]")
        contracts = self.state.contracts
        if since:
            floor = parse_time(since[0])
            if floor is None:
                return self.reply(400, {"detail": "invalid last_updated_on filter"})
            contracts = [c for c in contracts if parse_time(c["last_updated_on"]) >= floor]
        listed = [{"id": str(c["id"]), "contract_status": c["status"],
                   "last_updated_on": c["last_updated_on"]} for c in contracts]
        return self.paginate("contracts_retrieve", listed, query)

    def re_trigger_latest(self, query, body):
        ids = body.get("contract_ids") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not ids or not all(isinstance(i, int) for i in ids):
            return self.reply(400, {"contract_ids": ["A non-empty list of integers is required."]})
        with self.state.lock:
            self.state.retriggered.append(ids)
        return self.reply(200, answers.answer("contracts_webhooks_re_trigger_latest_create",
                                              {"message": f"re-triggered {len(ids)} contract(s)"}))

    def contract_status(self, query, body, cid):
        for c in self.state.contracts:
            if cid in (c["composite_id"], str(c["id"])):
                return self.reply(200, answers.answer("contracts_status_retrieve",
                                                      {"contract_status": c["status"]}))
        return self.reply(404, {"detail": "Not found."})

    def counterparties_list(self, query, body):
        return self.paginate("counter_parties_list", [{"id": i, "name": f"Counterparty {i}"}
                                                      for i in range(1, self.state.counterparties + 1)], query)

    def counterparty_get(self, query, body, cid):
        if 1 <= int(cid) <= self.state.counterparties:
            return self.reply(200, answers.answer("counter_parties_retrieve_by_id",
                                                  {"id": int(cid), "name": f"Counterparty {cid}"}))
        return self.reply(404, {"detail": "Not found."})

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_DELETE(self):
        self.handle_any("DELETE")


def serve(port=0, client_id="stub-client", client_secret="stub-secret", contracts=23):
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.state = State(client_id, client_secret, contracts)
    return server


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--client-id", default="stub-client")
    ap.add_argument("--client-secret", default="stub-secret")
    ap.add_argument("--contracts", type=int, default=23)
    args = ap.parse_args()
    server = serve(args.port, args.client_id, args.client_secret, args.contracts)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
