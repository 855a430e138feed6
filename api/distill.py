#!/usr/bin/env python3
"""Distils SpotDraft's OpenAPI 3.0 schema into api/operations.json and
api/responses.json.

Both hold facts only. operations.json: per operation a stable name, the
method, the path template verbatim (trailing slash exactly as in the
schema), the path/query/header parameters, the list filters, the request
body's JSON schema with every `$ref` resolved and no prose, the accepted
auth modes, and the success status with the response kind. Everything the
project generates (the Rust table, the typed surfaces, the vectors) reads
this file. responses.json: per operation the success status, the kind and
the success answer's JSON schema (`$ref`s resolved, no prose, server-set
read-only fields kept); the stub SpotDraft answers from it and its test
validates against it. Core does not read it, so its table stays small.

Usage: distill.py SCHEMA.yml OPERATIONS.json RESPONSES.json
       distill.py SCHEMA.yml   (operations.json to stdout)
       distill.py --check SCHEMA.yml OPERATIONS.json RESPONSES.json
           (fails when either file is stale)
"""

import hashlib
import json
import re
import sys

import yaml

FORMAT = "spotdraft-kit-operations/1"
RESPONSES_FORMAT = "spotdraft-kit-responses/1"
METHODS = ("get", "post", "put", "patch", "delete")
V21 = "/api/v2.1/public/"
# Keywords of a JSON schema that carry rules; everything else (title,
# description, examples, default, readOnly, x-*) is prose or server-side.
SCHEMA_RULES = {
    "type", "format", "enum", "const", "pattern", "properties", "required",
    "items", "additionalProperties", "anyOf", "allOf", "oneOf", "minLength",
    "maxLength", "minItems", "maxItems", "minimum", "maximum",
}
# Patterns core can check: one character class repeated (`^[0-9]+$`), or
# a literal prefix (`^https://`).
PATTERN = re.compile(r"^\^(\[[^\]]+\]\+\$|[A-Za-z0-9:/._-]+)$")
FILTER = re.compile(r"^filter__([a-z0-9_]+)(?:\[(\$[a-z]+)\])?$")
CUSTOM_FILTER = re.compile(r"^(filter_custom__)<[a-z_]+>$")
# Auth modes, from the operation's `security` alternatives.
AUTH_MODES = {
    ("ClientId", "ClientSecret"): "client",
    ("OAuthBearer",): "oauth",
    ("ClickwrapId", "Origin"): "clickwrap",
    ("NativeIntegrationBasic",): "basic",
    (): "none",
}


class Distiller:
    def __init__(self, doc):
        self.doc = doc
        self.schemas = doc["components"]["schemas"]

    def ref(self, ref):
        prefix = "#/components/schemas/"
        if not ref.startswith(prefix):
            raise ValueError(f"unsupported $ref {ref}")
        return self.schemas[ref[len(prefix):]]

    def schema(self, node, seen=(), answer=False):
        """A rules-only copy of a schema: `$ref`s resolved, `nullable`
        turned into a JSON-schema null type, single-member `allOf` folded
        in. For a request (`answer` false) read-only properties are dropped,
        as the server sets them; for an answer write-only ones are."""
        if "$ref" in node:
            name = node["$ref"]
            if name in seen:
                raise ValueError(f"recursive schema {name}")
            return self.schema(self.ref(name), seen + (name,), answer)
        hidden = "writeOnly" if answer else "readOnly"
        out = {}
        for key, value in node.items():
            if key not in SCHEMA_RULES:
                continue
            if key == "properties":
                out[key] = {
                    prop: self.schema(sub, seen, answer)
                    for prop, sub in sorted(value.items())
                    if not sub.get(hidden)
                }
            elif key in ("items",) or (key == "additionalProperties" and isinstance(value, dict)):
                out[key] = self.schema(value, seen, answer)
            elif key in ("anyOf", "allOf", "oneOf"):
                out[key] = [self.schema(sub, seen, answer) for sub in value]
            elif key == "required":
                out[key] = sorted(value)
            elif key == "pattern" and not PATTERN.match(value):
                raise ValueError(f"pattern {value} is neither ^[class]+$ nor ^prefix")
            else:
                out[key] = value
        if "allOf" in out and len(out["allOf"]) == 1:
            inner = out.pop("allOf")[0]
            out = {**inner, **out}
        if node.get("nullable"):
            if "type" in out:
                out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else out["type"] + ["null"]
            elif "enum" not in out:
                out = {"anyOf": [out, {"type": "null"}]}
            if "enum" in out and None not in out["enum"]:
                out["enum"] = out["enum"] + [None]
        if "required" in out and "properties" in out:
            # A required property the server marks read-only is not ours to
            # send (nor a write-only one the server's to answer).
            out["required"] = [r for r in out["required"] if r in out["properties"]]
            if not out["required"]:
                del out["required"]
        return out

    def param(self, p):
        s = p["schema"]
        out = {"name": p["name"], "in": p["in"], "type": s["type"], "required": bool(p.get("required"))}
        for key in ("format", "enum", "pattern", "default"):
            if key in s:
                out[key] = s[key]
        if "items" in s:
            out["items"] = self.schema(s["items"])
        if "pattern" in out and not PATTERN.match(out["pattern"]):
            raise ValueError(f"pattern {out['pattern']} is neither ^[class]+$ nor ^prefix")
        return out

    def operation(self, path, method, op):
        params, filters, custom = [], {}, None
        for p in op.get("parameters", []):
            if p["in"] == "path" and "{" + p["name"] + "}" not in path:
                # Some operations also declare an older alias of their path
                # parameter that the template does not hold: nothing can
                # carry it, so it is not a parameter of the operation.
                continue
            m = FILTER.match(p["name"]) if p["in"] == "query" else None
            c = CUSTOM_FILTER.match(p["name"]) if p["in"] == "query" else None
            if m:
                field, opname = m.group(1), m.group(2) or "$eq"
                s = p["schema"]
                entry = filters.setdefault(field, {"field": field, "type": s["type"], "ops": []})
                for key in ("format", "enum"):
                    if key in s:
                        entry[key] = s[key]
                if opname not in entry["ops"]:
                    entry["ops"].append(opname)
            elif c:
                custom = c.group(1)
            else:
                params.append(self.param(p))
        if "Enforce-User-Scoping" in op.get("description", ""):
            params.append({"name": "Enforce-User-Scoping", "in": "header", "type": "boolean", "required": False})
        names = [p["name"] for p in params]
        if len(set(names)) != len(names):
            raise ValueError(f"{method} {path}: parameter names collide")
        for name in re.findall(r"\{([^}]+)\}", path):
            if name not in names:
                raise ValueError(f"{method} {path}: template parameter {name} undeclared")
        body, body_required = None, False
        if "requestBody" in op:
            content = op["requestBody"]["content"]
            if "application/json" not in content:
                raise ValueError(f"{method} {path}: no JSON request body")
            body = self.schema(content["application/json"]["schema"])
            body_required = bool(op["requestBody"].get("required"))
        auth = self.auth_of(op)
        success = sorted(int(s) for s in op["responses"] if s.startswith("2"))[0]
        out = {
            "name": name_of(op["operationId"]),
            "operation_id": op["operationId"],
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", "").strip(),
            "auth": auth,
            "params": sorted(params, key=lambda p: ({"path": 0, "query": 1, "header": 2}[p["in"]], p["name"])),
            "filters": sorted(filters.values(), key=lambda f: f["field"]),
        }
        if custom:
            out["custom_filter_prefix"] = custom
        out["body"] = body
        out["body_required"] = body_required
        out["success"] = success
        out["response"] = self.response_kind(success, op["responses"][str(success)])
        return out

    def answer_schema(self, status, response):
        """The success answer's schema, or None when it has no JSON body."""
        content = response.get("content", {}).get("application/json")
        if status == 204 or not content or "schema" not in content:
            return None
        return self.schema(content["schema"], answer=True)

    def response_kind(self, status, response):
        s = self.answer_schema(status, response)
        if s is None:
            return "empty"
        if s.get("type") == "array":
            return "array"
        props = s.get("properties", {})
        if "results" in props and "total_results" in props:
            return "page"
        return "object"

    def answers(self, operations):
        """name -> {status, kind, schema} for each distilled operation."""
        by_id = {op["operationId"]: op for item in self.doc["paths"].values()
                 for m, op in item.items() if m in METHODS}
        out = {}
        for o in operations:
            response = by_id[o["operation_id"]]["responses"][str(o["success"])]
            out[o["name"]] = {"status": o["success"], "kind": o["response"],
                              "schema": self.answer_schema(o["success"], response)}
        return out

    def operations(self):
        v21 = {(m, family_key(p)) for p, item in self.doc["paths"].items() for m in item if p.startswith(V21)}
        out = []
        for path, item in self.doc["paths"].items():
            for method, op in item.items():
                if method not in METHODS:
                    raise ValueError(f"unexpected key {method} under {path}")
                if not path.startswith(V21):
                    # Older families only where v2.1 has no equivalent, and
                    # only with the API credentials (no anonymous or
                    # native-integration routes).
                    if (method, family_key(path)) in v21:
                        continue
                    if not any(mode in ("client", "oauth") for mode in self.auth_of(op)):
                        continue
                out.append(self.operation(path, method, op))
        names = [o["name"] for o in out]
        if len(set(names)) != len(names):
            raise ValueError("operation names collide")
        return sorted(out, key=lambda o: o["name"])

    def auth_of(self, op):
        return [AUTH_MODES[tuple(sorted(a))] for a in op.get("security", [{}])]


def family_key(path):
    """The path without its family prefix and parameter names, to find the
    same route in another version family."""
    path = re.sub(r"^/api/v[0-9.]+/public/", "", path)
    return re.sub(r"\{[^}]+\}", "{}", path).rstrip("/")


def name_of(operation_id):
    """`v2.1_public_contracts_status_void_create` -> `contracts_status_void_create`."""
    return re.sub(r"^v[0-9.]+_public_", "", operation_id)


def distil(text):
    """(operations document, responses document) of a schema's text."""
    doc = yaml.safe_load(text)
    source = {
        "openapi": doc["openapi"],
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "operations_in_schema": sum(
            1 for item in doc["paths"].values() for m in item if m in METHODS
        ),
    }
    distiller = Distiller(doc)
    operations = distiller.operations()
    return (
        {"format": FORMAT, "source": source, "operations": operations},
        {"format": RESPONSES_FORMAT, "source": source, "responses": distiller.answers(operations)},
    )


def render(result):
    return json.dumps(result, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def main(argv):
    check = argv[:1] == ["--check"]
    args = argv[1:] if check else argv
    if len(args) not in ((3,) if check else (1, 3)):
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        texts = [render(d) for d in distil(f.read())]
    if len(args) == 1:
        sys.stdout.write(texts[0])
        return 0
    stale = False
    for out, text in zip(args[1:], texts):
        if check:
            with open(out, encoding="utf-8") as f:
                if f.read() != text:
                    print(f"{out} is stale: re-run api/distill.py {' '.join(args)}", file=sys.stderr)
                    stale = True
        else:
            with open(out, "w", encoding="utf-8") as f:
                f.write(text)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
