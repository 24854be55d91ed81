"""Translation lookups for the view and the tools (pure; no pygame).

`Translator` is passed around explicitly; nothing is installed globally. UI strings
are English msgids in the code (`tr.gettext("Play")`); scenario strings are looked up
by their stable key (`tr.text(Text)`), falling back to the source text.

Catalogues are the `.po` files under `locale/<lang>/LC_MESSAGES/` (domains `game` and
`scenarios` for the game; `cli`, `report` and `diagnostics` for the tools' words, read only
by the command that prints them: `tool_words`), read straight into `gettext.GNUTranslations` by
game/core/poread.py (polib's reading without polib's objects; polib itself for what it leaves
out): no compiled `.mo` files. Fuzzy, empty and obsolete entries are left out, so they show the source
text; so is any entry whose `{placeholders}` differ from its msgid (it would crash
`str.format` or lose a number). A broken or missing catalogue logs a warning and shows
source text: translation problems never stop the game. Loaded catalogues are cached
per file (and re-read when the file changes), so switching language is instant.
"""

from __future__ import annotations

import contextlib
import gc
import gettext as _gettext
import logging
import re
import string
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from . import plural as plural_rules
from . import poread
from .placeholders import fill as fill_placeholders
from .textgate import clean, describe

if TYPE_CHECKING:  # only an annotation here: importing texts (and the model, yaml) would slow `--help`
    from .texts import Text

log = logging.getLogger("la_chan.i18n")

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
# The tools' words: the CLI's messages and --help (game/cli/), the class report (game/report/),
# lint's diagnostics (assets/data/diagnostics.yaml). Written in English; see docs/translating.md.
TOOL_DOMAINS = ("cli", "report", "diagnostics")
DOMAINS = ("game", "scenarios", *TOOL_DOMAINS)
# The built-in languages, in menu order. More are found under locale/ (see available_languages).
BUILTIN_LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
# Names for languages a partner might add, used when a catalogue has no X-Language-Name header.
LANGUAGE_NAMES = {**BUILTIN_LANGUAGES, "th": "ไทย", "id": "Bahasa Indonesia", "ms": "Bahasa Melayu",
                  "km": "ខ្មែរ", "lo": "ລາວ", "my": "မြန်မာ", "fil": "Filipino", "zh": "中文", "fr": "Français"}
# A third language, for strings its catalogue lacks, falls back to English before the source.
FALLBACK_LANGUAGE = "en"

_LANG_RE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")
_NAME_RE = re.compile(r'^"X-Language-Name: *(.*?)\\n"\s*$', re.M)


def nfc(s: str) -> str:
    return s if unicodedata.is_normalized("NFC", s) else unicodedata.normalize("NFC", s)


# -- placeholders ------------------------------------------------------------------

_FORMATTER = string.Formatter()


def placeholders(s: str) -> frozenset[str] | None:
    """The `str.format` field names in s ({name}, {0}, {} as ''); None if s is not a valid format string."""
    if "{" not in s and "}" not in s:
        return frozenset()
    try:
        names = set()
        for _lit, field, _spec, _conv in _FORMATTER.parse(s):
            if field is not None:
                names.add(re.split(r"[.\[]", field, maxsplit=1)[0])
        return frozenset(names)
    except ValueError:
        return None


def fields(s: str) -> frozenset[str] | None:
    """Every replacement field of s exactly as written, name + conversion + format spec
    (`{n}`, `{n!r}`, `{n:>5}`, `{n.real}`); None if s is not a valid format string."""
    if "{" not in s and "}" not in s:
        return frozenset()
    try:
        out = set()
        auto = 0
        for _lit, field, spec, conv in _FORMATTER.parse(s):
            if field is not None:
                if field == "":  # `{}` takes the next positional argument: how many of them matters
                    auto += 1
                    field = f"#{auto}"
                out.add("{" + field + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}")
        return frozenset(out)
    except ValueError:
        return None


def _listed(fs) -> str:
    return ", ".join(sorted(re.sub(r"^\{#\d+", "{", f) for f in fs))  # `{#3}` is the third `{}`


def placeholder_problem(msgid: str, msgstr: str, msgid_plural: str = "",
                        plural_forms: list[str] | None = None) -> str | None:
    """Why a translation's placeholders do not fit its msgid, or None when they do.

    A translation may only use the source's fields exactly as the source writes them: the same
    names, and no format spec (`{n:>999999999}` pads to gigabytes), conversion (`{n!r}`) or
    attribute and index access (`{n.__class__}`) that the source does not have."""
    if msgid_plural:
        want, want_pl = fields(msgid), fields(msgid_plural)
        if want is None or want_pl is None:
            return None  # not a format string: nothing to check
        union = want | want_pl
        got_all: set[str] = set()
        for form in plural_forms or []:
            got = fields(form)
            if got is None:
                return "translation is not a valid format string (unbalanced { })"
            if got - union:
                return _unknown(got - union, union)
            got_all |= got
        missing = {f for f in want_pl if _name(f) not in {_name(g) for g in got_all}}
        if missing:
            return "missing placeholder " + _listed(missing)
        return None
    want = fields(msgid)
    if want is None:
        return None
    got = fields(msgstr)
    if got is None:
        return "translation is not a valid format string (unbalanced { })"
    if got != want:
        if got - want and {_name(f) for f in got} == {_name(f) for f in want}:
            return _unknown(got - want, want)
        parts = []
        if want - got:
            parts.append("missing " + _listed(want - got))
        if got - want:
            parts.append("unknown " + _listed(got - want))
        return "placeholders differ: " + "; ".join(parts)
    return None


def _name(f: str) -> str:
    return re.split(r"[.\[!:}]", f[1:], maxsplit=1)[0]


def _unknown(extra, allowed) -> str:
    names = {_name(f) for f in allowed}
    if all(_name(f) in names for f in extra):
        return ("placeholder " + _listed(extra) + " adds a format spec, conversion or attribute access the "
                "source does not have; write it exactly as " + (_listed(allowed) or "the source"))
    return "unknown placeholder " + _listed(extra)


# -- loading -----------------------------------------------------------------------

_cache: dict[tuple[str, int, int], _gettext.NullTranslations] = {}
_warned_missing: set[str] = set()


def catalogue_path(lang: str, domain: str, locale_dir: Path | None = None) -> Path:
    return Path(locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{domain}.po"


def load_catalogue(path: Path) -> _gettext.NullTranslations:
    """One .po file as a translations object; NullTranslations (source text) if it is missing or broken."""
    try:
        st = path.stat()
    except OSError:
        if str(path) not in _warned_missing:  # once per file, not at every language switch
            _warned_missing.add(str(path))
            log.warning("translation catalogue missing: %s (showing source text)", path)
        return _gettext.NullTranslations()
    key = (str(path), st.st_mtime_ns, st.st_size)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    try:
        cat = _parse(path)
    except Exception as exc:  # polib raises IOError/ValueError/UnicodeError on bad input
        log.warning("translation catalogue %s is broken (%s): showing source text", path, exc)
        cat = _gettext.NullTranslations()
    _cache[key] = cat
    return cat


# A line that is none of: blank, a comment, `#~` + (comment | previous | nothing), or an optional
# keyword followed by one complete "quoted string". Searched in one pass over the whole file.
_BAD_PO_LINE = re.compile(
    r'^(?![ \t]*(?:$|#(?!~)|#~[ \t]*(?:$|[|#])'
    r'|(?:#~[ \t]*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\\n]|\\.)*"[ \t]*$))'
    r'.*$', re.M)


# Characters `str.splitlines()` ends a line at besides LF and CR. polib splits the file with it, so a
# single one of them (U+0085 is what a cp1252 "…" becomes when mis-decoded) used to make the whole
# catalogue unreadable. They are masked before parsing and the entry holding one is left out alone.
_PO_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
PO_MASK = "\uffff"  # a noncharacter: no real translation contains it


def mask_po_breaks(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The .po text with each line-breaking control character replaced by PO_MASK, and the
    (1-based line, character) of each one, so a reader can name the entry it spoils."""
    found = [(text.count("\n", 0, m.start()) + 1, m.group()) for m in _PO_BREAKS.finditer(text)]
    return (_PO_BREAKS.sub(PO_MASK, text) if found else text), found


def masked_entry(entries, line: int):
    """The entry a masked character on `line` belongs to: the last one starting at or before it."""
    best = None
    for e in entries:
        if (e.linenum or 0) <= line and (best is None or (e.linenum or 0) >= (best.linenum or 0)):
            best = e
    return best


def _masked(e) -> bool:
    texts = [e.msgid, e.msgid_plural or "", e.msgctxt or "", e.msgstr or "", *(e.msgstr_plural or {}).values()]
    return any(PO_MASK in t for t in texts)


def po_syntax_error(text: str) -> str | None:
    """The first line polib would silently mis-read (it accepts unterminated strings), or None."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    m = _BAD_PO_LINE.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    return f"line {line}: cannot parse {m.group(0).strip()[:40]!r}"


class _Hashed(dict):
    """A catalogue's translations under the hash of their key, not the key: the key holds the
    whole source text, and a scenario catalogue's ~2,700 Vietnamese sources stayed in memory for
    as long as the game ran (~1 MB; UCS-2 strings) only to be compared once per lookup. gettext's
    lookups (`get`, `[]`) hash the key they are given; iterating yields the hashes. Two keys with
    the same 64-bit hash in one catalogue would share a translation; the hash is the one the
    dict itself would compare first."""

    __slots__ = ()

    def __setitem__(self, key, value) -> None:
        dict.__setitem__(self, hash(key), value)

    def __getitem__(self, key):
        return dict.__getitem__(self, hash(key))

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, hash(key))

    def get(self, key, default=None):
        return dict.get(self, hash(key), default)


class Catalogue(_gettext.GNUTranslations):
    """A GNUTranslations filled straight from the .po entries (poread's or polib's).

    Same lookups as `GNUTranslations(io.BytesIO(po.to_binary()))`, without building and
    re-parsing the binary image in between (that round trip was a third of the load time).
    """

    def __init__(self, catalog: dict, info: dict):
        _gettext.NullTranslations.__init__(self)
        self._catalog = catalog
        self._info = info
        self._charset = "utf-8"
        path = info.get("_path", "")
        lang = Path(path).parent.parent.name if path else ""  # locale/<lang>/LC_MESSAGES/x.po
        self.plural = _safe_plural(info.get("plural-forms", ""), path, lang or info.get("language", ""))


def _source_rule(n) -> int:
    """The plural rule of the source texts (English): one form for 1, another for the rest."""
    return int(n != 1)


def _safe_plural(header: str, where: str = "", lang: str = ""):
    """The catalogue's plural rule through the safe evaluator (game/core/plural.py). A header that
    does not parse, and any n for which it fails or names a form the file does not have, use the
    catalogue language's own rule when plural.PLURAL_FORMS knows it (vi has one form: the English
    rule would pick a form vi does not have and show English), else the source language's rule,
    with one logged warning: a plural never crashes a screen."""
    known = plural_rules.known_rule(lang)
    rule, named = (known[1], f"the plural rule of {lang}") if known else (_source_rule, "the source language's plural rule")
    if not header.strip():
        return rule
    m = re.search(r"nplurals\s*=\s*(\d{1,2})", header)
    count = max(1, int(m.group(1))) if m else 2

    def fallback(n) -> int:  # the known rule, kept to the forms this catalogue has
        return min(rule(int(n)), count - 1)

    try:
        count, expr = plural_rules.parse_header(header)
        fn = plural_rules.compile_plural(expr)
    except ValueError as exc:
        log.warning("%s: %s; using %s", where or "catalogue", exc, named)
        return fallback
    warned = []

    def plural(n) -> int:
        try:
            idx = fn(int(n))
            if 0 <= idx < count:
                return idx
            problem = f"form {idx} of {count} for n={n}"
        except (ArithmeticError, TypeError, ValueError, RecursionError) as exc:
            problem = f"{exc} for n={n}"
        if not warned:
            warned.append(True)
            log.warning("%s: Plural-Forms fails (%s); using %s", where or "catalogue", problem, named)
        return fallback(n)

    return plural


def _parse(path: Path) -> Catalogue:
    text = path.read_text(encoding="utf-8")
    text, breaks = mask_po_breaks(text.replace("\r\n", "\n"))
    problem = po_syntax_error(text)
    if problem:
        raise ValueError(problem)
    entries = metadata = None
    if not breaks:  # a masked character needs polib's line numbers for its warning
        with contextlib.suppress(poread.Unusual):  # then polib reads it (and raises what it raises)
            entries, metadata = poread.read(text)
    if entries is None:
        entries, metadata = _polib_entries(path, text, breaks)
        if len(text) > 100_000:
            # polib's parser holds the file's lines and every entry in reference cycles, which only a
            # full collection frees (~4 MB for a scenario catalogue); ~15 ms, so only after a big file
            gc.collect()
    del text
    catalog: dict = _Hashed()
    bad = 0
    for e in entries:
        if e.obsolete or e.fuzzy or not e.msgid or (breaks and _masked(e)):
            continue
        key = nfc(e.msgid) if e.msgctxt is None else f"{e.msgctxt}\x04{nfc(e.msgid)}"
        if e.msgid_plural:
            forms = [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)]
            if not forms or not all(forms):
                continue
            braces = "{" in e.msgid or "{" in e.msgid_plural or any("{" in f or "}" in f for f in forms)
            if braces and placeholder_problem(e.msgid, "", e.msgid_plural, forms):
                bad += 1
                continue
            for i, form in enumerate(forms):
                catalog[(key, i)] = nfc(form)
        elif e.msgstr:
            if ("{" in e.msgid or "{" in e.msgstr or "}" in e.msgstr) and placeholder_problem(e.msgid, e.msgstr):
                bad += 1
                continue
            catalog[key] = nfc(e.msgstr)
    if bad:
        log.warning("%s: %d translation(s) with wrong placeholders ignored (run `python main.py i18n check`)",
                    path, bad)
    info = {k.strip().lower(): v.strip() for k, v in metadata.items()}
    info["_path"] = str(path)
    return Catalogue(catalog, info)


def _polib_entries(path: Path, text: str, breaks: list[tuple[int, str]]) -> tuple[list, dict]:
    import polib  # only for what poread leaves to it

    po = polib.pofile(text, encoding="utf-8")
    for line, ch in breaks:
        e = masked_entry(po, line)
        what = f"the entry {e.msgid[:50]!r}" if e is not None and e.msgid else "the header"
        log.warning("%s:%d: %s (a control character) in %s: that translation is left out and shows the "
                    "source text; delete the character (run `python main.py i18n check`)",
                    path, line, describe(ch), what)
    return list(po), po.metadata


def clear_cache() -> None:
    _cache.clear()
    _tool_cache.clear()
    _warned_missing.clear()


def available_languages(locale_dir: Path | None = None) -> dict[str, str]:
    """Language code -> name in that language: the built-ins, then any other folder under locale/.

    A third language's name comes from its game.po header `X-Language-Name` (set by `i18n new`).
    """
    langs = dict(BUILTIN_LANGUAGES)
    base = Path(locale_dir or LOCALE_DIR)
    try:
        found = sorted(p.name for p in base.iterdir() if _LANG_RE.match(p.name) and (p / "LC_MESSAGES").is_dir())
    except OSError:
        return langs
    for code in found:
        if code not in langs:
            langs[code] = (_language_name(catalogue_path(code, "game", base)) or LANGUAGE_NAMES.get(code)
                           or LANGUAGE_NAMES.get(code.split("_")[0]) or code)
    return langs


def _language_name(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    m = _NAME_RE.search(head)
    return nfc(m.group(1).strip()) if m and m.group(1).strip() else None


LANGUAGES = available_languages()


def N_(message: str) -> str:
    """Mark a UI string for extraction where it is defined (a constant shown later);
    translate it where it is shown, with `tr.gettext(that_constant)`."""
    return message


class Msg(tuple):
    """A marked string that needs more than its msgid at lookup: (msgctxt or None, msgid, msgid_plural or "")."""

    __slots__ = ()

    def __new__(cls, context: str | None, msgid: str, plural: str = ""):
        return super().__new__(cls, (context, msgid, plural))

    def get(self, cat: _gettext.NullTranslations, n: int | None = None) -> str:
        ctx, msgid, plural = self
        if plural:
            count = 1 if n is None else n
            return cat.npgettext(ctx, msgid, plural, count) if ctx else cat.ngettext(msgid, plural, count)
        return cat.pgettext(ctx, msgid) if ctx else cat.gettext(msgid)


def NC_(context: str, message: str) -> Msg:
    """Mark a string with a context (`pgettext` later): `NC_("story ended", "safe")`."""
    return Msg(context, message)


def NN_(singular: str, plural: str) -> Msg:
    """Mark a plural pair (`ngettext` later with the count)."""
    return Msg(None, singular, plural)


def tool_words(lang: str | None, domain: str) -> _gettext.NullTranslations:
    """A tool domain's catalogue (`cli`, `report`, `diagnostics`) for lang, read on first use and
    cached like the game's. The tools are written in English, so English needs no catalogue; an
    entry another language has not translated yet shows the English source."""
    if not lang or lang == FALLBACK_LANGUAGE:
        return _NULL
    # A command runs for seconds, not an editing session: the file is looked at once per process
    # (a report asks for its words ~10,000 times; a stat each time cost half a second for a school).
    key = (lang, domain, str(LOCALE_DIR))
    got = _tool_cache.get(key)
    if got is None:
        got = _tool_cache[key] = load_catalogue(catalogue_path(lang, domain, LOCALE_DIR))
    return got


_NULL = _gettext.NullTranslations()
_tool_cache: dict[tuple[str, str, str], _gettext.NullTranslations] = {}


class Translator:
    def __init__(self, lang: str = "vi", ui: _gettext.NullTranslations | None = None,
                 scenarios: _gettext.NullTranslations | None = None):
        self.lang = lang
        self._ui = ui or _gettext.NullTranslations()
        self._scn = scenarios or _gettext.NullTranslations()
        # Scenes rebuild their text every frame they change: remember each answer (the
        # catalogues never change under a Translator; a new language is a new Translator).
        self._memo: dict = {}

    # Every string leaves through the text gate (control characters out, length bounded), so a
    # NUL in a catalogue or a scenario never reaches the renderer.

    def _remember(self, key, make) -> str:
        got = self._memo.get(key)
        if got is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            got = self._memo[key] = clean(make())
        return got

    def gettext(self, msgid: str) -> str:
        return self._remember(("g", msgid), lambda: self._ui.gettext(nfc(msgid)))

    def pgettext(self, context: str, msgid: str) -> str:
        return self._remember(("p", context, msgid), lambda: self._ui.pgettext(context, nfc(msgid)))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._remember(("n", singular, plural, n),
                              lambda: self._ui.ngettext(nfc(singular), nfc(plural), n))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._remember(("np", context, singular, plural, n),
                              lambda: self._ui.npgettext(context, nfc(singular), nfc(plural), n))

    def text(self, t: Text | None) -> str:
        """A scenario string in the player's language, or its source text."""
        if t is None:
            return ""
        if t.values or "{" in t.source:  # `{amount}` filled after translating, formatted for this language
            return self._remember(("t", t.key, t.source, t.values), lambda: fill_placeholders(
                self._scn.pgettext(t.key, nfc(t.source)), t.values, self.lang))
        return self._remember(("t", t.key, t.source), lambda: self._scn.pgettext(t.key, nfc(t.source)))


MEMO_LIMIT = 20000  # distinct strings a Translator remembers before starting over


class _Chain(_gettext.NullTranslations):
    """A catalogue with a fallback, without mutating the cached catalogue objects."""

    def __init__(self, first: _gettext.NullTranslations, then: _gettext.NullTranslations):
        super().__init__()
        self._first, self._then = first, then

    def gettext(self, message):
        return self._pick(self._first.gettext(message), message, lambda: self._then.gettext(message))

    def pgettext(self, context, message):
        return self._pick(self._first.pgettext(context, message), message,
                          lambda: self._then.pgettext(context, message))

    def ngettext(self, msgid1, msgid2, n):
        out = self._first.ngettext(msgid1, msgid2, n)
        return self._then.ngettext(msgid1, msgid2, n) if out in (msgid1, msgid2) else out

    def npgettext(self, context, msgid1, msgid2, n):
        out = self._first.npgettext(context, msgid1, msgid2, n)
        return self._then.npgettext(context, msgid1, msgid2, n) if out in (msgid1, msgid2) else out

    @staticmethod
    def _pick(out, message, fallback):
        return fallback() if out == message else out


class _Later(_gettext.NullTranslations):
    """A catalogue read on its first lookup. The scenario catalogue is big (the English one is
    over 500 KB) and the first screens show none of it, so start-up does not wait for it."""

    def __init__(self, load):
        super().__init__()
        self._load, self._real = load, None

    def _get(self) -> _gettext.NullTranslations:
        if self._real is None:
            self._real = self._load()
        return self._real

    def gettext(self, message):
        return self._get().gettext(message)

    def pgettext(self, context, message):
        return self._get().pgettext(context, message)

    def ngettext(self, msgid1, msgid2, n):
        return self._get().ngettext(msgid1, msgid2, n)

    def npgettext(self, context, msgid1, msgid2, n):
        return self._get().npgettext(context, msgid1, msgid2, n)


def load_translator(lang: str, locale_dir: Path | None = None) -> Translator:
    """The translator for a language; missing strings show English (third languages) or the source.
    The UI catalogue is read now, the scenario catalogue on the first scenario text shown."""
    base = Path(locale_dir or LOCALE_DIR)
    ui = load_catalogue(catalogue_path(lang, "game", base))

    def scenarios() -> _gettext.NullTranslations:
        scn = load_catalogue(catalogue_path(lang, "scenarios", base))
        if lang not in BUILTIN_LANGUAGES:
            # vi-source scenario text is unreadable to most third-language players; English is closer.
            scn = _Chain(scn, load_catalogue(catalogue_path(FALLBACK_LANGUAGE, "scenarios", base)))
        return scn

    return Translator(lang, ui, _Later(scenarios))
