"""Checks on what format version 2 adds: the email, social, browser, camera and installer channels,
QR codes, web page blocks, `when:` on events, `{placeholders}` in text, and the choice effects
`page:` and `email:`. Called by validate.Checker.run; reports through the checker.
"""

from __future__ import annotations

import re
from collections import deque

from . import conditions as C
from . import placeholders as P
from .diagnostics import Mark
from .model import (
    BLOCK_KINDS,
    QR,
    EmailEvent,
    InstallEvent,
    MessageEvent,
    NotificationEvent,
    PageEvent,
    PostEvent,
    ScanEvent,
)
from .schema import ascii_id, did_you_mean

QR_MAX = 300  # characters a QR code may hold (the model's `payload` doc says so)
# One whole address: something, @, a domain with a dot; no spaces, one @.
EMAIL_RE = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# event class -> (type, app kind it needs, example app id, example app name in vi and en)
CHANNEL = {EmailEvent: ("email", "email", "mail", {"vi": "Thư", "en": "Mail"}),
           PostEvent: ("post", "social", "feed", {"vi": "Mạng xã hội", "en": "Feed"})}
SHOWS = {"email": "emails", "social": "posts"}


def check(ck) -> None:
    s = ck.scn
    apps = ck.apps
    variables = ck.variables
    for c in s.contacts:
        if c.email is not None:
            address(ck, c.email, c.where("email"), f"contacts.{c.id}.email")
    for step in s.steps:
        for ev in step.events:
            event(ck, step, ev, apps, variables)
    if (s.schema_version or 1) >= 2:  # in a version 1 file a brace is just a brace
        texts(ck, variables)
    blind_scan = any(isinstance(ev, ScanEvent) and ev.qr is None for st in s.steps for ev in st.events)
    effect = any(c.page or c.email for c in [*s.help_actions, *(c for st in s.steps for c in st.choices)])
    if blind_scan or effect:  # the path analysis only when something needs it (version 1 files never do)
        preds = _preds(s)
        before = _before(s, preds)
        scans(ck, before)
        effects(ck, preds, before)


def address(ck, value, mark, what) -> None:
    if value is not None and not EMAIL_RE.match(value):
        ck.add("LC123", mark, field=what, value=value)


def event(ck, step, ev, apps, variables) -> None:
    where = f"{step.id}.{ev.id}"
    contacts = ck.contact_ids
    if ev.when is not None:  # the same checks as a choice's condition
        for cmp in C.variables_in(ev.when):
            ck.var(cmp.var, cmp.value, variables, cmp.mark)
        for vis in C.visits_in(ev.when):
            ck.ref(vis.step, ck.node_ids, "visited", vis.mark)
    if isinstance(ev, MessageEvent):
        app = apps.get(ev.app)
        if app is not None and app.kind in SHOWS:
            ck.add("LC210", ev.where("app"), event=where, app=ev.app, kind=app.kind, shows=SHOWS[app.kind],
                   variant="message")
        qr(ck, ev.qr)
    elif isinstance(ev, NotificationEvent):
        if ev.image:
            ck.asset(ev.image, ev.where("image"))
    elif isinstance(ev, EmailEvent | PostEvent):
        type_, want, example, name = CHANNEL[type(ev)]
        if ev.app is not None:
            app = apps.get(ev.app)
            if app is None:
                ck.ref(ev.app, [a for a, v in apps.items() if v.kind == want] or apps, "app", ev.where("app"))
            elif app.kind != want:
                ck.add("LC210", ev.where("app"), event=where, type=type_, app=ev.app, kind=app.kind, want=want)
        elif not any(a.kind == want for a in apps.values()):
            ck.add("LC211", ev.where("type"), event=where, type=type_, want=want, example=example,
                   name=name.get(ck.scn.source_language, name["vi"]))
        ck.ref_at(ev.sender, contacts, "from", ev, "sender")
        if ev.image:
            ck.asset(ev.image, ev.where("image"))
        if ev.link and ev.link.image:
            ck.asset(ev.link.image, ev.link.where("image"))
        qr(ck, ev.qr)
        if isinstance(ev, EmailEvent):
            sender = ck.scn.contact(ev.sender)
            if ev.address is None and sender is not None and sender.email is None:
                # the address is where a look-alike sender shows: a mail without one hides the clue
                ck.add("LC311", ev.where("sender"), event=where, contact=ev.sender)
            address(ck, ev.address, ev.where("address"), f"{where}.address")
            address(ck, ev.reply_to, ev.where("reply_to"), f"{where}.reply_to")
        else:
            for cm in ev.comments:
                ck.ref_at(cm.sender, ck.speaker_ids, "from", cm, "sender")
    elif isinstance(ev, PageEvent):
        page(ck, ev)
    elif isinstance(ev, ScanEvent):
        qr(ck, ev.qr)
    elif isinstance(ev, InstallEvent) and ev.icon:
        ck.asset(ev.icon, ev.where("icon"))


def qr(ck, code: QR | None) -> None:
    if code is None:
        return
    if code.payload and len(code.payload) > QR_MAX:
        ck.add("LC118", code.where("payload"), length=len(code.payload), limit=QR_MAX)
    if code.shows == "transfer":
        missing = [k for k in ("name", "account") if not getattr(code, k)]
        if missing:
            ck.add("LC119", code.where("shows"), shows="transfer", missing=" + ".join(f"`{k}:`" for k in missing),
                   variant="transfer")
    elif code.shows in ("link", "app") and not code.url:
        ck.add("LC119", code.where("shows"), shows=code.shows, missing="url")


def page(ck, ev: PageEvent) -> None:
    if not ev.blocks and "blocks" not in getattr(ev, "refused", ()):
        ck.add("LC120", ev.where("id"), id=ev.id)
    for b in ev.blocks:
        kinds = [k for k in BLOCK_KINDS if getattr(b, k, None)]
        if not kinds:
            ck.add("LC121", b.where(""), variant="none")
            continue
        if len(kinds) > 1:
            ck.add("LC121", b.where(kinds[1]), count=len(kinds), found=", ".join(f"`{k}:`" for k in kinds))
        elif "input" in b.marks and kinds[0] != "field":
            ck.add("LC121", b.where("input"), kind=f"`{kinds[0]}:`", variant="input")
        if b.image:
            ck.asset(b.image, b.where("image"))


def texts(ck, variables) -> None:
    """Each `{name}` names a declared number variable; no brace is left unpaired."""
    for item in ck.texts:
        src = item.source
        if "{" not in src and "}" not in src:
            continue
        outside = _outside_play(ck.scn.id, item.key)
        for name in P.names(src):
            var = variables.get(name)
            if var is not None and var.type != "bool" and not outside:
                continue  # a number variable, in a text shown during play: fine
            mark = ck._written_at(item.mark, "{" + name + "}")
            if var is None and not P.NAME_RE.match(name):
                plain = name.strip()
                guess = plain if P.NAME_RE.match(plain) else ascii_id(plain) if plain else None
                if guess in variables:
                    fix = f"`{{{guess}}}`"
                elif guess:
                    fix = f"`{{{guess}}}`, declared as `- {{id: {guess}, type: money, default: 0}}`"
                else:
                    fix = "`{so_tien}`"
                ck.add("LC212", mark, name=name, fix=fix, variant="name")
            elif var is None:
                ck.add("LC212", mark, name=name, hint=did_you_mean(name, variables) if name else None)
            elif var.type == "bool":
                ck.add("LC212", mark, name=name, variant="bool")
            elif outside:
                ck.add("LC212", mark, name=name, field=outside, variant="outside")
        at = _stray(src)
        if at is not None:
            ck.add("LC122", _stray_mark(ck, item.mark, src, at), brace=src[at])


# Texts shown where no story is playing (the scenario card) or that name something (a contact, an
# app, the player): no value to show there. Keys as texts.iter_texts makes them: scn/title, scn/contact/…
_OUTSIDE = {"title": "title", "summary": "summary", "content_warnings": "content_warnings",
            "contact": "contacts", "app": "apps", "player": "player"}


def _outside_play(sid: str, key: str) -> str | None:
    parts = key.split("/")
    return _OUTSIDE.get(parts[1]) if len(parts) > 1 and parts[0] == sid else None


def _stray(src: str) -> int | None:
    """Index of the first brace that is neither part of a placeholder nor an escaped `{{`/`}}`."""
    taken = set()
    for m in P.PLACEHOLDER_RE.finditer(src):
        taken.update(range(m.start(), m.end()))
    return next((i for i, ch in enumerate(src) if ch in "{}" and i not in taken), None)


def _stray_mark(ck, mark: Mark | None, src: str, at: int) -> Mark | None:
    """Where the stray brace is written: found by the plain text around it, else the text's start."""
    tail = re.split(r"[\"'\\\n]", src[at:], maxsplit=1)[0][:12]
    found = ck._written_at(mark, tail) if tail else mark
    if found is not None and mark is not None and found != mark:
        return found
    head = re.split(r"[\"'\\\n]", src[:at + 1][::-1], maxsplit=1)[0][::-1][-12:]
    found = ck._written_at(mark, head) if head else mark
    if found is not None and mark is not None and found != mark:
        return Mark(found.line, found.col + len(head) - 1)
    return mark


def _preds(scn) -> dict[str, set[str]]:
    """Step id -> the steps with a choice (or timeout) leading straight to it."""
    from .validate import step_targets

    preds: dict[str, set[str]] = {}
    for st in scn.steps:
        for t in step_targets(scn, st):
            preds.setdefault(t, set()).add(st.id)
    return preds


def _before(scn, preds) -> dict[str, set[str]]:
    """Step id -> the steps some path plays before it (its ancestors, itself only if in a loop)."""
    out = {}
    for st in scn.steps:
        seen: set[str] = set()
        queue = deque(preds.get(st.id, ()))
        while queue:
            n = queue.popleft()
            if n not in seen:
                seen.add(n)
                queue.extend(preds.get(n, ()))
        out[st.id] = seen
    return out


def _shows_qr(ev) -> bool:
    return getattr(ev, "qr", None) is not None


def scans(ck, before) -> None:
    s = ck.scn
    shown_before = {st.id: any(_shows_qr(ev) for sid in before[st.id] for ev in s.step(sid).events)
                    for st in s.steps}
    for st in s.steps:
        shown = shown_before[st.id]
        for ev in st.events:
            if isinstance(ev, ScanEvent) and ev.qr is None and not shown:
                ck.add("LC308", ev.where("id"), id=ev.id)
            shown = shown or _shows_qr(ev)


def effects(ck, preds, before) -> None:
    """`page:` needs a page open (this step or one just before); `email:` an email shown on the way."""
    s = ck.scn

    def has(step_ids, cls) -> bool:
        return any(isinstance(ev, cls) for sid in step_ids for ev in s.step(sid).events)

    reported: set[tuple] = set()
    for st in s.steps:
        for c in s.offered_choices(st):
            if c.page and (c.id, "page") not in reported and not has({st.id} | preds.get(st.id, set()), PageEvent):
                reported.add((c.id, "page"))
                ck.add("LC309", c.where("page"), id=c.id, effect=c.page, step=st.id)
            if c.email and (c.id, "email") not in reported and not has({st.id} | before[st.id], EmailEvent):
                reported.add((c.id, "email"))
                ck.add("LC310", c.where("email"), id=c.id, effect=c.email, step=st.id)
