"""Schema-valid answers for the stub SpotDraft, from api/responses.json.

`example(schema)` builds one deterministic value that the distilled JSON
schema accepts: every property filled (so every declared type is present
and checked), the first enum member, a value of the declared format
(date-time, date, uri, email, uuid), arrays with one item (or `minItems`),
strings padded to `minLength`, numbers at `minimum`. `answer(name, fields)`
is the example of an operation's success answer with the stub's own state
laid over it; `page(name, items, page, limit)` is a paginated answer shaped
as the schema says. Standard library only: the stub runs on a bare python3.

>>> example({"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}}})
{'at': '2026-01-01T00:00:00Z'}
>>> example({"type": "array", "items": {"enum": ["A", "B"]}})
['A']
"""

import json
import pathlib

RESPONSES = json.loads(
    (pathlib.Path(__file__).resolve().parents[2] / "api" / "responses.json").read_text(encoding="utf-8")
)["responses"]

# One value per format the schema uses; any other format gets a plain string.
FORMATS = {
    "date-time": "2026-01-01T00:00:00Z",
    "date": "2026-01-01",
    "time": "00:00:00",
    "uri": "https://example.com/",
    "email": "user@example.com",
    "uuid": "00000000-0000-4000-8000-000000000001",
    "uuid4": "00000000-0000-4000-8000-000000000001",
}


def type_of(schema):
    """The first non-null type a schema declares (or implies), or None."""
    t = schema.get("type")
    types = [t] if isinstance(t, str) else list(t or [])
    types = [x for x in types if x != "null"]
    if types:
        return types[0]
    if "properties" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return "null" if t else None


def example(schema):
    """A deterministic value the schema accepts (None for no schema)."""
    if not schema:
        return None
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return next((v for v in schema["enum"] if v is not None), None)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            alternatives = [s for s in schema[key] if type_of(s) != "null"] or schema[key]
            return example(alternatives[0])
    if "allOf" in schema:
        parts = [example(s) for s in schema["allOf"]]
        own = example({k: v for k, v in schema.items() if k != "allOf"})
        if all(isinstance(p, dict) for p in parts) and isinstance(own, (dict, type(None))):
            merged = {}
            for p in parts + [own or {}]:
                merged.update(p)
            return merged
        return parts[0]
    t = type_of(schema)
    if t == "object":
        return {name: example(sub) for name, sub in schema.get("properties", {}).items()}
    if t == "array":
        return [example(schema.get("items"))] * max(1, schema.get("minItems", 1))
    if t == "string":
        text = FORMATS.get(schema.get("format"), "example")
        text = text.ljust(schema.get("minLength", 0), "x")
        return text[: schema["maxLength"]] if "maxLength" in schema else text
    if t in ("integer", "number"):
        low = schema.get("minimum", 1)
        return min(max(1, low), schema.get("maximum", max(1, low)))
    if t == "boolean":
        return True
    return None


def schema_of(name):
    """The distilled success-answer schema of operation `name`."""
    return RESPONSES[name]["schema"]


def answer(name, fields=None):
    """Operation `name`'s example answer with `fields` laid over it."""
    value = example(schema_of(name))
    if fields:
        value = {**value, **fields}
    return value


def page(name, items, page_no, limit):
    """A paginated answer of operation `name`: its example wrapper with
    `page`, `limit`, `total_results` and the slice of `items`, each item
    laid over the example of the schema's result item."""
    schema = schema_of(name)
    item = example(schema["properties"]["results"].get("items"))
    start = (page_no - 1) * limit
    results = [{**item, **i} if isinstance(item, dict) else i for i in items[start:start + limit]]
    return {**example(schema), "page": page_no, "limit": limit,
            "total_results": len(items), "results": results}


def default_items(name):
    """The one example item a stateless paginated operation lists."""
    return [example(schema_of(name)["properties"]["results"].get("items"))]
