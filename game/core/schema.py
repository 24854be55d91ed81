"""Build model objects from a composed YAML node tree, checking the schema on the way.

Scalars are resolved here, not by PyYAML: a text field refuses a plain `no` or `0123`
(YAML 1.1 would turn them into False and 83), numbers must be written plainly, and
booleans must be `true` or `false`. Every problem becomes a diagnostic; building goes
on so that one pass reports them all.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import conditions as C
from .diagnostics import Diagnostic
from .model import EVENT_TYPES, Branch, Event
from .yamlstrict import mark_of

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def ascii_id(value: str) -> str | None:
    """The id an author probably meant: `chặn_số` -> `chan_so`, `Bước 2` -> `buoc_2`; None if nothing usable."""
    import unicodedata

    plain = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    out = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")
    out = re.sub(r"^[0-9_]+", "", out)
    return out if out and out != value and ID_RE.match(out) else None
INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
TIME_RE = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")
FLOAT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ]*$")
STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
TYPE_WORDS = {
    "id": "id",
    "text": "text",
    "str": "text",
    "path": "file path",
    "int": "whole number",
    "number": "number",
    "bool": "true/false",
    "enum": "one of the listed values",
    "ids": "list of ids",
    "texts": "list of texts",
    "assignments": "mapping",
    "condition": "condition",
    "next": "id or list of branches",
    "scalar": "value",
    "time": "time of day (HH:MM)",
    "date": "date (YYYY-MM-DD)",
    "enum_list": "list of the listed values",
    "record": "mapping",
    "list": "list",
}


class Builder:
    def __init__(self, path: str):
        self.path = path
        self.diags: list[Diagnostic] = []

    def error(self, code: str, at, **args) -> None:
        mark = None if at is None else mark_of(at)
        if isinstance(args.get("field"), str):
            # the field's own name, for a fix written as YAML (`score: 5`, not `start.pay.score: 5`)
            args.setdefault("key", re.sub(r"\[\d+\]$", "", args["field"].rsplit(".", 1)[-1]))
        self.diags.append(Diagnostic(self.path, mark, code, args))

    # -- records -------------------------------------------------------------

    def record(self, node: Node, cls: type, what: str):
        if not isinstance(node, MappingNode):
            self.error("LC103", node, field=what, expected=TYPE_WORDS["record"])
            return None
        if cls is Event:
            cls = self._event_class(node, what)
            if cls is None:
                return None
        specs, required, lists, readers = _CLASS_INFO.get(cls) or _class_info(cls)
        values: dict[str, Any] = {}
        marks = {}
        seen = set()
        retired = False
        refused = set()  # fields written but refused: their follow-on checks stay quiet
        top = what == "scenario"
        for knode, vnode in node.value:
            key = knode.value if knode.__class__ is ScalarNode else None
            if key is None or key in seen:
                continue  # non-scalar keys are refused below; duplicates were reported
            seen.add(key)
            reader = readers.get(key)
            if reader is not None:  # the common case first: a field of this record
                name, meta, read = reader
                value = read(self, vnode, meta, key if top else f"{what}.{key}")
                marks[name] = vnode.start_mark
                if value is not _BAD:
                    values[name] = value
                else:
                    refused.add(name)
                continue
            retired_keys = getattr(cls, "retired", {})
            if key in retired_keys:
                self.error(retired_keys[key], knode, field=key, where=what)
                retired = True
                continue
            if key not in specs:
                glued = key.split(":", 1)[0] if ":" in key else None
                if glued in specs:  # `{type:bool}`: no space after the colon, so YAML read one word
                    self.error("LC101", knode, field=key, where=what, variant="colon_space",
                               fix=key.replace(":", ": ", 1))
                    refused.add(specs[glued][0])
                    continue
                split = _split_number(node, knode)
                if split:  # `{amount: 500,000}`: the comma ended the field, `000` looks like another
                    self.error("LC101", knode, field=key, where=what, variant="number_comma",
                               written=split[0], fix=split[1])
                    continue
                hint = did_you_mean(key, specs)
                self.error("LC101", knode, field=key, where=what, hint=hint)
                if hint:
                    refused.add(specs[hint][0])  # a misspelt field: "missing" would repeat the same mistake
                continue
        for key in required:
            if key not in seen and not retired and specs[key][0] not in refused:  # an old-format record gets one diagnostic, with the fix
                self.error("LC102", node, field=key, where=what)
        for name in lists:
            if name not in values:
                values[name] = []  # keeps later checks simple even when a list is missing or broken
        obj = cls(**values)
        obj.mark = node.start_mark
        obj.marks = marks
        obj.refused = refused
        return obj

    def _event_class(self, node: MappingNode, what: str):
        for knode, vnode in node.value:
            if isinstance(knode, ScalarNode) and knode.value == "type":
                t = vnode.value if isinstance(vnode, ScalarNode) else None
                if t in EVENT_TYPES:
                    return EVENT_TYPES[t]
                self.error("LC106", vnode, field=f"{what}.type", value=t, allowed=", ".join(EVENT_TYPES),
                           hint=did_you_mean(t, EVENT_TYPES) if isinstance(t, str) else "")
                return None
        self.error("LC102", node, field="type", where=what)
        return None

    # -- values --------------------------------------------------------------

    def value(self, node: Node, meta: dict, what: str):
        kind = meta["kind"]
        if kind.__class__ is str:
            return _HANDLERS[kind](self, node, meta, what)
        if isinstance(kind, list):
            return self.list_of(node, lambda n, i: self.record(n, kind[0], item_label(what, i, n)), what)
        if isinstance(kind, type):
            if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
                return None
            rec = self.record(node, kind, what)
            return _BAD if rec is None else rec
        handler = getattr(self, "k_" + kind)
        return handler(node, meta, what)

    def list_of(self, node: Node, build, what: str, scalars: bool = False):
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG and node.value in ("", "~"):
            return []
        if not isinstance(node, SequenceNode):
            if scalars and isinstance(node, ScalarNode):  # `flags: urgency`: one item, without its brackets
                item = node.value if not node.style else '"' + node.value.replace('"', '\\"') + '"'
                self.error("LC103", node, field=what, expected=TYPE_WORDS["list"], variant="one_item",
                           fix=f"{what.rsplit('.', 1)[-1]}: [{item}]")
                return _BAD
            self.error("LC103", node, field=what, expected=TYPE_WORDS["list"])
            return _BAD
        out = []
        for i, item in enumerate(node.value):
            v = build(item, i)
            if v is not None and v is not _BAD:
                out.append(v)
        return out

    def _scalar(self, node: Node, kind: str, what: str) -> ScalarNode | None:
        if not isinstance(node, ScalarNode):
            self.error("LC103", node, field=what, expected=TYPE_WORDS[kind])
            return None
        return node

    def _string(self, node, meta, what, kind):
        """A scalar that must be a string; a plain `no` or `0123` is refused, not converted.

        Returns the scalar node, None for an omitted optional value, or _BAD.
        """
        if node.__class__ is ScalarNode and (node.style or node.tag == STR_TAG):
            return node  # the common case, decided as below
        n = self._scalar(node, kind, what)
        if n is None:
            return _BAD
        if not n.style and n.tag != STR_TAG:
            if n.tag == NULL_TAG and not meta.get("required"):
                return None
            if meta.get("phone") and PHONE_RE.match(n.value):
                return n  # read from the raw text, so 0700000003 stays exactly as written
            self.error("LC104", n, field=what, value=n.value)
            return _BAD
        return n

    def k_text(self, node, meta, what):
        n = self._string(node, meta, what, "text")
        if n is None or n is _BAD:
            return n
        text = n.value.strip()
        if not text:
            self.error("LC109", n, field=what)
            return _BAD
        return text if "\n" not in text else n.value.rstrip("\n")

    k_str = k_text
    k_path = k_text

    def k_id(self, node, meta, what):
        n = self._string(node, meta, what, "id")
        if n is None or n is _BAD:
            return n
        if not ID_RE.match(n.value):
            self.error("LC105", n, field=what, value=n.value, hint=ascii_id(n.value))
            return _BAD
        return n.value

    def k_int(self, node, meta, what):
        n = self._scalar(node, "int", what)
        if n is None:
            return _BAD
        if n.tag == NULL_TAG and not meta.get("required"):
            return None
        v = self._plain_number(n, what, allow_float=False, meta=meta)
        return _BAD if v is _BAD else self._range(v, n, meta, what)

    def k_number(self, node, meta, what):
        n = self._scalar(node, "number", what)
        if n is None:
            return _BAD
        v = self._plain_number(n, what, allow_float=True, meta=meta)
        return _BAD if v is _BAD else self._range(v, n, meta, what)

    def _plain_number(self, n: ScalarNode, what: str, allow_float: bool, meta: dict | None = None):
        raw = n.value.strip()
        text = raw.replace("_", "") if not n.style else None
        if text is not None and INT_RE.match(text):
            return int(text)
        if text is not None and allow_float and FLOAT_RE.match(text):
            return float(text)
        advice = number_advice(raw, allow_float, quoted=bool(n.style))
        lo, hi = (meta or {}).get("min"), (meta or {}).get("max")
        if advice and advice["variant"] == "whole" and lo is not None and hi is not None:
            # Offer only whole numbers the field accepts, and say what it accepts.
            fixes = sorted({min(max(int(x), lo), hi) for x in (advice["fix"], advice["other"])})
            advice = {"variant": "whole_range", "fix": fixes[0], "other": fixes[-1], "min": lo, "max": hi}
            if len(fixes) == 1:
                advice["variant"] = "whole_range_one"
        if advice:
            self.error("LC110", n, field=what, value=n.value, **advice)
            return _BAD
        word = "number" if allow_float else "int"
        self.error("LC103", n, field=what, expected=TYPE_WORDS[word])
        return _BAD

    def _range(self, v, n, meta, what):
        lo, hi = meta.get("min"), meta.get("max")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            if what == "schema_version":
                self.error("LC108", n, value=v, oldest=lo, newest=hi, **({"variant": "newer"} if v > hi else {}))
            else:
                self.error("LC107", n, field=what, value=v, min=lo, max=hi)
            return _BAD
        return v

    def k_time(self, node, meta, what):
        """HH:MM, read from the raw text: YAML 1.1 would turn a plain 20:14 into 1214."""
        n = self._scalar(node, "time", what)
        if n is None:
            return _BAD
        m = TIME_RE.match(n.value.strip())
        if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            self.error("LC117", n, field=what, value=n.value)
            return _BAD
        return f"{int(m.group(1)):02d}:{m.group(2)}"

    def k_date(self, node, meta, what):
        """YYYY-MM-DD, read from the raw text: YAML 1.1 would turn a plain date into a date object."""
        n = self._scalar(node, "date", what)
        if n is None:
            return _BAD
        raw = n.value.strip()
        try:
            import datetime

            datetime.date.fromisoformat(raw)
        except ValueError:
            ok = False
        else:
            ok = bool(DATE_RE.match(raw))
        if not ok:
            self.error("LC103", n, field=what, expected=TYPE_WORDS["date"])
            return _BAD
        return raw

    def k_enum_list(self, node, meta, what):
        return self.list_of(node, lambda n, i: _none_if_bad(self.k_enum(n, meta, f"{what}[{i + 1}]")), what, True)

    def k_bool(self, node, meta, what):
        n = self._scalar(node, "bool", what)
        if n is None:
            return _BAD
        v = n.value.strip().lower() if not n.style else None
        if v in ("true", "false"):
            return v == "true"
        if n.style and n.value.strip().lower() in ("true", "false"):
            self.error("LC112", n, field=what, value=n.value.strip().lower(), variant="quoted")
        else:
            self.error("LC112", n, field=what, value=n.value)
        return _BAD

    def k_enum(self, node, meta, what):
        if not isinstance(node, ScalarNode):
            self.error("LC103", node, field=what, expected=TYPE_WORDS["enum"])
            return _BAD
        n = self._string(node, {}, what, "id")
        if n is _BAD:
            return _BAD
        # A closed set: a value that is not even an id (`học sinh`) is still "choose one of" (LC106).
        v = None if n is None else n.value
        if v not in meta["values"]:
            self.error("LC106", node, field=what, value=v, allowed=", ".join(meta["values"]),
                       hint=did_you_mean(v, meta["values"]))
            return _BAD
        return v

    def k_scalar(self, node, meta, what):
        """A variable value: true/false or a whole number."""
        n = self._scalar(node, "scalar", what)
        if n is None:
            return _BAD
        if not n.style and n.value.strip().lower() in ("true", "false"):
            return n.value.strip().lower() == "true"
        if not n.style and INT_RE.match(n.value.strip()):
            return int(n.value.strip())
        self.error("LC103", n, field=what, expected="true/false or whole number")
        return _BAD

    def k_ids(self, node, meta, what):
        return self.list_of(node, lambda n, i: _plain_id(n) or _none_if_bad(self.k_id(n, {}, f"{what}[{i + 1}]")),
                            what, True)

    def k_texts(self, node, meta, what):
        return self.list_of(node, lambda n, i: _none_if_bad(self.k_text(n, {"required": True}, f"{what}[{i + 1}]")), what,
                            True)

    def k_assignments(self, node, meta, what):
        if not isinstance(node, MappingNode):
            self.error("LC103", node, field=what, expected=TYPE_WORDS["assignments"])
            return _BAD
        out = {}
        for k, v in node.value:
            name = self.k_id(k, {}, what)
            val = self.k_int(v, {}, f"{what}.{k.value}") if meta.get("ints_only") else self.k_scalar(v, {}, f"{what}.{getattr(k, 'value', '?')}")
            if name is not _BAD and val is not _BAD and name not in out:
                out[name] = (val, mark_of(k))
        return out

    def k_next(self, node, meta, what):
        if isinstance(node, ScalarNode):
            return self.k_id(node, meta, what)
        branches = self.list_of(node, lambda n, i: self.record(n, Branch, f"{what}[{i + 1}]"), what)
        if branches is _BAD:
            return _BAD
        if not branches:
            self.error("LC113", node, field=what)
            return _BAD
        for b in branches[:-1]:
            if b.when is None and "when" not in getattr(b, "refused", ()):  # a refused `if:` was reported
                self.error("LC113", b.mark, field=what)
        if branches[-1].when is not None:
            self.error("LC113", branches[-1].mark, field=what)
        return branches

    def k_condition(self, node, meta, what):
        if isinstance(node, ScalarNode) and node.value.strip():
            # `when: told_mom` or `when: "told_mom == true"`: an author writing the condition out
            word = re.split(r"[^A-Za-z0-9_]+", node.value.strip())[0] or "name"
            self.error("LC114", node, field=what, value=node.value.strip(), fix=f"{{var: {word}, eq: true}}",
                       variant="words")
            return _BAD
        if not isinstance(node, MappingNode) or len(node.value) == 0:
            self.error("LC114", node, field=what, op="", hint="")
            return _BAD
        keys = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
        mark = mark_of(node)
        if "var" in keys:
            return self._compare(node, keys, what)
        if len(keys) != 1:
            self.error("LC114", node, field=what, op=", ".join(keys), hint="")
            return _BAD
        (op, (knode, vnode)), = keys.items()
        if op in ("all", "any"):
            if not isinstance(vnode, SequenceNode) or not vnode.value:
                self.error("LC115", vnode, field=what, op=op)
                return _BAD
            items = [self.k_condition(n, meta, what) for n in vnode.value]
            if any(i is _BAD for i in items):
                return _BAD
            return (C.All if op == "all" else C.Any_)(items, mark)
        if op == "not":
            inner = self.k_condition(vnode, meta, what)
            return _BAD if inner is _BAD else C.Not(inner, mark)
        if op == "visited":
            sid = self.k_id(vnode, {}, what)
            return _BAD if sid is _BAD else C.Visited(sid, mark_of(vnode))
        self.error("LC114", knode, field=what, op=op, hint=did_you_mean(op, C.CONDITION_TYPES))
        return _BAD

    def _compare(self, node, keys, what):
        var = self.k_id(keys["var"][1], {}, what)
        ops = [k for k in keys if k != "var"]
        if len(ops) != 1 or ops[0] not in C.COMPARISONS:
            self.error("LC116", node, field=what, ops=", ".join(C.COMPARISONS))
            return _BAD
        value = self.k_scalar(keys[ops[0]][1], {}, what)
        if var is _BAD or value is _BAD:
            return _BAD
        return C.Compare(var, ops[0], value, mark_of(node))


# kind -> Builder.k_<kind>, looked up once rather than for every value
_HANDLERS = {name[2:]: fn for name, fn in vars(Builder).items() if name.startswith("k_")}

THOUSANDS_RE = re.compile(r"^[-+]?[0-9]{1,3}(?:[.,][0-9]{3})+$")
# Lists whose items are named by their id alone: ids are unique among steps and endings,
# and within a step among its events and choices.
BY_ID_ALONE = ("steps", "endings", "events", "choices")


def item_label(what: str, i: int, node: Node) -> str:
    """One location style: an item's id where it has one, else its one-based position."""
    ident = None
    if node.__class__ is MappingNode:
        for k, v in node.value:  # (a plain loop: every item of every list is labelled)
            if k.__class__ is ScalarNode and k.value == "id" and v.__class__ is ScalarNode and ID_RE.match(v.value):
                ident = v.value
                break
    if ident is None:
        return f"{what}[{i + 1}]"
    parent, _, name = what.rpartition(".")
    if name in BY_ID_ALONE:
        return f"{parent}.{ident}" if parent else ident
    return f"{what}.{ident}"


def number_advice(raw: str, allow_float: bool, quoted: bool) -> dict | None:
    """How to write a number YAML or the game would misread, by what the field takes.

    Returns the LC110 variant and its fix, or None when the value is no number at all.
    """
    if quoted:
        if INT_RE.match(raw) or (allow_float and FLOAT_RE.match(raw)):
            return {"variant": "quoted", "fix": raw}
        if THOUSANDS_RE.match(raw):
            return {"variant": "thousands", "fix": re.sub(r"[.,]", "", raw)}
        return None
    if THOUSANDS_RE.match(raw) and (not allow_float or raw.count(".") + raw.count(",") > 1 or "," in raw):
        return {"variant": "thousands", "fix": re.sub(r"[.,]", "", raw)}
    if not allow_float and FLOAT_RE.match(raw):
        low = int(float(raw) // 1)
        return {"variant": "whole", "fix": f"{low}", "other": f"{low + 1}"}
    if re.match(r"^[-+]?[0-9]+(:[0-5]?[0-9])+$", raw):
        parts = [int(p) for p in raw.lstrip("+-").split(":")]
        if not allow_float:  # `minutes: 1:30` meant a time, not seconds: offer it rounded
            return {"variant": "colon_whole", "fix": str(round(parts[0] + parts[1] / 60))}
        total = 0
        for part in parts:
            total = total * 60 + part
        return {"variant": "colon", "fix": str(total)}
    if re.match(r"^[-+]?0[0-9]+(\.[0-9]+)?$", raw):
        return {"variant": "zero", "fix": raw.lstrip("+-").lstrip("0") or "0"}
    if re.match(r"^[-+]?[0-9][0-9_:.,]*$", raw):
        return {"variant": "plain" if allow_float else "plain_whole", "fix": re.sub(r"[^0-9]", "", raw) or "0"}
    return None


_CLASS_INFO: dict[type, tuple] = {}


def _class_info(cls) -> tuple[dict, list, list, dict]:
    """For a record class: YAML key -> (field name, metadata), required keys, list fields, and
    YAML key -> (field name, metadata, the Builder method that reads its value: Builder.value's
    choice, made once) for each key that is not retired."""
    if cls not in _CLASS_INFO:
        fields = [fl for fl in dataclasses.fields(cls) if not fl.metadata.get("internal")]
        specs = {(fl.metadata.get("key") or fl.name): (fl.name, dict(fl.metadata)) for fl in fields}
        required = [key for key, (_n, meta) in specs.items() if meta.get("required")]
        lists = [fl.name for fl in fields
                 if isinstance(fl.metadata["kind"], list) or fl.metadata["kind"] in ("ids", "texts")]
        retired = getattr(cls, "retired", {})
        readers = {key: (name, meta, _HANDLERS[meta["kind"]] if meta["kind"].__class__ is str else Builder.value)
                   for key, (name, meta) in specs.items() if key not in retired}
        _CLASS_INFO[cls] = (specs, required, lists, readers)
    return _CLASS_INFO[cls]


class _Bad:
    def __repr__(self):
        return "<bad>"


_BAD = _Bad()


def _none_if_bad(v):
    return None if v is _BAD else v


def _plain_id(n: Node) -> str | None:
    """The id in `n` when k_id would take it as it is (the usual case), else None: then k_id says
    what is wrong, with the item's label, which is only worth writing for a diagnostic."""
    if n.__class__ is ScalarNode and (n.style or n.tag == STR_TAG) and ID_RE.match(n.value):
        return n.value
    return None


def _split_number(node, knode) -> tuple[str, str] | None:
    """(`amount: 500,000`, `amount: 500000`) when `knode` is the digits after a comma that split a
    number in a `{ ... }` line, else None."""
    if not node.flow_style or not knode.value.isdigit():
        return None
    pairs = node.value
    for i, (k, _v) in enumerate(pairs):
        if k is knode and i > 0:
            pk, pv = pairs[i - 1]
            if isinstance(pv, ScalarNode) and pv.value.isdigit() and not pv.style:
                return f"{pk.value}: {pv.value},{knode.value}", f"{pk.value}: {pv.value}{knode.value}"
    return None


def did_you_mean(word: str, options) -> str:
    """The closest option, or "" (Diagnostic.message renders it in the author's language)."""
    match = difflib.get_close_matches(str(word), [o for o in options if isinstance(o, str)], n=1, cutoff=0.6)
    return match[0] if match else ""

