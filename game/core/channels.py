"""The phone's other channels, as the engine holds them: email, the social feed, web pages,
QR scans and app installs (format version 2).

Each `land_*` turns a scenario event into what the phone shows, with texts keyed like every
other event text (`scn/step/event/subject`, `…/blocks/2/button`, `…/qr/name`). Views draw these
objects and never change them; only the engine does (a choice's `page:` or `email:` effect).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import BLOCK_KINDS, EmailEvent, InstallEvent, PageEvent, PostEvent, ScanEvent
from .texts import Text


@dataclass
class QRCode:
    key: str  # text key prefix, e.g. scn/step/event/qr
    payload: str  # what the code encodes; the image is drawn from it
    shows: str  # transfer, link or app
    name: Text | None
    bank: Text | None
    account: str | None
    personal: bool
    amount: int | None
    url: str | None


@dataclass
class LinkCard:
    url: str
    title: Text
    text: Text | None
    image: str | None


@dataclass
class Attachment:
    name: str
    size: str | None


@dataclass
class Email:
    id: str  # the event key
    app: str
    sender: str  # contact id
    display_name: Text | None  # None: the contact's name
    address: str | None
    reply_to: str | None
    subject: Text
    text: Text | None
    attachments: list[Attachment]
    image: str | None
    link: LinkCard | None
    qr: QRCode | None
    at: float
    flags: list[str]
    folder: str = "inbox"  # inbox, spam or trash (a choice's `email:` effect moves it)


@dataclass
class PostComment:
    sender: str
    text: Text


@dataclass
class Post:
    id: str
    app: str
    sender: str
    text: Text | None
    image: str | None
    link: LinkCard | None
    qr: QRCode | None
    sponsored: bool
    likes: int
    shares: int
    comments: list[PostComment]
    at: float
    flags: list[str]


@dataclass
class PageBlock:
    kind: str  # heading, text, image, field or button
    text: Text | None  # heading, paragraph, field label or button label
    image: str | None = None
    input: str = "text"  # field: text, password, otp or number


@dataclass
class Page:
    id: str
    url: str
    title: Text
    secure: bool
    blocks: list[PageBlock]
    at: float
    flags: list[str]
    filled: bool = False  # the player chose to type into its fields
    closed: bool = False


@dataclass
class Scan:
    id: str
    qr: QRCode | None  # None: the story scanned before showing any code (lint warns)
    at: float
    flags: list[str]


@dataclass
class Install:
    id: str
    screen: str  # install or permissions
    name: Text
    publisher: Text | None
    source: str | None
    size: str | None
    icon: str | None
    permissions: list[str]
    at: float
    flags: list[str]


def qr_code(engine, key: str, qr) -> QRCode:
    return QRCode(key, qr.payload, qr.shows, engine.text_now(f"{key}/name", qr.name),
                  engine.text_now(f"{key}/bank", qr.bank), qr.account, qr.personal, qr.amount, qr.url)


def _link(engine, key: str, link) -> LinkCard | None:
    if link is None:
        return None
    return LinkCard(link.url, engine.text_now(f"{key}/link/title", link.title),
                    engine.text_now(f"{key}/link/text", link.text), link.image)


def _block(engine, key: str, b) -> PageBlock:
    kind = next((k for k in BLOCK_KINDS if getattr(b, k, None)), "text")
    if kind == "image":
        return PageBlock("image", None, image=b.image)
    return PageBlock(kind, engine.text_now(f"{key}/{kind}", getattr(b, kind)), input=b.input)


def land_channel(engine, ev, key: str):
    """Apply one email, post, page, scan or install event; returns the Happening."""
    from .engine import Happening

    phone, scn, now, flags = engine.phone, engine.scn, engine.time, list(ev.flags)
    if isinstance(ev, EmailEvent):
        app = ev.app or next(a.id for a in scn.apps if a.kind == "email")
        contact = scn.contact(ev.sender)
        qr = qr_code(engine, f"{key}/qr", ev.qr) if ev.qr else None
        mail = Email(key, app, ev.sender, engine.text_now(f"{key}/display_name", ev.display_name),
                     ev.address or (contact.email if contact else None), ev.reply_to,
                     engine.text_now(f"{key}/subject", ev.subject), engine.text_now(f"{key}/text", ev.text),
                     [Attachment(a.name, a.size) for a in ev.attachments], ev.image, _link(engine, key, ev.link),
                     qr, now, flags)
        phone.emails.append(mail)
        phone.qr_shown = qr or phone.qr_shown
        if not (phone.call and phone.call.live):
            phone.focus = ("email", app, key)
        return Happening("email", mail)
    if isinstance(ev, PostEvent):
        app = ev.app or next(a.id for a in scn.apps if a.kind == "social")
        qr = qr_code(engine, f"{key}/qr", ev.qr) if ev.qr else None
        post = Post(key, app, ev.sender, engine.text_now(f"{key}/text", ev.text), ev.image,
                    _link(engine, key, ev.link), qr, ev.sponsored, ev.likes, ev.shares,
                    [PostComment(c.sender, engine.text_now(f"{key}/comments/{i}/text", c.text))
                     for i, c in enumerate(ev.comments)], now, flags)
        phone.posts.append(post)
        phone.qr_shown = qr or phone.qr_shown
        if not (phone.call and phone.call.live):
            phone.focus = ("feed", app)
        return Happening("post", post)
    if isinstance(ev, PageEvent):
        page = Page(key, ev.url, engine.text_now(f"{key}/title", ev.title), ev.secure,
                    [_block(engine, f"{key}/blocks/{i}", b) for i, b in enumerate(ev.blocks)], now, flags)
        phone.pages.append(page)
        phone.focus = ("page", key)
        return Happening("page", page)
    if isinstance(ev, ScanEvent):
        qr = qr_code(engine, f"{key}/qr", ev.qr) if ev.qr else phone.qr_shown
        scan = Scan(key, qr, now, flags)
        phone.scans.append(scan)
        phone.focus = ("scan", key)
        return Happening("scan", scan)
    if isinstance(ev, InstallEvent):
        inst = Install(key, ev.screen, engine.text_now(f"{key}/name", ev.name),
                       engine.text_now(f"{key}/publisher", ev.publisher), ev.source, ev.size, ev.icon,
                       list(ev.permissions), now, flags)
        phone.installs.append(inst)
        phone.focus = ("install", key)
        return Happening("install", inst)
    raise AssertionError(f"unknown event {ev!r}")


def apply_channel_effects(phone, choice) -> None:
    """A choice's effect on the open web page or email."""
    if choice.page and phone.pages:
        page = phone.pages[-1]
        if choice.page == "fill":
            page.filled = True
        else:
            page.closed = True
    if choice.email and phone.emails:
        focus = phone.focus
        mail = next((m for m in phone.emails if focus[:1] == ("email",) and m.id == focus[-1]), phone.emails[-1])
        mail.folder = "spam" if choice.email == "spam" else "trash"
