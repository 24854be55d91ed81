"""The report as one tidy CSV table for spreadsheets: one figure per row.

Columns: section, scenario, step, item, label, count, total, value. `value` is a
percentage for shares and scores, seconds for times; for `follow_up` rows it is the reason
(harmed, scammed, money, account) and `scenario` lists the scenarios concerned.
Every cell goes through the one neutralising writer (`csvsafe`).
"""

from __future__ import annotations

import io

from game.core.csvsafe import SafeWriter

from .figures import Figures
from .labels import Labels

COLUMNS = ("section", "scenario", "step", "item", "label", "count", "total", "value")


def render(figs: Figures, labels: Labels, *, anonymise: bool) -> str:
    buf = io.StringIO()
    w = SafeWriter(buf)
    w.writerow(COLUMNS)
    s = figs.summary

    def r1(x):
        return "" if x is None else round(x, 1)

    w.writerow(("summary", "", "", "students", "", s.students, "", ""))
    w.writerow(("summary", "", "", "sessions", "", s.sessions, "", ""))
    # the other sessions in the files, so the three add up to the count `results` prints
    w.writerow(("summary", "", "", "quiz_sessions", "", s.quiz_sessions, "", ""))
    w.writerow(("summary", "", "", "classroom_sessions", "", s.classroom_sessions, "", ""))
    w.writerow(("summary", "", "", "scenarios", "", s.scenarios, "", ""))
    w.writerow(("summary", "", "", "average_score", "", "", s.sessions, r1(s.average)))
    w.writerow(("summary", "", "", "over_suspicious", "", s.over_suspicious, s.genuine_decisions,
                r1(100 * s.over_suspicious / s.genuine_decisions) if s.genuine_decisions else ""))
    for i, n in enumerate(s.distribution):
        w.writerow(("score_distribution", "", "", f"{i * 10}-{i * 10 + 9 if i < 9 else 100}", "", n, s.sessions, ""))
    for o, n in sorted(s.outcomes.items()):
        w.writerow(("outcome", "", "", o, "", n, s.sessions, ""))
    for sc in figs.scenarios:
        w.writerow(("scenario", sc.id, "", "average_score", labels.scenario(sc.id), sc.sessions, "", r1(sc.average)))
        for st in sc.steps:
            for c in st.choices:
                w.writerow(("choice", sc.id, st.step, c.choice, labels.choice(sc.id, st.step, c.choice),
                            c.count, st.total, r1(100 * c.share)))
                if c.votes is not None:
                    w.writerow(("classroom_vote", sc.id, st.step, c.choice, labels.choice(sc.id, st.step, c.choice),
                                c.votes, st.votes_total, r1(100 * c.vote_share)))
            w.writerow(("time_median_s", sc.id, st.step, "", "", st.total, "", r1(st.median_time)))
            w.writerow(("timed_out", sc.id, st.step, "", "", st.timed_out, st.total, ""))
    for fl in figs.flags:
        w.writerow(("flag_missed", "", "", fl.flag, labels.flag(fl.flag), fl.missed, fl.shown, r1(100 * fl.rate)))
    pp = figs.prepost
    if pp is not None:
        w.writerow(("prepost", "", "", "pre_average", "", pp.students_pre, "", r1(pp.pre_avg)))
        w.writerow(("prepost", "", "", "post_average", "", pp.students_post, "", r1(pp.post_avg)))
        w.writerow(("prepost", "", "", "gain_average", "", pp.paired, "", r1(pp.gain_avg)))
        for ph in ("pre", "post"):
            w.writerow(("false_alarms", "", "", ph, "", pp.false_alarms[ph], pp.real_answers[ph],
                        r1(pp.false_alarm_rate(ph))))
        for it in pp.items:
            w.writerow(("quiz_item_pre", "", "", it.item, labels.quiz_item(it.item), it.pre_right, it.pre_n, r1(it.pre)))
            w.writerow(("quiz_item_post", "", "", it.item, labels.quiz_item(it.item), it.post_right, it.post_n, r1(it.post)))
    for r in sorted(figs.students, key=lambda r: r.number) if anonymise else figs.students:
        name = f"student-{r.number:02d}" if anonymise else r.nickname
        w.writerow(("student", "", "", name, r.class_code, r.sessions, r.scenarios, r1(r.average)))
        if r.pre is not None or r.post is not None:
            w.writerow(("student_prepost", "", "", name, r.class_code, "", "", f"{r1(r.pre)}/{r1(r.post)}"))
    for f in sorted(figs.follow_up, key=lambda r: r.number) if anonymise else figs.follow_up:
        name = f"student-{f.number:02d}" if anonymise else f.nickname
        for reason, scns in f.reasons.items():
            w.writerow(("follow_up", " ".join(scns), "", name, f.class_code, len(scns), "", reason))
    return buf.getvalue()
