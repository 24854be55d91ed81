"""The scenario model: plain dataclasses whose field metadata *is* the schema.

Each field's metadata gives its kind (see `schema.py`), whether it is required, whether
it is translatable text, and a one-line description used for docs and the JSON Schema.
`Event` subclasses are chosen by their `type:` value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Mark

SCHEMA_VERSION = 2  # version 1 files load unchanged: everything version 2 adds is optional
PLAYER = "player"  # reserved sender id for the player's own messages


def f(kind, *, required=False, default=None, doc="", **opts):
    meta = {"kind": kind, "required": required, "doc": doc, **opts}
    if isinstance(default, list | dict):
        return field(default_factory=lambda d=default: type(d)(d), metadata=meta)
    return field(default=default, metadata=meta)


def internal():
    return field(default=None, repr=False, compare=False, metadata={"internal": True})


def marks():
    return field(default_factory=dict, repr=False, compare=False, metadata={"internal": True})


@dataclass
class Node:
    """Base: where the record starts and where each of its fields was written."""

    mark: Mark | None = internal()  # may hold a raw YAML mark until `where` converts it
    marks: dict[str, Mark] = marks()

    def where(self, name: str) -> Mark | None:
        """Where a field was written (or the record itself), as a 1-based Mark."""
        m = self.marks.get(name) or self.mark
        if m is None or isinstance(m, Mark):
            return m
        return Mark(m.line + 1, m.column + 1)  # a raw YAML mark, converted only when needed


AUTHOR = {"note": "Author-only note; passed to translators as a comment.", "todo": "Author-only reminder; lint lists it as info."}


@dataclass
class Player(Node):
    name: str = f("text", required=True, doc="The player's display name.")
    number: str | None = f("str", phone=True, doc="The player's phone number (fictional), a handle or an email.")
    avatar: str | None = f("path", doc="Image file, relative to the scenario file.")


@dataclass
class Contact(Node):
    id: str = f("id", required=True, doc="Stable id, used in `from:` and `thread:`.")
    name: str = f("text", required=True, doc="Name as saved in the phone (shown only if `saved`).")
    number: str | None = f("str", phone=True, doc="Phone number, handle or email shown when the contact is unknown.")
    saved: bool = f("bool", default=False, doc="Is the contact saved in the player's phone?")
    avatar: str | None = f("path", doc="Image file, relative to the scenario file.")
    scammer: bool = f("bool", default=False, doc="Author-only: a scammer, or an account a scammer has taken over. `lint --pack` checks that nothing on the surface gives such contacts away.")
    email: str | None = f("str", doc="Email address (fictional), shown in full in the mail app; an `email` event may show another.")
    verified: bool = f("bool", default=False, doc="Social app: the page or person has the verified badge (which anyone can imitate in a name or picture).")
    created: str | None = f("date", doc="Social app, 'About this page': the date the page was created, YYYY-MM-DD.")
    former_names: list[str] = f("texts", default=[], doc="Social app, 'About this page': the page's earlier names, oldest first.")
    about: str | None = f("text", doc="Social app, 'About this page': the page's own description.")
    note: str | None = f("str", doc=AUTHOR["note"])


@dataclass
class App(Node):
    id: str = f("id", required=True, doc="Stable id, used in `app:`.")
    kind: str = f("enum", required=True, values=("sms", "chat", "email", "social"), doc="`sms` for Messages, `chat` for a chat app, `email` for a mail app, `social` for a social feed. The browser and the camera are always on the phone.")
    name: str = f("text", required=True, doc="App name shown on the home screen.")
    look: str = f("enum", default="generic", values=("sms", "zalo", "messenger", "generic"), doc="Colour scheme of the app.")
    note: str | None = f("str", doc=AUTHOR["note"])


@dataclass
class Variable(Node):
    id: str = f("id", required=True, doc="Variable name, used in conditions, `set:` and `add:`.")
    type: str = f("enum", required=True, values=("bool", "int", "money"), doc="`bool`, `int`, or `money` (a whole number of đồng, shown as 500.000đ in Vietnamese and 500,000 VND in English).")
    default: Any = f("scalar", required=True, doc="Starting value: true/false or a whole number.")
    note: str | None = f("str", doc=AUTHOR["note"])


@dataclass
class Link(Node):
    url: str = f("str", required=True, doc="The address shown to the player (fake, never opened).")
    title: str = f("text", required=True, doc="Page title in the preview card.")
    text: str | None = f("text", doc="Preview description.")
    image: str | None = f("path", doc="Preview image or a screenshot of the fake page.")


# What a malicious app asks for (the installer names each in the player's language).
PERMISSIONS = ("accessibility", "read_sms", "screen_share", "overlay", "contacts", "install_apps",
               "notifications", "camera", "microphone", "location", "storage")


@dataclass
class QR(Node):
    payload: str = f("str", required=True, doc="What the code encodes (at most 300 characters): a fake address, or a transfer's details. The image is drawn from it.")
    shows: str = f("enum", required=True, values=("transfer", "link", "app"), doc="What a scan reveals: a bank `transfer`, a `link`, or an `app` download.")
    name: str | None = f("text", doc="transfer: the account holder's name as the bank shows it; app: the app's name.")
    bank: str | None = f("text", doc="transfer: the bank (fictional).")
    account: str | None = f("str", doc="transfer: the account number (fictional).")
    personal: bool = f("bool", default=True, doc="transfer: a personal account, not an organisation's; a scan says so.")
    amount: int | None = f("int", min=0, doc="transfer: the amount filled in, in đồng.")
    url: str | None = f("str", doc="link or app: the address the code opens (fake, never opened).")


@dataclass
class Attachment(Node):
    name: str = f("str", required=True, doc="File name as shown on the chip, e.g. `Bien_ban_vi_pham.pdf.apk`.")
    size: str | None = f("str", doc="Size as shown, e.g. `2,4 MB`.")


@dataclass
class Comment(Node):
    sender: str = f("id", required=True, key="from", doc="Contact id of who commented.")
    text: str = f("text", required=True, doc="The comment.")


@dataclass
class PageBlock(Node):
    """One block of a web page: exactly one of its fields."""

    heading: str | None = f("text", doc="A heading.")
    text: str | None = f("text", doc="A paragraph.")
    image: str | None = f("path", doc="An image (no words in it: text goes in `text:`).")
    field: str | None = f("text", doc="An input field's label; `input:` says what it takes.")
    input: str = f("enum", default="text", values=("text", "password", "otp", "number"), doc="With `field:`: what the field takes; `password` and `otp` show as dots once filled.")
    button: str | None = f("text", doc="A button's label.")


# A page block's kinds: exactly one of these fields is set (`input:` only qualifies `field:`).
BLOCK_KINDS = ("heading", "text", "image", "field", "button")


@dataclass
class Event(Node):
    id: str = f("id", required=True, doc="Stable id, unique within the step.")
    type: str = f("enum", required=True, values=("message", "notification", "call", "line", "call_end", "email", "post", "page", "scan", "install"), doc="What happens.")
    when: Any = f("condition", doc="Play this event only when the condition holds (checked as the step starts); otherwise it and its delay are skipped.")
    delay: float = f("number", default=0, min=0, max=600, doc="Seconds after the previous event (or the step start).")
    flags: list[str] = f("ids", default=[], doc="Red flags shown by this event (ids from red_flags.yaml).")
    note: str | None = f("str", doc=AUTHOR["note"])
    todo: str | None = f("str", doc=AUTHOR["todo"])


@dataclass
class MessageEvent(Event):
    app: str | None = f("id", doc="App id. Defaults to the first `sms` app.")
    sender: str = f("id", required=True, key="from", doc="Contact id, or `player` for the player's own message.")
    thread: str | None = f("id", doc="Contact id of the conversation. Defaults to `from`.")
    text: str | None = f("text", doc="Message text.")
    image: str | None = f("path", doc="An image in the bubble.")
    link: Link | None = f(Link, doc="A link with a preview card.")
    qr: QR | None = f(QR, doc="A QR code in the bubble; the player can scan it.")
    typing: float = f("number", default=0, min=0, max=60, doc="Seconds of '… is typing' before the message lands.")


@dataclass
class NotificationEvent(Event):
    style: str = f("enum", default="system", values=("system", "bank", "otp", "app", "install"), doc="Banner style.")
    app: str | None = f("id", doc="App id the banner belongs to, if any.")
    title: str = f("text", required=True, doc="Banner title, e.g. the bank's name.")
    text: str | None = f("text", doc="Banner text.")
    image: str | None = f("path", doc="A picture in the notification (no words in it).")


@dataclass
class CallEvent(Event):
    sender: str = f("id", required=True, key="from", doc="Contact id of the caller.")
    app: str | None = f("id", doc="Chat app id for an in-app call; omit for an ordinary phone call.")
    video: bool = f("bool", default=False, doc="A video call.")
    image: str | None = f("path", doc="Video image shown while connected.")
    bad_connection: bool = f("bool", default=False, doc="A poor connection: the picture goes soft, tears and hides the face; a 'Poor connection' label.")
    ring: float = f("number", default=20, min=1, max=120, doc="Seconds it rings before it shows as missed.")
    audio: str | None = f("path", doc="Optional ringtone or audio file.")


@dataclass
class LineEvent(Event):
    text: str = f("text", required=True, doc="What is said, shown as a caption.")
    speaker: str | None = f("id", doc="Contact id, or `player`. Defaults to the caller.")
    audio: str | None = f("path", doc="Optional voice recording.")


@dataclass
class CallEndEvent(Event):
    pass


@dataclass
class EmailEvent(Event):
    app: str | None = f("id", doc="Email app id. Defaults to the first `email` app.")
    sender: str = f("id", required=True, key="from", doc="Contact id of the sender.")
    display_name: str | None = f("text", doc="The name the sender chose to show. Defaults to the contact's name.")
    address: str | None = f("str", doc="The sender's full address. Defaults to the contact's `email:`. Shown whole; when too long, its end (the domain) is kept.")
    reply_to: str | None = f("str", doc="A different Reply-To address, shown in the message header.")
    subject: str = f("text", required=True, doc="Subject line.")
    text: str | None = f("text", doc="The message body.")
    attachments: list[Attachment] = f([Attachment], default=[], doc="Files attached, shown as chips.")
    image: str | None = f("path", doc="An image in the body.")
    link: Link | None = f(Link, doc="A link in the body.")
    qr: QR | None = f(QR, doc="A QR code in the body.")


@dataclass
class PostEvent(Event):
    app: str | None = f("id", doc="Social app id. Defaults to the first `social` app.")
    sender: str = f("id", required=True, key="from", doc="Contact id of the page or person posting.")
    text: str | None = f("text", doc="The post.")
    image: str | None = f("path", doc="A picture in the post (no words in it).")
    link: Link | None = f(Link, doc="A link in the post.")
    qr: QR | None = f(QR, doc="A QR code in the post.")
    sponsored: bool = f("bool", default=False, doc="Shown as 'Sponsored' (a paid advert).")
    likes: int = f("int", default=0, min=0, doc="Like count shown.")
    shares: int = f("int", default=0, min=0, doc="Share count shown.")
    comments: list[Comment] = f([Comment], default=[], doc="Comments under the post, in order.")


@dataclass
class PageEvent(Event):
    url: str = f("str", required=True, doc="The full address in the browser's URL bar (fake, never opened).")
    title: str = f("text", required=True, doc="The page's title (the browser tab).")
    secure: bool = f("bool", default=True, doc="Show the lock icon (https). Scam pages usually have it too.")
    blocks: list[PageBlock] = f([PageBlock], default=[], doc="The page, top to bottom: headings, text, images, input fields, buttons.")


@dataclass
class ScanEvent(Event):
    qr: QR | None = f(QR, doc="The code the camera scans. Omit to scan the last QR code the story showed.")


@dataclass
class InstallEvent(Event):
    screen: str = f("enum", default="install", values=("install", "permissions"), doc="`install`: the installation screen; `permissions`: the app asks for permissions.")
    name: str = f("text", required=True, doc="The app's name as the installer shows it.")
    publisher: str | None = f("text", doc="Who the installer says made it.")
    source: str | None = f("str", doc="Where the file came from: an address or a file name (`VNeID_2026.apk`).")
    size: str | None = f("str", doc="Size as shown, e.g. `18 MB`.")
    icon: str | None = f("path", doc="The app's icon.")
    permissions: list[str] = f("enum_list", default=[], values=PERMISSIONS, doc="permissions screen: what the app asks for.")


EVENT_TYPES: dict[str, type[Event]] = {
    "message": MessageEvent,
    "notification": NotificationEvent,
    "call": CallEvent,
    "line": LineEvent,
    "call_end": CallEndEvent,
    "email": EmailEvent,
    "post": PostEvent,
    "page": PageEvent,
    "scan": ScanEvent,
    "install": InstallEvent,
}


@dataclass
class Branch(Node):
    when: Any = f("condition", key="if", doc="Condition; omit on the last branch (the default).")
    go: str = f("id", required=True, doc="Step or ending id.")


@dataclass
class Consequence(Node):
    kind: str = f("enum", required=True, values=("money", "info", "account", "device", "safety"), doc="What was lost.")
    text: str = f("text", required=True, doc="What happened, in a short sentence.")
    amount: int | None = f("int", min=0, doc="Money lost, in đồng (kind: money).")


@dataclass
class Choice(Node):
    id: str = f("id", required=True, doc="Stable id, unique within the step.")
    text: str = f("text", required=True, doc="The button label.")
    say: str | None = f("text", doc="What the player sends or says, if anything.")
    safety: str = f("enum", required=True, values=("safe", "risky", "unsafe", "neutral"), doc="How safe the choice is. `neutral` choices are not scored.")
    score: int | None = f("int", min=-10, max=10, doc="Points (-10 to 10). Required unless neutral.")
    flags: list[str] = f("ids", default=[], doc="Red flags this choice responds to (spotted).")
    explanation: str | None = f("text", doc="Why it is safe or not. Required unless neutral.")
    next: Any = f("next", required=True, doc="Step or ending id, or a list of `if:`/`go:` branches.")
    when: Any = f("condition", doc="Offer this choice only when the condition holds.")
    set: dict = f("assignments", default={}, doc="Variables to set: `{name: value}`.")
    add: dict = f("assignments", default={}, ints_only=True, doc="Numbers to add: `{name: amount}`.")
    consequences: list[Consequence] = f([Consequence], default=[], doc="What the player lost.")
    call: str | None = f("enum", values=("accept", "decline", "hang_up", "dial"), doc="Effect on the phone call.")
    page: str | None = f("enum", values=("fill", "close"), doc="Effect on the open web page: `fill` types into its fields (what the player chose to enter), `close` leaves it.")
    email: str | None = f("enum", values=("spam", "delete"), doc="Effect on the open email: mark it as spam, or delete it.")
    dial: str | None = f("id", doc="With `call: dial`: the contact the player calls.")
    help: bool = f("bool", default=False, doc="A help action (hang up, call a parent, call 113, tell a teacher).")
    note: str | None = f("str", doc=AUTHOR["note"])
    todo: str | None = f("str", doc=AUTHOR["todo"])

    @property
    def targets(self) -> list[str]:
        """Every step or ending `next` can lead to, whatever the branch conditions."""
        if isinstance(self.next, str):
            return [self.next]
        return [b.go for b in self.next or [] if b.go]


TIMED_OUT = "(timeout)"  # the decision log's choice id when time ran out: no choice was made


@dataclass
class Timeout(Node):
    """A decision timer. Running out never chooses for the player: the story moves on as if the
    player had not answered (the scammer pushes again, the call drops, the offer expires)."""

    # Keys of an older format, refused with a diagnostic that explains the fix.
    retired = {"choice": "LC320"}

    after: float = f("number", required=True, min=3, max=300, doc="Seconds the player has to decide.")
    go: str = f("id", required=True, doc="Step or ending where the story goes on when the player has not answered (never a choice: running out of time decides nothing).")
    text: str | None = f("text", doc="What happens when nobody answers, shown on the card (e.g. 'He hangs up and calls again').")
    lesson: bool = f("bool", default=False, doc="The pressure is part of this step's lesson: the timer runs unless the player switched timers off. Otherwise it runs only with 'Decision timers: All'.")


@dataclass
class Step(Node):
    id: str = f("id", required=True, doc="Stable id, unique among steps and endings.")
    events: list[Event] = f([Event], default=[], doc="What happens on the phone, in order.")
    choices: list[Choice] = f([Choice], default=[], doc="What the player can do.")
    help: list[str] = f("ids", default=[], doc="Help actions (from `help_actions:`) offered here.")
    no_help: str | None = f("str", doc="Author-only: why no help action fits this step.")
    timeout: Timeout | None = f(Timeout, doc="Optional decision timer; when it runs out the story goes to `go:` and nothing is chosen.")
    discuss: str | None = f("text", doc="Classroom mode: a question for the class.")
    genuine: bool = f("bool", default=False, doc="The step is about a real (not scam) message or call; over-suspicion here is measured.")
    note: str | None = f("str", doc=AUTHOR["note"])
    todo: str | None = f("str", doc=AUTHOR["todo"])


@dataclass
class Ending(Node):
    id: str = f("id", required=True, doc="Stable id, unique among steps and endings.")
    outcome: str = f("enum", required=True, values=("safe", "harmed", "scammed"), doc="How it ended.")
    title: str = f("text", required=True, doc="Ending headline.")
    debrief: str = f("text", required=True, doc="What happened and why.")
    advice: list[str] = f("texts", default=[], doc="Real-world advice, one item each.")
    hotlines: list[str] = f("ids", default=[], doc="Hotline ids from hotlines.yaml.")
    note: str | None = f("str", doc=AUTHOR["note"])
    todo: str | None = f("str", doc=AUTHOR["todo"])


@dataclass
class Scenario(Node):
    schema_version: int = f("int", required=True, min=1, max=SCHEMA_VERSION, doc="Format version: 2 (files written for version 1 load unchanged; `python main.py migrate` updates them).")
    id: str = f("id", required=True, doc="Stable id, unique in the pack; also the file name.")
    version: int = f("int", default=1, min=1, doc="Content version; bump when choices change.")
    source_language: str = f("enum", required=True, values=("vi", "en"), doc="Language the text is written in.")
    title: str = f("text", required=True, doc="Title on the scenario card.")
    summary: str = f("text", required=True, doc="One or two sentences for the card.")
    audience: str = f("enum", default="student", values=("student", "parent"), doc="Who plays it.")
    difficulty: int = f("int", required=True, min=1, max=5, doc="1 (easiest) to 5 (hardest).")
    minutes: int = f("int", required=True, min=1, max=60, doc="Estimated minutes to play.")
    clock: str | None = f("time", doc="The phone's clock when the story starts, HH:MM (default 20:14).")
    lock_screen: bool = f("bool", default=False, doc="Start on the lock screen (the clock and each notification in full) instead of the home screen; the player unlocks the phone to read on.")
    tags: list[str] = f("ids", default=[], doc="Topic tags.")
    content_warnings: list[str] = f("texts", default=[], doc="Shown before play.")
    note: str | None = f("str", doc=AUTHOR["note"])
    todo: str | None = f("str", doc=AUTHOR["todo"])
    player: Player = f(Player, required=True, doc="Who the player is.")
    contacts: list[Contact] = f([Contact], default=[], doc="People in the story.")
    apps: list[App] = f([App], default=[], doc="Apps on the phone. Messages is added if no `sms` app is declared.")
    variables: list[Variable] = f([Variable], default=[], doc="Declared variables.")
    help_actions: list[Choice] = f([Choice], default=[], doc="Reusable help choices, offered by steps' `help:`.")
    start: str | None = f("id", doc="First step id. Defaults to the first step.")
    steps: list[Step] = f([Step], required=True, doc="The steps.")
    endings: list[Ending] = f([Ending], required=True, doc="The endings.")

    # Filled by the loader, not written by authors.
    path: str = internal()

    def __post_init__(self):
        self.path = self.path or ""

    @property
    def clock_minutes(self) -> int:
        """The story's start time in minutes after midnight."""
        if self.clock:
            hours, minutes = self.clock.split(":")
            return int(hours) * 60 + int(minutes)
        return 20 * 60 + 14

    @property
    def first_step(self) -> str:
        return self.start or (self.steps[0].id if self.steps else "")

    def step(self, sid: str) -> Step | None:
        return self._index().get(("step", sid))

    def ending(self, eid: str) -> Ending | None:
        return self._index().get(("ending", eid))

    def contact(self, cid: str) -> Contact | None:
        return self._index().get(("contact", cid))

    def app(self, aid: str) -> App | None:
        return self._index().get(("app", aid))

    def help_action(self, hid: str) -> Choice | None:
        return self._index().get(("help", hid))

    @property
    def sms_app(self) -> App:
        return next(a for a in self.apps if a.kind == "sms")

    def offered_choices(self, step: Step) -> list[Choice]:
        """The step's own choices, then the help actions it includes."""
        if not step.help:
            return list(step.choices)
        extra = [h for hid in step.help if (h := self.help_action(hid))]
        return list(step.choices) + extra

    def _index(self) -> dict:
        idx = self.__dict__.get("_idx")
        if idx is None:
            idx = {}
            for kind, items in (
                ("step", self.steps),
                ("ending", self.endings),
                ("contact", self.contacts),
                ("app", self.apps),
                ("help", self.help_actions),
            ):
                for it in items:
                    idx.setdefault((kind, it.id), it)
            self.__dict__["_idx"] = idx
        return idx


@dataclass
class RedFlag(Node):
    id: str = f("id", required=True, doc="Stable id.")
    name: str = f("text", required=True, doc="Short name.")
    explanation: str = f("text", required=True, doc="What it is and why it matters.")


@dataclass
class Tag(Node):
    id: str = f("id", required=True, doc="Stable id, as scenarios list it in `tags:`.")
    name: str = f("text", required=True, doc="The name players see.")


@dataclass
class Permission(Node):
    id: str = f("id", required=True, doc="A permission an app asks for (one of PERMISSIONS).")
    name: str = f("text", required=True, doc="Its short name on the permissions screen.")
    text: str = f("text", required=True, doc="What it lets the app do, in plain words.")


@dataclass
class Hotline(Node):
    id: str = f("id", required=True, doc="Stable id.")
    number: str = f("text", required=True, doc="Number or address (text such as 'the number on your card' is translated).")
    name: str = f("text", required=True, doc="Who answers.")
    text: str = f("text", required=True, doc="When to use it.")
