"""Pack-wide checks (`lint --pack`): no surface feature may give the answer away.

Students must learn to judge what a message asks, never how it looks. Over the whole pack
(scenarios and quiz items), every sender and every message is labelled scam or genuine:
a contact is a scammer when the author marked it `scammer: true` (in a quiz, when it sends
in an item whose answer is `scam`); a message or caption line takes its sender's label
(in a quiz, the item's answer). Then simple surface features are measured:

- contacts: the number's prefix (first three digits), the number's written pattern, whether
  the phone shows a saved name or a number/handle, and the kind of saved name (family,
  organisation, person);
- messages: the app (its look), the length, and writing habits: no Vietnamese accents,
  a word in capitals, "!", "!!", "...", a text emoticon (an email's or a post's text counts as
  a message too, its app being `email` or `social`);
- emails (format version 2): the ending of the sender's address (`.example`, `.vn`) and the
  kind of display name (organisation, person);
- posts: "Sponsored", the poster's verified badge, and the kind of page name.

**The rule.** A feature value (or, for length, a threshold in either direction) is a
*shortcut* when, over the items that have it,
- there are at least `MIN_SUPPORT` of them,
- at least `PRECISION` of them (95 %) are on one side, and
- they cover at least `COVERAGE` (half) of that side, counted among the items the feature
  applies to (a number prefix among senders shown with a phone number).
That is: the value alone would pick out most scams (or most genuine items) almost without a
mistake. A value that is rare, mixed, or covers only a corner of one side is not reported.
Both sides need at least `MIN_SUPPORT` items the feature applies to. Each shortcut is one LC601
error, placed at the first item that has it.

**Patterns a student notices at a glance** are held to a stricter rule, without the coverage
condition: a number ending in three repeated digits or a run ("…888", "…123", a "số đẹp"), and a
sender shown by a chat handle instead of a phone number. Such a value is a shortcut (LC601, the
`salient` wording) as soon as `MIN_SALIENT` items have it and at least `PRECISION` of them are on
one side: three scammers with "…999" numbers and no real contact with one teach "a lucky number
means a scam" even though they are a small corner of all scams.

Brand names (apps, contacts, notification titles, and the names in web addresses) are also
compared with the real brands in `assets/data/real_brands.yaml`: an invented name within
one edit (a letter added, removed, changed, or two neighbours swapped; ignoring case, accents,
spaces and punctuation) of a real one, or the real name with any two letters swapped ("Zola"
for "Zalo"), is LC602.

**Keeping it secret is never safe** (LC603). Telling a trusted adult is the lesson of every
scenario, so a choice whose own words say the player tells no one ("…nhưng không kể ai",
"đừng nói với ba mẹ", "tell no one", "keep it quiet") must not be graded `safe`, however right
the rest of it is (not paying, blocking, keeping evidence): grade it `risky` and say why. The
phrases are in `SECRECY_PHRASES` (Vietnamese and English, matched without accents in the
choice's `text` and `say`); a phrase that only names the scammer's request ("bị dặn giấu ba má")
or refuses it ("không giấu ba mẹ") does not count.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Mark
from .model import (
    PLAYER,
    CallEvent,
    EmailEvent,
    InstallEvent,
    LineEvent,
    MessageEvent,
    NotificationEvent,
    PageEvent,
    PostEvent,
    Scenario,
)

MIN_SUPPORT = 5
MIN_SALIENT = 3
PRECISION = 0.95
COVERAGE = 0.5
BRANDS_FILE = Path(__file__).resolve().parents[2] / "assets" / "data" / "real_brands.yaml"

KIN = {"me", "bo", "ba", "ma", "cha", "anh", "chi", "em", "co", "chu", "bac", "di", "cau", "mo", "thim", "ong",
       "ba noi", "ba ngoai", "ong noi", "ong ngoai", "mom", "mum", "dad", "mother", "father", "grandma", "grandpa",
       "sister", "brother", "aunt", "uncle"}
ORG_WORDS = {"bank", "ngan", "hang", "truong", "thcs", "thpt", "tong", "dai", "cong", "ty", "express", "shop",
             "van", "phong", "benh", "vien", "admin", "cskh", "quy", "hoc", "bong", "su", "kien", "ho", "tro", "game",
             "official", "support", "vn", "pay", "post"}
EMOTICON = re.compile(r"(:\)|:\(|:D|=\)\)|:v|<3|\^\^|:\(\()")
# Feature values students notice at a glance (see the module docstring): the stricter rule.
SALIENT = {("number ending", "three repeated digits"), ("number ending", "a run of digits"),
           ("shown as", "chat handle")}

# A choice whose words say the player tells no one (LC603). Matched on `plain()` text (lowercase,
# no accents), so "không kể ai" is written "khong ke ai". Vietnamese first, then English.
_WHO = r"(ai|ai het|ai ca|ba|bo|me|ma|ba me|bo me|ba ma|gia dinh|nguoi lon|thay|co|thay co|anh|chi)"
SECRECY_PHRASES = [
    rf"\b(khong|chua|dung|chang) (ke|noi|bao)( voi| cho)? {_WHO}\b",   # không kể ai, đừng nói với ba má
    r"\bkhong cho ai (biet|hay)\b",                                    # không cho ai biết
    r"(?<!khong )(?<!dan )(?<!doi )\bgiau (ba|bo|me|ma|gia dinh|nguoi lon|thay|co|chuyen|het)\b",  # giấu ba mẹ
    r"(?<!khong )(?<!dan )\bgiu (kin|im lang|bi mat)\b(?! (la|thi))",             # giữ kín, giữ im lặng
    r"^im lang\b",                                                      # "Im lặng, sợ bị mắng"
    r"\b(tell|telling) (no one|nobody|no adult)\b",
    r"\b(not|never|don t|won t|without) tell(ing)? (anyone|anybody|my (mom|mum|dad|parents)|(your|my) parents)\b",
    r"\bkeep (quiet|silent|(it|this|everything) (a secret|secret|quiet|to (myself|yourself)))\b(?! is)",
]
_SECRECY = [re.compile(p) for p in SECRECY_PHRASES]

VI_MARKS = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@dataclass
class Unit:
    """One sender or one message, with its label and where it is written."""

    kind: str  # contact | message
    scam: bool
    path: str
    mark: Mark | None
    features: dict[str, str] = field(default_factory=dict)
    length: int | None = None
    ref: str = ""  # the contact id, for senders


def plain(s: str) -> str:
    """Lowercase, no accents (đ → d), letters, digits and single spaces only."""
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d").replace("Đ", "d"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def digits(number: str | None) -> str:
    return re.sub(r"\D", "", number or "")


def name_kind(name: str) -> str:
    p = plain(name)
    words = p.split()
    if not words:
        return "other"
    if p in KIN or words[0] in KIN and len(words) <= 3 and not any(w in ORG_WORDS for w in words):
        return "family or title + name"
    if any(w in ORG_WORDS for w in words) or name.isupper():
        return "organisation"
    return "person"


def number_ending(d: str) -> str:
    """The shape of a phone number's last three digits: what a student sees in "…888"."""
    a, b, c = (int(x) for x in d[-3:])
    if a == b == c:
        return "three repeated digits"
    if b - a == c - b and abs(b - a) == 1:
        return "a run of digits"
    if a in (b, c) or b == c:
        return "two digits the same"
    return "all different"


def is_phone_number(num: str) -> bool:
    """Written with digits only (spaces, dots, dashes, brackets, a leading +): a number, not a handle."""
    return bool(num) and bool(re.fullmatch(r"[\d\s.\-()+]+", num)) and bool(digits(num))


def contact_features(c) -> dict[str, str]:
    out = {}
    num = c.number or ""
    d = digits(num)
    phone = is_phone_number(num)
    if len(d) >= 9 and phone:
        out["number prefix"] = d[:3]
        out["number pattern"] = re.sub(r"\d", "d", num)
        out["number ending"] = number_ending(d)
    elif len(d) >= 9:
        out["number pattern"] = re.sub(r"\d", "d", num)
    if c.saved:
        out["shown as"] = "saved name"
        out["saved name"] = name_kind(c.name)
    else:
        out["shown as"] = "phone number" if phone else "chat handle"
    return out


def message_features(text: str, app_look: str, lang: str) -> dict[str, str]:
    out = {"app": app_look}
    words = re.findall(r"[^\W\d_]+", text)
    if lang == "vi" and sum(len(w) for w in words) >= 8:
        out["accents"] = "with accents" if any(ch in VI_MARKS for ch in text.lower()) else "no accents"
    out["word in capitals"] = "yes" if any(len(w) >= 4 and w.isupper() for w in words) else "no"
    out["exclamation mark"] = "!!" if "!!" in text else "!" if "!" in text else "none"
    out["ellipsis"] = "yes" if ("..." in text or "…" in text) else "no"
    out["emoticon"] = "yes" if EMOTICON.search(text) else "no"
    return out


def email_features(address: str, display_name: str) -> dict[str, str]:
    """What the mail app shows of a sender at a glance: the address's last part, the kind of name."""
    domain = address.rsplit("@", 1)[1] if "@" in address else ""
    return {"address ending": domain.rsplit(".", 1)[-1].lower() if domain else "none",
            "display name": name_kind(display_name) if display_name else "none"}


def post_features(sponsored: bool, poster) -> dict[str, str]:
    """What the feed shows of a post at a glance: "Sponsored", the badge, the kind of page name."""
    return {"sponsored": "yes" if sponsored else "no",
            "verified badge": "yes" if poster is not None and poster.verified else "no",
            "page name": name_kind(poster.name) if poster is not None else "other"}


def units_of_scenario(scn: Scenario, shown: str, scam_of=None, answer_of=None) -> list[Unit]:
    """Senders and messages of one scenario (or quiz item scenario). `scam_of(contact)` and
    `answer_of(step)` override the labels for quizzes."""
    contacts = {c.id: c for c in scn.contacts}
    looks = {a.id: a.look for a in scn.apps}
    sms = next((a.id for a in scn.apps if a.kind == "sms"), "sms")

    def scam(cid, step):
        if answer_of is not None:
            return answer_of(step)
        c = contacts.get(cid)
        return bool(c and c.scammer)

    out: list[Unit] = []
    senders: dict[str, Unit] = {}
    for st in scn.steps:
        caller = None
        for ev in st.events:
            who = None
            if isinstance(ev, CallEvent):
                caller = who = ev.sender
            elif isinstance(ev, MessageEvent) and ev.sender != PLAYER:
                who = ev.sender
                if ev.text:
                    u = Unit("message", scam(who, st), shown, ev.where("text"),
                             message_features(ev.text, looks.get(ev.app or sms, "sms"), scn.source_language),
                             len(ev.text))
                    out.append(u)
            elif isinstance(ev, LineEvent):
                who = ev.speaker or caller
                if who and who != PLAYER:
                    out.append(Unit("message", scam(who, st), shown, ev.where("text"),
                                    message_features(ev.text, "call", scn.source_language), len(ev.text)))
            elif isinstance(ev, EmailEvent | PostEvent):
                # Not a sender unit: how a number or a saved name looks does not apply to them.
                poster = contacts.get(ev.sender)
                if isinstance(ev, EmailEvent):
                    address = ev.address or (poster.email if poster else None) or ""
                    feats = email_features(address, ev.display_name or (poster.name if poster else ""))
                    out.append(Unit("email", scam(ev.sender, st), shown, ev.where("sender"), feats))
                else:
                    out.append(Unit("post", scam(ev.sender, st), shown, ev.where("sender"),
                                    post_features(ev.sponsored, poster)))
                if ev.text:
                    look = "email" if isinstance(ev, EmailEvent) else "social"
                    out.append(Unit("message", scam(ev.sender, st), shown, ev.where("text"),
                                    message_features(ev.text, look, scn.source_language), len(ev.text)))
            if who and who != PLAYER and who in contacts and who not in senders:
                c = contacts[who]
                senders[who] = Unit("contact", scam(who, st), shown, c.where("number") or c.where("id"),
                                    contact_features(c), ref=who)
    return list(senders.values()) + out


def collect(scenarios: list[tuple[Scenario, str]], quizzes: list = ()) -> list[Unit]:
    units: list[Unit] = []
    for scn, shown in scenarios:
        units += units_of_scenario(scn, shown)
    for quiz, shown in quizzes:
        from .quiz import item_scenario

        scam_senders = {ev.sender for it in quiz.items if it.answer == "scam"
                        for ev in it.events if isinstance(ev, MessageEvent | CallEvent)}
        seen: set[str] = set()
        for it in quiz.items:
            scn = item_scenario(quiz, it)
            for u in units_of_scenario(scn, shown, answer_of=lambda _st, a=it.answer: a == "scam"):
                if u.kind == "contact":
                    if u.ref in seen:
                        continue
                    seen.add(u.ref)
                    u.scam = u.ref in scam_senders
                units.append(u)
    return units


@dataclass
class Shortcut:
    kind: str
    feature: str
    value: str
    side: str  # scam | genuine
    have: int
    on_side: int
    side_total: int
    first: Unit
    salient: bool = False


def shortcuts(units: list[Unit]) -> list[Shortcut]:
    """Every feature value that alone separates scam from genuine (see the module docstring)."""
    found: list[Shortcut] = []
    for kind in ("contact", "message", "email", "post"):
        us = [u for u in units if u.kind == kind]
        totals = {True: sum(u.scam for u in us), False: sum(not u.scam for u in us)}
        if min(totals.values()) < MIN_SUPPORT:
            continue
        preds: dict[tuple[str, str], list[Unit]] = {}
        for u in us:
            for feat, val in u.features.items():
                preds.setdefault((feat, val), []).append(u)
        lengths = sorted({u.length for u in us if u.length is not None})
        for t in lengths:
            preds[("length", f"at most {t} characters")] = [u for u in us if u.length is not None and u.length <= t]
            preds[("length", f"more than {t} characters")] = [u for u in us if u.length is not None and u.length > t]
        # Each feature is judged among the items it applies to (a number prefix among senders shown
        # with a phone number, accents among Vietnamese texts long enough to tell).
        domain: dict[str, dict[bool, int]] = {}
        for u in us:
            for feat in list(u.features) + (["length"] if u.length is not None else []):
                d = domain.setdefault(feat, {True: 0, False: 0})
                d[u.scam] += 1
        best: dict[tuple[str, bool], Shortcut] = {}
        for (feat, val), have in preds.items():
            sides = domain.get(feat, totals)
            salient = (feat, val) in SALIENT
            if salient:
                if len(have) < MIN_SALIENT:
                    continue
            elif len(have) < MIN_SUPPORT or min(sides.values()) < MIN_SUPPORT:
                continue
            for side in (True, False):
                n_side = sum(1 for u in have if u.scam == side)
                if n_side / len(have) >= PRECISION and (salient or n_side / sides[side] >= COVERAGE):
                    sc = Shortcut(kind, feat, val, "scam" if side else "genuine", len(have), n_side, sides[side],
                                  have[0], salient)
                    if feat != "length":
                        found.append(sc)
                    else:  # report the widest length threshold once per side, not every threshold
                        cur = best.get((feat, side))
                        if cur is None or sc.on_side > cur.on_side:
                            best[(feat, side)] = sc
        found += best.values()
    return found


def brand_clashes(names: list[tuple[str, str, Mark | None]], real: list[str]) -> list[tuple[str, str, str, Mark | None]]:
    """(name, real brand, path, mark) for every invented name within one edit of a real brand."""
    keys = {plain(r).replace(" ", ""): r for r in real}
    out = []
    seen = set()
    for name, shown, mark in names:
        for cand in _candidates(name):
            for key, brand in keys.items():
                close = osa(cand, key) <= 1 or one_swap(cand, key)
                if cand != key and len(key) >= 4 and close and (name, shown) not in seen:
                    seen.add((name, shown))  # one finding per name and file is enough
                    out.append((name, brand, shown, mark))
    return out


def _candidates(name: str) -> set[str]:
    """The whole name and each of its words/parts, squashed (for 'VietSa Bank' also 'vietsa')."""
    p = plain(name)
    parts = set(p.split()) | {p.replace(" ", "")}
    return {x for x in parts if len(x) >= 4}


def one_swap(a: str, b: str) -> bool:
    """b is a with two letters swapped, neighbours or not ("zola" for "zalo"): reads as a typo."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap two neighbours)."""
    if abs(len(a) - len(b)) > 1:
        return 2
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def brand_names(scn: Scenario, shown: str) -> list[tuple[str, str, Mark | None]]:
    out = [(a.name, shown, a.where("name")) for a in scn.apps if a.mark is not None and a.marks]
    out += [(c.name, shown, c.where("name")) for c in scn.contacts]
    for st in scn.steps:
        for ev in st.events:
            if isinstance(ev, NotificationEvent):
                out.append((ev.title, shown, ev.where("title")))
            if isinstance(ev, MessageEvent | EmailEvent | PostEvent) and ev.link:
                out += _host_parts(ev.link.url, shown, ev.link.where("url"))
            if isinstance(ev, PageEvent):
                out += _host_parts(ev.url, shown, ev.where("url"))
            if isinstance(ev, EmailEvent):
                if ev.display_name:
                    out.append((ev.display_name, shown, ev.where("display_name")))
                for name in ("address", "reply_to"):
                    if getattr(ev, name):
                        out += _host_parts(getattr(ev, name), shown, ev.where(name))
            if isinstance(ev, InstallEvent):
                out.append((ev.name, shown, ev.where("name")))
            qr = getattr(ev, "qr", None)
            if qr is not None and qr.url:
                out += _host_parts(qr.url, shown, qr.where("url"))
    for c in scn.contacts:
        if c.email:
            out += _host_parts(c.email, shown, c.where("email"))
        out += [(old, shown, c.where("former_names")) for old in c.former_names]
    return out


def _host_parts(address: str, shown: str, mark) -> list[tuple[str, str, Mark | None]]:
    """The words of a web or email address's domain (`ngan-hang-sen.example` → ngan, hang, sen, example)."""
    host = re.split(r"[/?#]", address.split("://")[-1])[0].rsplit("@", 1)[-1]
    return [(part, shown, mark) for part in re.split(r"[.\-]", host)]


def load_real_brands(path: Path = BRANDS_FILE) -> list[str]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    return [str(x) for x in (data or {}).get("brands", []) if x]


def tells_no_one(text: str) -> bool:
    """The words say the player keeps it to themselves (see SECRECY_PHRASES)."""
    p = plain(text)
    return any(rx.search(p) for rx in _SECRECY)


def secrecy_graded_safe(scenarios: list[tuple[Scenario, str]]) -> list[Diagnostic]:
    """LC603 for every `safe` choice whose text or `say` says the player tells no one."""
    out = []
    for scn, shown in scenarios:
        groups = [("help_actions", scn.help_actions)] + [(st.id, st.choices) for st in scn.steps]
        for where, choices in groups:
            for ch in choices:
                if ch.safety != "safe":
                    continue
                for field_name in ("text", "say"):
                    words = getattr(ch, field_name) or ""
                    if words and tells_no_one(words):
                        out.append(Diagnostic(shown, ch.where("safety"), "LC603",
                                              {"step": where, "choice": ch.id, "field": field_name}))
                        break
    return out


def check(scenarios: list[tuple[Scenario, str]], quizzes: list = (), real_brands: list[str] | None = None
          ) -> list[Diagnostic]:
    """LC601 for every shortcut, LC602 for every invented brand one edit from a real one, LC603 for
    every choice that keeps it secret and is graded safe."""
    diags = []
    for sc in shortcuts(collect(scenarios, quizzes)):
        what = {"contact": "senders", "message": "messages", "email": "emails", "post": "posts"}[sc.kind]
        args = {"feature": sc.feature, "value": sc.value, "side": sc.side, "what": what, "have": sc.have,
                "on_side": sc.on_side, "total": sc.side_total}
        if sc.salient:
            args["variant"] = "salient"
        diags.append(Diagnostic(sc.first.path, sc.first.mark, "LC601", args))
    real = load_real_brands() if real_brands is None else real_brands
    names = [n for scn, shown in scenarios for n in brand_names(scn, shown)]
    for quiz, shown in quizzes:
        names += [(c.name, shown, c.where("name")) for c in quiz.contacts]
        names += [(a.name, shown, a.where("name")) for a in quiz.apps]
    for name, brand, shown, mark in brand_clashes(names, real):
        diags.append(Diagnostic(shown, mark, "LC602", {"name": name, "brand": brand}))
    diags += secrecy_graded_safe(scenarios)
    return diags
