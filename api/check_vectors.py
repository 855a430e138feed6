#!/usr/bin/env python3
"""Checks every API request vector against api/operations.json with a
JSON-schema validator, independently of the code that builds requests:
the method and path match an operation's template (each path parameter
matching its pattern), every query name is one the operation takes (a
parameter, `filter__field` / `filter__field[$op]` with an allowed operator,
or the custom-filter prefix), required query parameters are present, and
the body validates against the operation's request-body schema. Also
checks that every v2.1 operation has a success vector in calls.json, and
error vectors where it has path or body rules.

Usage: check_vectors.py
"""

import json
import pathlib
import re
import sys
from urllib.parse import unquote

from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors" / "api"


def template_regex(op):
    params = {p["name"]: p for p in op["params"] if p["in"] == "path"}
    out, rest = "", op["path"]
    for m in re.finditer(r"\{([^}]+)\}|[^{]+", op["path"]):
        if m.group(1):
            out += "(?P<" + re.sub(r"\W", "_", m.group(1)) + ">[^/]+)"
        else:
            out += re.escape(m.group(0))
    del rest
    return re.compile("^" + out + "$"), params


def query_names(op):
    names = {p["name"] for p in op["params"] if p["in"] == "query"}
    for f in op["filters"]:
        if "$eq" in f["ops"]:
            names.add(f"filter__{f['field']}")
        names.update(f"filter__{f['field']}[{o}]" for o in f["ops"])
    return names


def check_request(ops, name, expect, problems):
    url = expect["url"]
    path_and_query = url.split("://", 1)[1]
    path_and_query = path_and_query[path_and_query.index("/"):]
    path, _, query = path_and_query.partition("?")
    matches = []
    for op in ops:
        regex, params = template_regex(op)
        m = regex.match(path)
        if op["method"] == expect["method"] and m:
            matches.append((op, m, params))
    if not matches:
        problems.append(f"{name}: {expect['method']} {path} is no operation of the schema")
        return
    # The literal template wins over one with a parameter in its place.
    op, m, params = min(matches, key=lambda t: t[0]["path"].count("{"))
    for group, value in m.groupdict().items():
        p = next(p for n, p in params.items() if re.sub(r"\W", "_", n) == group)
        schema = {"type": "string"}
        if p.get("pattern"):
            schema["pattern"] = p["pattern"]
        if p["type"] == "integer":
            schema["pattern"] = "^[0-9]+$"
        for error in Draft202012Validator(schema).iter_errors(unquote(value)):
            problems.append(f"{name}: path parameter {p['name']}: {error.message}")
    allowed = query_names(op)
    prefix = op.get("custom_filter_prefix")
    given = [pair.split("=", 1)[0] for pair in query.split("&")] if query else []
    for q in given:
        if q not in allowed and not (prefix and q.startswith(prefix)):
            problems.append(f"{name}: query {q} is not a parameter of {op['name']}")
    for p in op["params"]:
        if p["in"] == "query" and p["required"] and p["name"] not in given:
            problems.append(f"{name}: required query {p['name']} missing")
    body = expect.get("body")
    if body is not None:
        if op["body"] is None:
            problems.append(f"{name}: {op['name']} takes no body")
        else:
            for error in Draft202012Validator(op["body"]).iter_errors(body):
                where = "/".join(str(x) for x in error.absolute_path)
                problems.append(f"{name}: body {where}: {error.message}")
    elif op["body_required"]:
        problems.append(f"{name}: {op['name']} needs a body")
    return op["name"]


def main():
    doc = json.loads((ROOT / "api" / "operations.json").read_text(encoding="utf-8"))
    ops = doc["operations"]
    for op in ops:
        if op["body"] is not None:
            Draft202012Validator.check_schema(op["body"])
    problems, success, errors = [], set(), {}
    for file in ("calls.json", "requests.json"):
        cases = json.loads((VECTORS / file).read_text(encoding="utf-8"))["cases"]
        for case in cases:
            expect = case["expect"]
            if "error" in expect:
                if file == "calls.json":
                    errors.setdefault(case["operation"], set()).add(case["name"])
                continue
            if case.get("call") == "request":
                continue  # the raw escape hatch may reach outside the table
            matched = check_request(ops, case["name"], expect, problems)
            if file == "calls.json" and matched:
                if matched != case["operation"]:
                    problems.append(f"{case['name']}: builds {matched}, not {case['operation']}")
                success.add(matched)
    for op in ops:
        if not op["path"].startswith("/api/v2.1/public/"):
            continue
        if op["name"] not in success:
            problems.append(f"{op['name']}: no success vector")
        has_rules = any(p["in"] == "path" for p in op["params"]) or bool((op["body"] or {}).get("required"))
        if has_rules and not errors.get(op["name"]):
            problems.append(f"{op['name']}: path or body rules but no error vector")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"api vectors: {len(success)} operations with success vectors, all valid against api/operations.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
