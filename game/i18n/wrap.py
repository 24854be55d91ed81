"""Write a catalogue's strings wrapped the way GNU gettext wraps them (msgmerge, msgcat, Poedit's
"Update from POT"), so running those tools on a catalogue this project wrote changes no line.

polib breaks a long string before a space and leaves lines inside a multi-line string unwrapped;
GNU breaks after the space and wraps every line. This rewrites each msgctxt/msgid/msgstr of polib's
output: a string that fits goes on the keyword's line; one with a newline inside, or too long,
starts with `""` and continues with lines of at most 79 columns (quotes and any `#~ ` prefix
included), split after each `\\n` and, within a line, at the last break opportunity that fits.
Break opportunities approximate Unicode line breaking (UAX #14) as GNU's libunistring applies
it: after spaces, after - / . : , ; ! ? before a letter, and between ideographs. A string with no
opportunity stays whole, however long.
"""

from __future__ import annotations

import re
import unicodedata

WIDTH = 79
FIELD = re.compile(r'^((?:#~ )?(?:#\| )?)(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$')
CONT = re.compile(r'^((?:#~ )?(?:#\| )?)"(.*)"$')
AFTER = set("-/.:,;!?")  # a break after these before a letter (never before a digit: 1.5, 20/11)
# ... and before these, as GNU msgcat breaks (measured: `score:` + "`", `LC_MESSAGES/` + "*"); tokens as
# escaped in the file (\" and \\). Never before a closing bracket, a quote mark, an apostrophe, | or a dash.
AFTER_BEFORE = frozenset(["(", "`", "*", "<", '\\"', "[", "{", "_", "~", "#", "$", "@", "&", "=", "+", ">", "%",
                          "\\\\", "\u00b7"])
ESCAPE = re.compile(r'\\.|.', re.DOTALL)


def _width(token: str) -> int:
    if len(token) > 1:  # an escape like \" or \n
        return len(token)
    if unicodedata.combining(token) or unicodedata.category(token) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(token) in ("W", "F") else 1


def _wide(ch: str) -> bool:
    return len(ch) == 1 and unicodedata.east_asian_width(ch) in ("W", "F") and ch.isalpha()


def _breaks(tokens: list[str]) -> set[int]:
    """Indexes i where a line may start (a break before tokens[i])."""
    out = set()
    for i in range(1, len(tokens)):
        prev, cur = tokens[i - 1], tokens[i]
        if prev == " " and cur != " ":
            j = i - 1
            while j > 0 and tokens[j] == " ":
                j -= 1
            if tokens[j] not in "([{":  # never after an opening bracket, spaces or not
                out.add(i)
        elif (prev in AFTER and (cur.isalpha() or cur in AFTER_BEFORE or (prev in "!?" and cur.isdigit()))) \
                or (_wide(prev) and _wide(cur)) or (prev in ")]}" and cur in "([{"):
            out.add(i)  # ...and between a closing and an opening bracket: "{in_classes}" | "{span})"
    return out


def _portions(escaped: str) -> list[list[str]]:
    tokens = ESCAPE.findall(escaped)
    out, cur = [], []
    for t in tokens:
        cur.append(t)
        if t == "\\n":
            out.append(cur)
            cur = []
    if cur or not out:
        out.append(cur)
    return out


def _fill(tokens: list[str], room: int) -> list[str]:
    lines, start = [], 0
    ok = _breaks(tokens)
    while start < len(tokens):
        used, i, last = 0, start, None
        while i < len(tokens):
            used += _width(tokens[i])
            if used > room:
                break
            i += 1
            if i in ok:
                last = i
        if i >= len(tokens):
            lines.append("".join(tokens[start:]))
            break
        if last is None or last <= start:  # nothing fits: run on to the next opportunity
            nxt = min((b for b in ok if b > start), default=len(tokens))
            lines.append("".join(tokens[start:nxt]))
            start = nxt
        else:
            lines.append("".join(tokens[start:last]))
            start = last
    return lines


def field(prefix: str, keyword: str, escaped: str) -> list[str]:
    portions = _portions(escaped)
    head = f'{prefix}{keyword} "'
    whole = sum(_width(t) for p in portions for t in p)
    if len(portions) == 1 and len(head) + whole + 1 <= WIDTH:
        return [f'{head}{escaped}"']
    lines = [f'{prefix}{keyword} ""']
    room = WIDTH - len(prefix) - 2
    for p in portions:
        if p:
            lines += [f'{prefix}"{s}"' for s in _fill(p, room)]
    return lines


def rewrap(text: str) -> str:
    """polib's output with every string field wrapped as GNU gettext wraps it."""
    src = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(src):
        m = FIELD.match(src[i])
        if not m:
            out.append(src[i])
            i += 1
            continue
        prefix, keyword, value = m.groups()
        i += 1
        while i < len(src):
            c = CONT.match(src[i])
            if not c or c.group(1) != prefix:
                break
            value += c.group(2)
            i += 1
        out += field(prefix, keyword, value)
    return "\n".join(out)
