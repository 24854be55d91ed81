"""A pseudo-translation in Thai script, made by script: proof that a third language in a non-Latin
script, written without spaces between words, draws and lays out everywhere.

    python main.py i18n new th --name "ไทย"
    python -m game.i18n.pseudo th              # fills locale/th/ (every catalogue), every entry

Never commit the result: it is nonsense in Thai letters, not Thai. Each Latin or Vietnamese letter
becomes a Thai consonant or vowel (with tone marks, above and below vowels and leading vowels, so
every kind of cluster occurs), digits, punctuation, `{placeholders}` and line breaks stay, and the
spaces inside a sentence go (Thai puts spaces between phrases, not words), so line breaking inside
the script is exercised on every screen. The tests build it in a temporary copy of locale/
(tests/i18n/test_thai_pseudo.py); docs/screenshots/th-*.png were taken with it.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from game.core.i18n import DOMAINS, nfc

from .project import Project, read_po

CONSONANTS = dict(zip("bcdfghjklmnpqrstvwxz", "บจดฟกหจคลมนปกรสทวกซซ", strict=True))
# A vowel after its consonant: above, below, following (and SARA AM), so every cluster shape occurs.
VOWELS = {"a": "\u0e32", "e": "\u0e34", "i": "\u0e35", "o": "\u0e2d", "u": "\u0e38", "y": "\u0e22"}
LEADING = "\u0e40\u0e42"  # เ โ: written before the consonant they follow in speech
TONES = "\u0e48\u0e49"  # mai ek, mai tho
FIELD = re.compile(r"\{[^{}]*\}|%\(?\w*\)?[sd]|<[^<>]*>|\n")
PHRASE_END = frozenset(".,!?:;…)")


def _word(word: str) -> str:
    """One word in Thai letters: consonant + vowel pairs, a tone on the first syllable."""
    base = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))
    base = base.replace("đ", "d")
    out: list[str] = []
    syllables = 0
    toned = False
    for ch in base:
        if ch in CONSONANTS:
            if syllables % 3 == 2 and len(base) > 4:
                out.append(LEADING[syllables % 2])
            out.append(CONSONANTS[ch])
            syllables += 1
        elif ch in VOWELS:
            if not out or out[-1] in VOWELS.values() or out[-1] in TONES:
                out.append("\u0e2d")  # a vowel needs a consonant to sit on: อ
            out.append(VOWELS[ch])
            if not toned and syllables == 1 and len(base) > 3 and ch in "aeiu":
                out.append(TONES[len(base) % 2])
                toned = True
        else:
            out.append(ch)  # digits, punctuation, anything else: as written
    if out and out[-1] in LEADING:
        out.pop()
    text = "".join(out)
    return text.replace("\u0e32\u0e32", "\u0e33")  # SARA AM now and then


def thai(text: str) -> str:
    """The pseudo-Thai of one msgid: fields kept exactly, words turned, in-sentence spaces dropped."""
    out: list[str] = []
    pos = 0
    for m in FIELD.finditer(text):
        out.append(_phrase(text[pos:m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_phrase(text[pos:]))
    return nfc("".join(out))


def _phrase(text: str) -> str:
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        out.append(_word(w))
        # Keep a space after punctuation, at the edges (next to a field) and after a number.
        if i < len(words) - 1 and (not w or w[-1] in PHRASE_END or w[-1].isdigit() or i == 0
                                   or not words[i + 1] or i == len(words) - 2):
            out.append(" ")
    return "".join(out)


# Entries that are formats, not words (the report's date format, number separators): kept as they are.
KEEP_CONTEXTS = frozenset({"strftime", "number"})


def fill(project: Project, lang: str = "th") -> int:
    """Translate every entry of every catalogue of `lang` with `thai` (fuzzy cleared). Returns how many."""
    n = 0
    for domain in DOMAINS:
        path = project.po(lang, domain)
        po = read_po(path)
        forms = max(1, int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", "nplurals=1"))
                           .group(1)))
        for e in po:
            if e.obsolete:
                continue
            if e.msgctxt in KEEP_CONTEXTS:
                e.msgstr = e.msgid
            elif e.msgid_plural:
                e.msgstr_plural = {k: thai(e.msgid if k == 0 and forms > 1 else e.msgid_plural) for k in range(forms)}
            else:
                e.msgstr = thai(e.msgid)
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
            n += 1
        po.metadata["X-Pseudo"] = "yes: made by game/i18n/pseudo.py, not a translation; never commit"
        po.save(str(path))
    return n


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    lang = args[0] if args else "th"
    project = Project()
    if not project.po(lang, "game").exists():
        print(f"error: no {project.rel(project.po(lang, 'game'))}: run `python main.py i18n new {lang}` first",
              file=sys.stderr)
        return 2
    print(f"{fill(project, lang)} entries filled with pseudo-Thai in {project.rel(project.locale_dir / lang)}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
