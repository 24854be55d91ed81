"""Generate a JSON Schema (draft-07) for editors from the model's field metadata.

The schema is for completion and early hints in editors (VS Code YAML); `lint` stays
the authority, since some rules (YAML 1.1 surprises, references) are beyond JSON Schema.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from .model import BLOCK_KINDS, EVENT_TYPES, Branch, Event, Scenario
from .validate_channels import EMAIL_RE, QR_MAX

ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}


def _digits(ds: str) -> str:
    """Digits as validate.PHONE_LIKE writes them: each may follow one space or dot."""
    return "".join(f"[ .]?{d}" for d in ds)


# LC337 as regular expressions (ECMA 262, no lookbehind): the shape of a Vietnamese phone number
# (validate.PHONE_LIKE, whole value, landlines included), and the fictional numbers validate.fictional_number allows:
# 0PPX 000 NNN with PP from the shared list (or +84 for the 0), and 1800 00NN / 1900 00NN.
PHONE_LIKE = r"^\s*(?:(?:\+84|0)(?:[ .]?2(?:[ .]?[0-9]){9}|(?:[ .]?[0-9]){9})|1[89]00(?:[ .]?[0-9]){4})\s*$"


def _fictional_phone() -> str:
    from .validate import SHARED_MOBILE_PREFIXES

    prefixes = "|".join(_digits(p[1:]) for p in SHARED_MOBILE_PREFIXES)
    mobile = f"(?:\\+84|0)(?:{prefixes}){_digits('D')}{_digits('000')}{_digits('DDD')}".replace("D", "[0-9]")
    hotline = f"1[89]00{_digits('00')}{_digits('DD')}".replace("D", "[0-9]")
    return f"^\\s*(?:{mobile}|{hotline})\\s*$"


FICTIONAL_PHONE = _fictional_phone()
CONDITION_REF = {"$ref": "#/definitions/Condition"}
EMAIL = EMAIL_RE.pattern  # ECMA 262 reads it the same way


@functools.cache
def closed_sets() -> dict[str, list[str]]:
    """Ids an author must pick from, read from the shared data files (red flags, hotlines)."""
    import yaml

    data = Path(__file__).resolve().parents[2] / "assets" / "data"
    out = {}
    for name, key in (("red_flags.yaml", "flags"), ("hotlines.yaml", "hotlines")):
        items = yaml.safe_load((data / name).read_text(encoding="utf-8")) or []
        out[key] = sorted(item["id"] for item in items if isinstance(item, dict) and "id" in item)
    return out


def _field_schema(meta: dict, key: str = "") -> dict:
    kind = meta["kind"]
    doc = {"description": meta["doc"]} if meta.get("doc") else {}
    if kind == "ids" and key in closed_sets():
        return {"type": "array", "items": {"enum": closed_sets()[key]}, **doc}
    if meta.get("phone"):
        # lint reads the raw text, so an unquoted 0900000802 is accepted as written; an editor reads
        # a number there, so the number policy (LC337) is checked on a quoted number only.
        return {"type": ["string", "integer"], **doc, "if": {"type": "string", "pattern": PHONE_LIKE},
                "then": {"pattern": FICTIONAL_PHONE}}
    if isinstance(kind, list):
        return {"type": "array", "items": {"$ref": f"#/definitions/{kind[0].__name__}"}, **doc}
    if isinstance(kind, type):
        return {"$ref": f"#/definitions/{kind.__name__}", **doc}
    simple = {
        "id": dict(ID),
        "text": {"type": "string", "minLength": 1},
        "str": {"type": "string"},
        "path": {"type": "string"},
        "time": {"type": ["string", "integer"], "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$"},
        "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "bool": {"type": "boolean"},
        "scalar": {"type": ["boolean", "integer"]},
        "ids": {"type": "array", "items": ID},
        "texts": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "assignments": {"type": "object", "propertyNames": ID,
                        "additionalProperties": {"type": ["integer"] if meta.get("ints_only") else ["boolean", "integer"]}},
        "condition": CONDITION_REF,
        "next": {"oneOf": [ID, {"type": "array", "items": {"$ref": "#/definitions/Branch"}, "minItems": 1}]},
    }
    if kind in simple:
        return {**simple[kind], **doc}
    if kind in ("int", "number"):
        out = {"type": "integer" if kind == "int" else "number", **doc}
        if meta.get("min") is not None:
            out["minimum"] = meta["min"]
        if meta.get("max") is not None:
            out["maximum"] = meta["max"]
        return out
    if kind == "enum":
        return {"enum": list(meta["values"]), **doc}
    if kind == "enum_list":
        return {"type": "array", "items": {"enum": list(meta["values"])}, **doc}
    raise ValueError(kind)


def _record(cls, *, fixed_type: str | None = None) -> dict:
    props, required = {}, []
    for fl in dataclasses.fields(cls):
        meta = fl.metadata
        if meta.get("internal"):
            continue
        key = meta.get("key") or fl.name
        props[key] = _field_schema(meta, key)
        if meta.get("required"):
            required.append(key)
    if fixed_type:
        props["type"] = {"const": fixed_type}
    out = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    rules = CONDITIONAL.get(cls.__name__, [])
    if len(rules) == 1 and not set(rules[0]) & set(out):
        out.update(rules[0])
    elif rules:
        out["allOf"] = rules
    return out


# Requirements that depend on another field's value, as lint checks them (codes in brackets).
CONDITIONAL = {
    "Choice": [
        # score and explanation unless neutral (LC304, LC305)
        {"if": {"not": {"properties": {"safety": {"const": "neutral"}}, "required": ["safety"]}},
         "then": {"required": ["score", "explanation"]}},
        # `call: dial` names who is called (LC102)
        {"if": {"properties": {"call": {"const": "dial"}}, "required": ["call"]},
         "then": {"required": ["dial"]}},
        # a help action is scored as a safe move, 8 to 10 (LC331)
        {"if": {"properties": {"help": {"const": True}}, "required": ["help"]},
         "then": {"properties": {"safety": {"const": "safe"}, "score": {"minimum": 8}}}},
    ],
    "Ending": [
        # a harmful ending says who to call and what to do next (LC402, LC335)
        {"if": {"properties": {"outcome": {"enum": ["harmed", "scammed"]}}, "required": ["outcome"]},
         "then": {"required": ["hotlines", "advice"],
                  "properties": {"hotlines": {"minItems": 1}, "advice": {"minItems": 1}}}},
    ],
    # format version 2 (validate_channels.py)
    "QR": [
        # a payload a phone screen can draw (LC118)
        {"properties": {"payload": {"maxLength": QR_MAX}}},
        # what the scan shows is there (LC119)
        {"if": {"properties": {"shows": {"const": "transfer"}}, "required": ["shows"]},
         "then": {"required": ["name", "account"]}},
        {"if": {"properties": {"shows": {"enum": ["link", "app"]}}, "required": ["shows"]},
         "then": {"required": ["url"]}},
    ],
    "PageEvent": [
        # a page has something on it (LC120)
        {"required": ["blocks"], "properties": {"blocks": {"minItems": 1}}},
    ],
    "PageBlock": [
        # exactly one thing per block; `input` only with `field` (LC121)
        {"oneOf": [{"required": [k]} for k in BLOCK_KINDS]},
        {"if": {"required": ["input"]}, "then": {"required": ["field"]}},
    ],
    # one whole email address (LC123)
    "Contact": [{"properties": {"email": {"pattern": EMAIL}}}],
    "EmailEvent": [{"properties": {"address": {"pattern": EMAIL}, "reply_to": {"pattern": EMAIL}}}],
    "MessageEvent": [
        # a message shows something (LC111)
        {"anyOf": [{"required": ["text"]}, {"required": ["image"]}, {"required": ["link"]}]},
        # the player's own message says whose conversation it goes in (LC102)
        {"if": {"properties": {"from": {"const": "player"}}, "required": ["from"]},
         "then": {"required": ["thread"]}},
    ],
}


def scenario_schema() -> dict:
    defs = {}
    stack = [Scenario, Branch]
    while stack:
        cls = stack.pop()
        if cls.__name__ in defs:
            continue
        if cls is Event:
            defs["Event"] = {"oneOf": [{"$ref": f"#/definitions/{c.__name__}"} for c in EVENT_TYPES.values()]}
            for name, sub in EVENT_TYPES.items():
                defs[sub.__name__] = _record(sub, fixed_type=name)
                stack.extend(_nested(sub))
            continue
        defs[cls.__name__] = _record(cls)
        stack.extend(_nested(cls))
    compare = {op: {"type": ["boolean", "integer"]} for op in ("eq", "ne", "lt", "le", "gt", "ge")}
    defs["Condition"] = {
        "type": "object",
        "description": "all / any / not / var (+ eq, ne, lt, le, gt, ge) / visited",
        "properties": {
            "all": {"type": "array", "items": CONDITION_REF, "minItems": 1},
            "any": {"type": "array", "items": CONDITION_REF, "minItems": 1},
            "not": CONDITION_REF,
            "var": ID,
            "visited": ID,
            **compare,
        },
        "additionalProperties": False,
        "minProperties": 1,
    }
    root = _record(Scenario)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://la-chan.invalid/scenario.schema.json",
        "title": "Lá Chắn scenario",
        **root,
        "definitions": dict(sorted(defs.items())),
    }


def _nested(cls) -> list:
    out = []
    for fl in dataclasses.fields(cls):
        kind = fl.metadata.get("kind")
        if isinstance(kind, list):
            out.append(kind[0])
        elif isinstance(kind, type):
            out.append(kind)
    return out
