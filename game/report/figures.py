"""The class report's numbers, computed from result rows (pure: no files, no language).

Definitions (the trainer guide explains them in plain words):
- Student: a nickname within a class code, ignoring case and spacing.
- Student sessions are `play` sessions; the trainer's `classroom` sessions contribute
  only their hand-count votes; `quiz` sessions feed the pre/post check.
- A session's score is its points out of the best available at each decision it met
  (`walk.percent`), from its decision rows, so an unfinished run still counts what it did.
- The average score (of the class, a scenario, a student, a quiz phase) is always the mean
  of the session percentages (`mean_score`): each session counts once, whatever its length.
- Follow-up: a student whose story ended harmed or scammed, or who made a choice whose
  authored consequences lose money or an account (an OTP, password or login given away).
- Over-suspicion in play: at steps marked `genuine` (a real message), a scored choice
  below the best, e.g. blocking a real message from Mum. A decision whose time ran out
  is no decision (nothing was chosen) and counts in neither figure.
- A red flag is *missed* in a session when it was shown and no choice responded to it;
  flags are listed by the share of the sessions showing them in which they were missed.
- Quiz: a decision row per item, `choice` is the answer ("scam" or "real") and `score`
  is 1 when right. A student's pre (post) result is their latest pre (post) quiz.
"""

from __future__ import annotations

import functools
import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from game.core import walk
from game.core.results import ResultsData, pseudonyms, student_key

BINS = 10  # score distribution: 0–9, 10–19, …, 90–100
STUDENT_MODES = ("play",)
QUIZ_ANSWERS = ("scam", "real")
MIN_SHOWN = 3


@dataclass
class ChoiceShare:
    choice: str
    safety: str
    count: int
    share: float  # 0..1 of the step's decisions
    votes: int | None = None  # classroom hands, when any were recorded
    vote_share: float | None = None


@dataclass
class StepFigure:
    step: str
    total: int
    choices: list[ChoiceShare]
    median_time: float | None
    mean_time: float | None
    timed_out: int
    votes_total: int = 0


@dataclass
class ScenarioFigure:
    id: str
    versions: list[int]
    sessions: int
    students: int
    average: float | None
    outcomes: dict[str, int]
    steps: list[StepFigure]
    classroom_sessions: int = 0


@dataclass
class FlagFigure:
    flag: str
    shown: int  # sessions in which it was shown
    missed: int  # of those, sessions in which no choice responded to it

    @property
    def rate(self) -> float:
        return self.missed / self.shown if self.shown else 0.0


@dataclass
class StudentRow:
    key: tuple[str, str]
    nickname: str
    number: int  # pseudonym number, for anonymised tables
    class_code: str
    sessions: int
    scenarios: int
    average: float | None
    pre: float | None = None
    post: float | None = None

    @property
    def gain(self) -> float | None:
        return None if self.pre is None or self.post is None else self.post - self.pre

    @property
    def gain_shown(self) -> int | None:
        return shown_gain(self.pre, self.post)


def shown_gain(pre: float | None, post: float | None) -> int | None:
    """A gain as a reader checks it: the after figure minus the before figure, each rounded to a
    whole percent as the report shows them (56.33 and 81.67 show as 56% and 82%: +26, never the
    25 that rounding the exact 25.33 would give)."""
    if pre is None or post is None:
        return None
    return int(f"{post:.0f}") - int(f"{pre:.0f}")


@dataclass
class QuizItemFigure:
    item: str
    truth: str  # scam | real
    pre_right: int = 0
    pre_n: int = 0
    post_right: int = 0
    post_n: int = 0

    @property
    def pre(self) -> float | None:
        return 100 * self.pre_right / self.pre_n if self.pre_n else None

    @property
    def post(self) -> float | None:
        return 100 * self.post_right / self.post_n if self.post_n else None

    @property
    def gain(self) -> float | None:
        return None if self.pre is None or self.post is None else self.post - self.pre

    @property
    def gain_shown(self) -> int | None:
        return shown_gain(self.pre, self.post)


@dataclass
class PrePost:
    quiz_ids: list[str]
    students_pre: int
    students_post: int
    paired: int
    pre_avg: float | None
    post_avg: float | None
    gain_avg: float | None  # mean of (post - pre) over students who took both
    items: list[QuizItemFigure]
    false_alarms: dict[str, int]  # phase -> real items answered "scam"
    real_answers: dict[str, int]  # phase -> answers given to real items
    # the average before and after of the students who took both (= pre_avg and post_avg when all did)
    pre_paired_avg: float | None = None
    post_paired_avg: float | None = None

    @property
    def gain_shown(self) -> int | None:
        """The average gain the report shows: the paired students' after average minus their before
        average, each rounded as shown (the mean of their gains, rounded consistently)."""
        return shown_gain(self.pre_paired_avg, self.post_paired_avg)

    def false_alarm_rate(self, phase: str) -> float | None:
        n = self.real_answers.get(phase, 0)
        return 100 * self.false_alarms.get(phase, 0) / n if n else None


@dataclass
class Summary:
    students: int
    sessions: int
    finished: int
    scenarios: int
    decisions: int
    average: float | None
    distribution: list[int]
    outcomes: dict[str, int]
    classroom_sessions: int = 0
    quiz_sessions: int = 0
    genuine_decisions: int = 0  # decisions at steps about real messages (scored ones)
    over_suspicious: int = 0  # of those, choices below the best: a real message treated as a scam


@dataclass
class FollowUp:
    """A student who needs a word after the lesson, and why (reason -> scenario ids)."""
    key: tuple[str, str]
    nickname: str
    number: int
    class_code: str
    reasons: dict[str, list[str]] = field(default_factory=dict)  # harmed|scammed|money|account


@dataclass
class Figures:
    summary: Summary
    scenarios: list[ScenarioFigure]
    flags: list[FlagFigure]
    students: list[StudentRow]
    prepost: PrePost | None
    extras: dict = field(default_factory=dict)
    follow_up: list[FollowUp] = field(default_factory=list)


def session_percent(decisions: list[dict]) -> float:
    """As the engine scores: a neutral choice is not judged, so it sets no bar."""
    score = possible = 0
    for d in decisions:  # one pass: a school has 100,000 rows
        score += d["score"] or 0
        if d["safety"] != "neutral":
            possible += d["best"] or 0
    return float(walk.percent(score, possible))


def judged_genuine(d: dict) -> bool:
    """A scored decision at a step about a real message. Time running out is no decision at all."""
    return bool(d.get("genuine")) and d["safety"] != "neutral" and not d.get("timed_out")


def over_suspicious(d: dict) -> bool:
    """At a step about a real message, a choice that scored below the best (e.g. blocking Mum)."""
    return judged_genuine(d) and below_best(d)


def below_best(d: dict) -> bool:
    return (d["score"] or 0) < (d["best"] or 0)


def bin_of(pct: float) -> int:
    return min(BINS - 1, int(pct // (100 / BINS)))


def compute(data: ResultsData, order: dict[str, dict[str, dict[str, str]]] | None = None,
            losses: dict[tuple[str, str, str], frozenset[str]] | None = None) -> Figures:
    """All figures, each in one pass over the rows (grouped first), so a school costs what its classes cost.

    `order` (scenario -> step -> {choice id: safety}) lists steps and options as authored.
    `losses` ((scenario, step, choice) -> consequence kinds) names the choices that lost
    money or an account, for the follow-up list.
    """
    order = order or {}
    by_session: dict[str, list[dict]] = defaultdict(list)
    for d in data.decisions:
        by_session[d["session_id"]].append(d)
    sessions = {s["id"]: s for s in data.sessions}
    for sid, ds in by_session.items():  # a decision whose session row was lost still counts
        if sid not in sessions:
            d = ds[0]
            sessions[sid] = {k: d.get(k) for k in ("nickname", "class_code", "scenario_id",
                                                   "scenario_version", "mode", "phase", "machine")}
            sessions[sid].update(id=sid, started_at=d.get("recorded_at"), finished_at=None, outcome=None,
                                 ending_id=None)
    play, classroom, quiz = [], [], []
    for s in sessions.values():
        if by_session.get(s["id"]):
            if s["mode"] in STUDENT_MODES:
                play.append(s)
            elif s["mode"] == "classroom":
                classroom.append(s)
            elif s["mode"] == "quiz":
                quiz.append(s)
    keys: dict[tuple, tuple[str, str]] = {}  # a student's many sessions share one key computation
    who = {}
    for s in play + quiz:
        raw = (s["nickname"], s["class_code"])
        key = keys.get(raw)
        if key is None:
            key = keys[raw] = student_key(*raw)
        who[s["id"]] = key

    pct = {s["id"]: session_percent(by_session[s["id"]]) for s in play}
    dist = [0] * BINS
    for v in pct.values():
        dist[bin_of(v)] += 1
    outcomes = Counter(s["outcome"] for s in play if s.get("outcome"))
    numbers = pseudonyms(who.values())
    play_rows = [d for s in play for d in by_session[s["id"]]]
    judged = [d for d in play_rows if judged_genuine(d)]  # over_suspicious, judging each row once
    summary = Summary(
        students=len({who[s["id"]] for s in play}),
        sessions=len(play),
        finished=sum(1 for s in play if s.get("finished_at")),
        scenarios=len({s["scenario_id"] for s in play}),
        decisions=len(play_rows),
        average=mean_score(pct.values()),
        distribution=dist,
        outcomes=dict(outcomes),
        classroom_sessions=len(classroom),
        quiz_sessions=len(quiz),
        genuine_decisions=len(judged),
        over_suspicious=sum(1 for d in judged if below_best(d)),
    )
    play_by_scn: dict[str, list[dict]] = defaultdict(list)
    for s in play:
        play_by_scn[s["scenario_id"]].append(s)
    class_by_scn: dict[str, list[dict]] = defaultdict(list)
    for s in classroom:
        class_by_scn[s["scenario_id"]].append(s)
    rank = {sid: i for i, sid in enumerate(order)}
    scenario_ids = sorted(set(play_by_scn) | set(class_by_scn), key=lambda i: (rank.get(i, len(rank)), i))
    scen = [_scenario(sid, play_by_scn.get(sid, []), class_by_scn.get(sid, []), by_session, pct, who,
                      order.get(sid, {})) for sid in scenario_ids]
    flags = _flags(play, by_session)
    prepost, quiz_scores = _prepost(quiz, by_session, who)
    students = _students(play, quiz, pct, who, numbers, quiz_scores)
    follow = follow_ups(play, by_session, who, numbers, losses or {}, scenario_ids)
    return Figures(summary, scen, flags, students, prepost, follow_up=follow)


def mean_score(percentages) -> float | None:
    """THE average score, used for the class, a scenario and a student alike: the mean of the
    session percentages (each session counts once, whatever its length)."""
    vals = list(percentages)
    return statistics.fmean(vals) if vals else None


def _scenario(sid, play, classroom, by_session, pct, who, step_order) -> ScenarioFigure:
    by_step: dict[str, list[dict]] = defaultdict(list)
    votes_by_step: dict[str, list[dict]] = defaultdict(list)
    for s in play:
        for d in by_session[s["id"]]:
            by_step[d["step"]].append(d)
    for s in classroom:
        for d in by_session[s["id"]]:
            if d.get("votes"):
                votes_by_step[d["step"]].append(d)
    steps_seen = list(dict.fromkeys([*by_step, *votes_by_step]))
    known = [st for st in step_order if st in by_step or st in votes_by_step]
    step_ids = known + [st for st in steps_seen if st not in step_order]
    steps = []
    for st in step_ids:
        ds = by_step.get(st, [])
        vs = votes_by_step.get(st, [])
        counts = Counter()
        safety = {}
        times = []
        timed_out = 0
        for d in ds:  # one pass over the step's decisions
            c = d["choice"]
            counts[c] += 1
            safety[c] = d["safety"]
            if d["time_taken"] is not None:
                times.append(float(d["time_taken"]))
            if d["timed_out"]:
                timed_out += 1
        for v in vs:
            safety[v["choice"]] = v["safety"]
        votes = Counter()
        for v in vs:
            votes.update(v["votes"])
        authored = step_order.get(st, {})
        choice_ids = list(authored)  # every option, so a choice nobody took shows as 0 %
        choice_ids += sorted(c for c in set(counts) | set(votes) if c not in authored)
        total = sum(counts.values())
        vtotal = sum(votes.values())
        steps.append(StepFigure(
            step=st, total=total,
            choices=[ChoiceShare(c, safety.get(c) or authored.get(c) or "neutral", counts.get(c, 0),
                                 counts.get(c, 0) / total if total else 0.0,
                                 votes.get(c, 0) if vtotal else None,
                                 votes.get(c, 0) / vtotal if vtotal else None) for c in choice_ids],
            median_time=statistics.median(times) if times else None,
            mean_time=statistics.fmean(times) if times else None,
            timed_out=timed_out,
            votes_total=vtotal,
        ))
    return ScenarioFigure(
        id=sid,
        versions=sorted({int(s["scenario_version"] or 0) for s in play + classroom}),
        sessions=len(play),
        students=len({who[s["id"]] for s in play}),
        average=mean_score(pct[s["id"]] for s in play),
        outcomes=dict(Counter(s["outcome"] for s in play if s.get("outcome"))),
        steps=steps,
        classroom_sessions=len(classroom),
    )


def _flags(play, by_session) -> list[FlagFigure]:
    shown, missed = Counter(), Counter()
    for s in play:
        ds = by_session[s["id"]]
        seen = {f for d in ds for f in d["flags_shown"]}
        spotted = {f for d in ds for f in d["flags"]}
        shown.update(seen)
        missed.update(seen - spotted)
    out = [FlagFigure(f, shown[f], missed[f]) for f in shown]
    # Most often missed when shown first; flags shown in fewer than MIN_SHOWN sessions go last
    # (one unlucky session should not top the list).
    out.sort(key=lambda x: (x.shown < MIN_SHOWN, -x.rate, -x.missed, x.flag))
    return out


def _latest(quiz, phase, who):
    """Each student's latest quiz session of a phase."""
    best: dict[tuple, dict] = {}
    for s in sorted(quiz, key=lambda s: (s.get("started_at") or "", s["id"])):
        if s.get("phase") == phase:
            best[who[s["id"]]] = s
    return best


def quiz_truth(d: dict) -> str | None:
    """The right answer, recovered from the row: the answer if it scored, else the other one."""
    if d["choice"] not in QUIZ_ANSWERS:
        return None
    if (d["score"] or 0) > 0:
        return d["choice"]
    return QUIZ_ANSWERS[1 - QUIZ_ANSWERS.index(d["choice"])]


def _prepost(quiz, by_session, who):
    if not quiz:
        return None, {}
    latest = {ph: _latest(quiz, ph, who) for ph in ("pre", "post")}
    scores: dict[str, dict[tuple, float]] = {"pre": {}, "post": {}}
    items: dict[str, QuizItemFigure] = {}
    false_alarms = {"pre": 0, "post": 0}
    real_answers = {"pre": 0, "post": 0}
    for ph, chosen in latest.items():
        for key, s in chosen.items():
            ds = [d for d in by_session[s["id"]] if d["choice"] in QUIZ_ANSWERS]
            if not ds:
                continue
            right = sum(1 for d in ds if (d["score"] or 0) > 0)
            scores[ph][key] = 100 * right / len(ds)
            for d in ds:
                truth = quiz_truth(d)
                it = items.setdefault(d["step"], QuizItemFigure(d["step"], truth))
                ok = int((d["score"] or 0) > 0)
                if ph == "pre":
                    it.pre_right += ok
                    it.pre_n += 1
                else:
                    it.post_right += ok
                    it.post_n += 1
                if truth == "real":
                    real_answers[ph] += 1
                    false_alarms[ph] += int(d["choice"] == "scam")
    paired = [k for k in scores["pre"] if k in scores["post"]]
    pp = PrePost(
        quiz_ids=sorted({s["scenario_id"] for s in quiz}),
        students_pre=len(scores["pre"]), students_post=len(scores["post"]), paired=len(paired),
        pre_avg=mean_score(scores["pre"].values()),
        post_avg=mean_score(scores["post"].values()),
        gain_avg=statistics.fmean(scores["post"][k] - scores["pre"][k] for k in paired) if paired else None,
        items=list(items.values()), false_alarms=false_alarms, real_answers=real_answers,
        pre_paired_avg=mean_score(scores["pre"][k] for k in paired),
        post_paired_avg=mean_score(scores["post"][k] for k in paired),
    )
    return pp, scores


VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
VI_SHAPES = "\u0306\u0302\u031b"  # breve, circumflex, horn: ă â ê ô ơ ư are letters of their own
VI_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # level, huyền, hỏi, ngã, sắc, nặng


@functools.lru_cache(maxsize=65536)  # a class code is sorted on once per student: compute it once
def vi_order(text: str) -> tuple:
    """A sort key in Vietnamese alphabetical order (a ă â b c d đ e ê …, tones second):
    Hà, Hải, Hoa, Hùng and Tâm, Thảo, Thu, Trang, Trung, Tú, not code-point order."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFC", text.casefold()):
        parts = unicodedata.normalize("NFD", ch)
        shape = unicodedata.normalize("NFC", parts[0] + "".join(m for m in parts[1:] if m in VI_SHAPES))
        tone = "".join(m for m in parts[1:] if m not in VI_SHAPES)
        i = VI_LETTERS.find(shape) if len(shape) == 1 else -1
        letters.append((1, i) if i >= 0 else (0, ord(shape[0])) if ord(shape[0]) < 128 else (2, ord(shape[0])))
        tones.append(VI_TONES.index(tone) if tone in VI_TONES else len(VI_TONES))
    return tuple(letters), tuple(tones), text


def _students(play, quiz, pct, who, numbers, quiz_scores) -> list[StudentRow]:
    rows: dict[tuple, StudentRow] = {}
    mine: dict[tuple, list[dict]] = defaultdict(list)
    for s in play + quiz:
        key = who[s["id"]]
        row = rows.get(key)
        if row is None:
            row = rows[key] = StudentRow(key, s["nickname"] or "", numbers[key], s["class_code"] or "",
                                         0, 0, None)
        if s["mode"] in STUDENT_MODES:
            row.sessions += 1
            mine[key].append(s)
    for key, row in rows.items():
        played = mine.get(key, [])
        row.scenarios = len({s["scenario_id"] for s in played})
        row.average = mean_score(pct[s["id"]] for s in played)
        row.pre = quiz_scores.get("pre", {}).get(key)
        row.post = quiz_scores.get("post", {}).get(key)
    return sorted(rows.values(), key=lambda r: (vi_order(r.class_code), vi_order(r.nickname), r.number))


FOLLOW_OUTCOMES = ("harmed", "scammed")
FOLLOW_LOSSES = ("money", "account")  # money handed over; an OTP, password or login given away


def follow_ups(play, by_session, who, numbers, losses, scenario_order=()) -> list[FollowUp]:
    """Students to talk to: a story ended harmed or scammed, or a choice lost money or an account
    (an OTP, a password, a login), anywhere, even when the story ended safely afterwards.

    Every student's reasons come in one order (harmed, scammed, money, account) and each lists
    its scenarios in the report's scenario order (`scenario_order`), whatever order they were played in."""
    found: dict[tuple, FollowUp] = {}
    lost: dict = {}  # scenario -> step -> choice -> the FOLLOW_LOSSES it loses (only choices that lose any)
    for (scn, step, choice), kinds in losses.items():
        got = [k for k in FOLLOW_LOSSES if k in kinds]
        if got:
            lost.setdefault(scn, {}).setdefault(step, {})[choice] = got
    for s in play:
        reasons = []
        if s.get("outcome") in FOLLOW_OUTCOMES:
            reasons.append(s["outcome"])
        steps = lost.get(s["scenario_id"])
        if steps:
            for d in by_session[s["id"]]:
                choices = steps.get(d["step"])
                if choices and d["choice"] in choices:
                    reasons += choices[d["choice"]]
        if not reasons:
            continue
        key = who[s["id"]]
        f = found.get(key)
        if f is None:
            f = found[key] = FollowUp(key, s["nickname"] or "", numbers[key], s["class_code"] or "")
        for r in reasons:
            f.reasons.setdefault(r, [])
            if s["scenario_id"] not in f.reasons[r]:
                f.reasons[r].append(s["scenario_id"])
    rank = {sid: i for i, sid in enumerate(scenario_order)}
    kinds = FOLLOW_OUTCOMES + FOLLOW_LOSSES
    for f in found.values():
        f.reasons = {r: sorted(f.reasons[r], key=lambda i: (rank.get(i, len(rank)), i))
                     for r in sorted(f.reasons, key=kinds.index)}
    return sorted(found.values(), key=lambda r: (vi_order(r.class_code), vi_order(r.nickname), r.number))
