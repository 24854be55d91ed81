"""The pre/post check: "scam or real?" items authored in YAML under `scenarios/quiz/`.

Each item is a message, notification or call written with the scenario event types.
So that the game renders an item with its own phone, and records the answer like any
decision, an item is turned into a one-step scenario (`item_scenario`) whose two
choices are `scam` and `real`: the right one scores 1, the other 0. The real engine
runs it, the scenario validator checks it (contacts, apps, red flags, images), and
result rows need nothing special.

Text keys: `<quiz>/title`, `<quiz>/intro`, `<quiz>/item/<item>/title`,
`<quiz>/item/<item>/explanation`, events `<quiz>/<item>/<event>/text` (as in scenarios),
contacts `<quiz>/contact/<id>/name`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode

from .diagnostics import Diagnostic, sort_key
from .loader import SCENARIOS_DIR, Taxonomy, display_path, load_taxonomy, read_node
from .model import (
    SCHEMA_VERSION,
    App,
    CallEvent,
    Choice,
    Contact,
    Ending,
    Event,
    Node,
    Player,
    Scenario,
    Step,
    f,
)
from .schema import Builder
from .texts import Text, TextItem, _fields

QUIZ_DIR = SCENARIOS_DIR / "quiz"
ANSWERS = ("scam", "real")
MIN_ITEMS, MAX_ITEMS = 6, 10
RING_SUFFIX = "__ring"


@dataclass
class QuizItem(Node):
    id: str = f("id", required=True, doc="Stable id, unique in the quiz; results refer to it.")
    title: str = f("text", required=True, doc="Short label for the trainer's report, e.g. 'Bank SMS with a link'.")
    answer: str = f("enum", required=True, values=ANSWERS, doc="`scam` or `real`.")
    events: list[Event] = f([Event], required=True, doc="What the phone shows (scenario event types).")
    explanation: str = f("text", required=True, doc="Shown after answering: why it is a scam, or why it is real.")
    note: str | None = f("str", doc="Author-only note; passed to translators as a comment.")


@dataclass
class Quiz(Node):
    schema_version: int = f("int", required=True, min=1, max=SCHEMA_VERSION, doc="Format version; 1.")
    id: str = f("id", required=True, doc="Stable id; also the file name.")
    version: int = f("int", default=1, min=1, doc="Content version; bump when items change.")
    source_language: str = f("enum", required=True, values=("vi", "en"), doc="Language the text is written in.")
    title: str = f("text", required=True, doc="Shown at the start of the check.")
    intro: str = f("text", required=True, doc="One or two sentences: what to do.")
    player: Player = f(Player, required=True, doc="Whose phone it is.")
    contacts: list[Contact] = f([Contact], default=[], doc="Senders and callers.")
    apps: list[App] = f([App], default=[], doc="Apps on the phone. Messages is added if no `sms` app is declared.")
    items: list[QuizItem] = f([QuizItem], required=True, doc="6 to 10 items, some scams and some real.")
    note: str | None = f("str", doc="Author-only note.")

    path: str = field(default="", repr=False, compare=False, metadata={"internal": True})

    def item(self, iid: str) -> QuizItem | None:
        return next((it for it in self.items if it.id == iid), None)

    def title_text(self) -> Text:
        return Text(f"{self.id}/title", self.title)

    def intro_text(self) -> Text:
        return Text(f"{self.id}/intro", self.intro)


def item_title(quiz: Quiz, item: QuizItem) -> Text:
    return Text(f"{quiz.id}/item/{item.id}/title", item.title)


def item_explanation(quiz: Quiz, item: QuizItem) -> Text:
    return Text(f"{quiz.id}/item/{item.id}/explanation", item.explanation)


def item_scenario(quiz: Quiz, item: QuizItem) -> Scenario:
    """A one-step scenario that shows the item and offers `scam` / `real`."""
    def choice(cid: str) -> Choice:
        right = cid == item.answer
        return Choice(id=cid, text=cid, safety="safe" if right else "unsafe", score=1 if right else 0,
                      explanation=item.explanation, next="answered", mark=item.mark)

    events = list(item.events)
    steps = []
    if events and isinstance(events[0], CallEvent):
        # A call is shown answered, with its captions: a neutral "accept" step goes first,
        # which the quiz takes by itself (`to_question`).
        ring = events.pop(0)
        steps.append(Step(id=f"{item.id}{RING_SUFFIX}", events=[ring], no_help="quiz item",
                          choices=[Choice(id="accept", text="accept", safety="neutral", call="accept",
                                          next=item.id, mark=item.mark)], mark=item.mark))
    steps.append(Step(id=item.id, events=events, choices=[choice(a) for a in ANSWERS],
                      no_help="quiz item", genuine=item.answer == "real", mark=item.mark,
                      marks=dict(item.marks)))
    end = Ending(id="answered", outcome="safe", title=item.title, debrief=item.explanation, mark=item.mark)
    apps = list(quiz.apps)
    if not any(a.kind == "sms" for a in apps):
        name = "Tin nhắn" if quiz.source_language == "vi" else "Messages"
        apps.insert(0, App(id="sms", kind="sms", name=name, look="sms", mark=quiz.mark))
    scn = Scenario(schema_version=quiz.schema_version, id=quiz.id, version=quiz.version,
                   source_language=quiz.source_language, title=quiz.title, summary=quiz.intro,
                   difficulty=1, minutes=1, player=quiz.player, contacts=list(quiz.contacts),
                   apps=apps, steps=steps, endings=[end], mark=quiz.mark, marks=dict(quiz.marks))
    scn.path = quiz.path
    return scn


def to_question(engine, item: QuizItem, *, skip: bool = True) -> bool:
    """Take the neutral pre-roll (answering a call) so the item's question is open.

    With skip=False only the pre-roll is taken (the view lets time run itself).
    Returns True when the scam/real question is open.
    """
    for _ in range(3):
        if skip:
            engine.skip()
        if not engine.deciding:
            return False
        if engine.step.id == item.id:
            return True
        engine.choose(engine.offered()[0].id)
    return engine.deciding and engine.step.id == item.id


@dataclass
class LoadedQuiz:
    path: Path
    quiz: Quiz | None
    diagnostics: list[Diagnostic]
    problems: list[str]  # quiz-level rules (counts, answers), in English

    @property
    def ok(self) -> bool:
        return self.quiz is not None and not self.problems and not any(
            d.severity == "error" for d in self.diagnostics)


def load_quiz(path: Path, taxonomy: Taxonomy | None = None) -> LoadedQuiz:
    """Read, build and check one quiz file; never raises on author input."""
    from .validate import validate

    path = Path(path)
    shown = display_path(path)
    node, diags = read_node(path, shown)
    problems: list[str] = []
    quiz = None
    if node is not None:
        b = Builder(shown)
        if isinstance(node, MappingNode):
            quiz = b.record(node, Quiz, "scenario")
        else:
            b.error("LC009", node)
        diags += b.diags
    if quiz is not None:
        quiz.path = str(path)
        tax = taxonomy or load_taxonomy()
        seen = set()
        for it in quiz.items:
            if it.id in seen:
                problems.append(f"{shown}:{it.mark.line if it.mark else 1}: item id `{it.id}` is used twice")
            seen.add(it.id)
            if not it.events:
                problems.append(f"{shown}: item `{it.id}` shows nothing (no events)")
            for d in validate(item_scenario(quiz, it), tax, path.parent, shown):
                if d.code != "LC404" and d not in diags:
                    diags.append(d)
        if path.stem != quiz.id:
            problems.append(f"{shown}: the quiz id `{quiz.id}` differs from the file name")
        if not MIN_ITEMS <= len(quiz.items) <= MAX_ITEMS:
            problems.append(f"{shown}: a quiz needs {MIN_ITEMS} to {MAX_ITEMS} items, not {len(quiz.items)}")
        answers = {it.answer for it in quiz.items}
        if quiz.items and answers != set(ANSWERS):
            problems.append(f"{shown}: include both scams and real messages, so that over-suspicion shows")
    diags.sort(key=sort_key)
    return LoadedQuiz(path, quiz, diags, problems)


def quiz_files(folder: Path = QUIZ_DIR) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.y*ml") if not p.name.startswith((".", "_")))


def load_quizzes(folder: Path = QUIZ_DIR) -> list[Quiz]:
    """Every quiz that loads without errors, sorted by file name."""
    tax = load_taxonomy()
    out = []
    for p in quiz_files(folder):
        lq = load_quiz(p, tax)
        if lq.ok:
            out.append(lq.quiz)
    return out


def iter_quiz_texts(quiz: Quiz):
    """Every translatable string of a quiz with its key (for the i18n pipeline)."""
    yield from _fields(quiz, quiz.id, quiz.note)
    yield from _fields(quiz.player, f"{quiz.id}/player", None)
    for c in quiz.contacts:
        yield from _fields(c, f"{quiz.id}/contact/{c.id}", c.note)
    for a in quiz.apps:
        yield from _fields(a, f"{quiz.id}/app/{a.id}", a.note)
    for it in quiz.items:
        for name in ("title", "explanation"):
            yield TextItem(f"{quiz.id}/item/{it.id}/{name}", getattr(it, name), it.note, it.where(name))
        for ev in it.events:  # the same keys the engine gives them in item_scenario
            yield from _fields(ev, f"{quiz.id}/{it.id}/{ev.id}", ev.note)
