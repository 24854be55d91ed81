"""The report's own words (tool output, like lint's messages), marked for the `report` catalogue.

Written in English here; every other language's wording is in locale/<lang>/LC_MESSAGES/report.po,
read the first time a report is built in that language (an untranslated entry shows the English).
The template and the code look a string up by its key: `t(lang, "title")`. `NC_` gives a string
a context where the same English word has two uses; `NN_` is a plural pair, chosen by the count
passed as `n` (or `files`). A `# Translators:` comment above an entry becomes its note in the
catalogue: say there what each {placeholder} holds whenever the name does not.
"""

from __future__ import annotations

from game.core.i18n import N_, NC_, NN_, Msg, tool_words

S: dict[str, str | Msg] = {
    # Translators: the heading of the class report a trainer builds from the students' results
    "title": N_("Class report"),
    # Translators: under the heading; {date} is the day and time it was made, {files} how many results files it read
    "generated": NN_("Generated {date} from {files} results file", "Generated {date} from {files} results files"),
    "problems": N_("Files, folders and rows that could not be used (left out of this report)"),
    "summary": N_("Summary"),
    # Translators: under a count in the summary ("24" above "students"); the form follows the count
    "students": NN_("student", "students"),
    # Translators: under a count in the summary ("57" above "sessions played"); a session is one play of one
    # scenario; the form follows the count
    "sessions": NN_("session played", "sessions played"),
    # Translators: under a count in the summary ("8" above "scenarios"); the form follows the count
    "scenarios": NN_("scenario", "scenarios"),
    # Translators: a count in the summary ("312 decisions"): choices the students made in the stories
    "decisions": N_("decisions"),
    # Translators: below a big percentage in the summary
    "average": N_("average score"),
    "average_def": N_("The average score is the mean of the session scores. A session's score is the points earned "
                      "out of the best possible at each decision met (100% = the safest choice every time); every "
                      "session counts once, whatever its length. The same average is used for the class, each "
                      "scenario and each student."),
    # Translators: {what} lists the filters the trainer gave: "class 9A · since 2030-01-01"
    "filters": N_("Only: {what}"),
    "problems_notice": NN_("{n} file, folder or row could not be used: see the list at the end.",
                           "{n} files, folders or rows could not be used: see the list at the end."),
    "follow_up": N_("Students who need a follow-up"),
    # Translators: under a count in the summary ("2" above "students who need a follow-up"); the form follows the count
    "follow_up_card": NN_("student who needs a follow-up", "students who need a follow-up"),
    "follow_up_count": NN_("{n} student needs a follow-up (listed after this summary).",
                           "{n} students need a follow-up (listed after this summary)."),
    "follow_up_none": N_("No student needs a follow-up in these results."),
    "follow_up_note": N_("A story ended harmed or scammed, or the student gave away money or an account (an OTP, a "
                         "password, a login) at some point, even if the story then ended safely. Talk to them kindly, "
                         "in private: it is practice, and it is not their fault."),
    # Translators: column heading: why a student is listed for a follow-up
    "why": N_("Why"),
    # Translators: a reason a student needs a follow-up: a story of theirs ended with harm done to them
    "reason_harmed": N_("ended harmed"),
    # Translators: a reason a student needs a follow-up: a story of theirs ended with them scammed
    "reason_scammed": N_("ended scammed"),
    "reason_money": N_("gave money"),
    "reason_account": N_("gave away an account (OTP, password, login)"),
    # Translators: a red flag is a warning sign of a scam (see docs/glossary.md)
    "top_flags": N_("Red flags missed most"),
    # Translators: the scam-or-real check is a short quiz taken before and after playing; {pre} and {post} are its
    # average scores (percentages), {paired} how many students took it both times, {gain} the average gain
    "prepost_short": NN_("Scam-or-real check: {pre} before, {post} after ({paired} student took both; "
                         "average gain {gain} points).",
                         "Scam-or-real check: {pre} before, {post} after ({paired} students took both; "
                         "average gain {gain} points)."),
    # Translators: sessions left before the end of the story
    "unfinished": NN_("{n} not finished", "{n} not finished"),
    # Translators: under "sessions played": the other sessions in the files, so the report's count adds up to the
    # one `results` prints; a scam-or-real check is the short quiz taken before and after playing
    "quiz_sessions": NN_("and {n} scam-or-real check", "and {n} scam-or-real checks"),
    # Translators: under "sessions played": stories played on the projector in classroom mode, counted apart
    "classroom_sessions": NN_("and {n} classroom-mode session", "and {n} classroom-mode sessions"),
    # Translators: {n} of {total} decisions about a real (not scam) message were answered as if it were a scam;
    # {pct} is that share as a percentage; the form follows {total}
    "genuine": NN_("Real messages treated as scams while playing: {n} of {total} decision ({pct}).",
                   "Real messages treated as scams while playing: {n} of {total} decisions ({pct})."),
    # Translators: heading of a bar chart of the session scores
    "distribution": N_("Scores of all sessions"),
    # Translators: the chart's horizontal axis
    "dist_axis": N_("score (%)"),
    # Translators: the chart's vertical axis: how many sessions
    "dist_count": N_("sessions"),
    "outcomes": N_("How the stories ended"),
    # Translators: how a story ended: the player stayed safe
    "outcome_safe": NC_("story ended", "safe"),
    # Translators: how a story ended: the player lost something (money, an account, their data)
    "outcome_harmed": NC_("story ended", "harmed"),
    # Translators: how a story ended: the player was scammed
    "outcome_scammed": NC_("story ended", "scammed"),
    "prepost": N_("What the class learned: the scam-or-real check"),
    # Translators: column heading: the check taken before playing
    "pre": NC_("check taken", "before"),
    # Translators: column heading: the check taken after playing
    "post": NC_("check taken", "after"),
    # Translators: column heading: after minus before, in percentage points
    "gain": N_("gain"),
    # Translators: {pre}, {post} and {paired} are counts of students; the form follows {pre}
    "prepost_counts": NN_("{pre} student took the check before, {post} after, {paired} both.",
                          "{pre} students took the check before, {post} after, {paired} both."),
    "prepost_gain": N_("Average gain (percentage points) for students who took both:"),
    "false_alarms": N_("Real messages wrongly called scams"),
    # Translators: {pre} and {post} are "N of M answers (P%)" (the entry below), before and after playing
    "false_alarms_text": N_("before: {pre}; after: {post}. If this rises, the class may have become suspicious of "
                            "everything: talk about how to check, not only doubt."),
    # Translators: {n} of {total} answers about real messages called them scams; {pct} that share; the form
    # follows {total}
    "false_alarms_part": NN_("{n} of {total} answer ({pct})", "{n} of {total} answers ({pct})"),
    # Translators: column heading: one question of the scam-or-real check
    "item": N_("Item"),
    # Translators: column heading: the right answer to the question (scam or real)
    "truth": N_("Answer"),
    # Translators: the right answer to a question of the check: the message is a scam
    "scam": NC_("answer", "scam"),
    # Translators: the right answer to a question of the check: the message is genuine
    "real": NC_("answer", "real"),
    # Translators: column heading: share of right answers before playing
    "right_pre": N_("right before"),
    # Translators: column heading: share of right answers after playing
    "right_post": N_("right after"),
    "flags": N_("Red flags the class missed most"),
    "flags_note": N_("Share of the sessions that showed the red flag in which no choice responded to it."),
    # Translators: {m} and {n} are numbers of sessions: the red flag was missed in {m} of the {n} that showed it
    "missed_of": NN_("missed in {m} of {n} session", "missed in {m} of {n} sessions"),
    "per_scenario": N_("Scenario by scenario"),
    # Translators: {sessions} is "N sessions" and {students} "N students" (the two entries below), {avg} a
    # percentage
    "scenario_meta": N_("{sessions} by {students}, average {avg}"),
    # Translators: part of the line above: how many times the scenario was played
    "n_sessions": NN_("{n} session", "{n} sessions"),
    # Translators: part of the line above: how many students played it
    "n_students": NN_("{n} student", "{n} students"),
    # Translators: {v} lists the version numbers of the scenario the results come from ("1, 2")
    "versions": N_("content versions: {v}"),
    # Translators: a heading: the {n}th decision of a scenario
    "decision": N_("Decision {n}"),
    # Translators: how many students picked this option
    "picked": NN_("answered once", "answered {n} times"),
    # Translators: what a decision is about when it answers a phone call; {who} is the caller's name
    "call_from": N_("Incoming call: {who}"),
    # Translators: as "Incoming call", for a video call; {who} is the caller's name
    "video_call_from": N_("Incoming video call: {who}"),
    # Translators: {median} and {mean} are durations ("12.5 s")
    "time": N_("time to decide: median {median}, mean {mean}"),
    # Translators: {n} students did not answer before the decision's timer ran out
    "timed_out": NN_("{n} ran out of time", "{n} ran out of time"),
    # Translators: the trainer typed the number of raised hands for each option on the projector
    "votes": N_("class vote (projector)"),
    "votes_total": NN_("{n} hand in classroom mode", "{n} hands in classroom mode"),
    "time_chart": N_("Median time to decide, per decision"),
    # Translators: a duration in seconds; {x} is the number
    "seconds": N_("{x} s"),
    # Translators: how an option is graded (legend of the bars): the safe choice
    "safety_safe": NC_("choice graded", "safe"),
    # Translators: how an option is graded: a risky choice
    "safety_risky": NC_("choice graded", "risky"),
    # Translators: how an option is graded: an unsafe choice
    "safety_unsafe": NC_("choice graded", "unsafe"),
    # Translators: how an option is graded: an option that earns no points either way
    "safety_neutral": NC_("choice graded", "not scored"),
    # Translators: heading of the table with one row per student
    "students_table": N_("Students"),
    # Translators: column heading: the name a student chose in the game (never a real name)
    "nickname": N_("Nickname"),
    # Translators: replaces a nickname in an anonymised report; {n} is a number such as 07
    "student_n": N_("Student {n}"),
    # Translators: column heading: the class code (9A, 10C...)
    "class": N_("Class"),
    # Translators: column heading: how many sessions the student played
    "played": N_("Sessions"),
    # Translators: column heading: how many different scenarios the student played
    "scen_played": N_("Scenarios"),
    # Translators: column heading: the student's average score; short
    "avg_score": N_("Average"),
    "anonymised": N_("Nicknames are replaced by numbers in this copy."),
    "how_to_read": N_("How to read this report"),
    "how_1": N_("A score is the points earned out of the best possible at each decision met: 100% means the safest "
                "choice every time. A session below zero (unsafe choices cost points) counts as 0%, as the game "
                "shows it. An average is always the mean of the session scores."),
    "how_2": N_("Green bars are safe choices, amber risky, red unsafe, grey not scored. Start the discussion with "
                "the decisions where red bars are long."),
    "how_3": N_("Only nicknames and class codes are stored: no names, no device data."),
    "none": N_("No results yet."),
    "no_quiz": N_("No scam-or-real check was taken in these results."),
    # Translators: {path} is a results file; {sid} the start of a session id; {n} the decision's number; {what} is
    # "step 'ID'" or "choice 'ID'" (kept in English: they name the scenario file); {scn} a scenario id; {v} its version
    "damaged": N_("{path}: session {sid}, decision {n}: {what} is not in scenario {scn} (version {v}): a damaged "
                  "row, left out of the report"),
    # Translators: {path} is a results file; {n} how many sessions in it hold a value of the wrong type (text where
    # a number belongs: a damaged or hand-edited file)
    "mistyped_sessions": NN_("{path}: {n} session holds a value of the wrong type (a damaged row), left out of the "
                             "report",
                             "{path}: {n} sessions hold a value of the wrong type (damaged rows), left out of the "
                             "report"),
    # Translators: {path} is a results file; {n} how many decisions in it hold a value of the wrong type
    "mistyped_decisions": NN_("{path}: {n} decision holds a value of the wrong type (a damaged row), left out of "
                              "the report",
                              "{path}: {n} decisions hold a value of the wrong type (damaged rows), left out of "
                              "the report"),
    # Why a results file could not be read; each follows the file's path and a colon
    "problem_missing": N_("file not found"),
    "problem_empty": N_("the file is empty"),
    "problem_truncated": N_("the file is truncated (copied only in part?)"),
    # Translators: SQLite is the kind of database file the game writes; keep the name
    "problem_not_sqlite": N_("not a results file (not an SQLite database)"),
    "problem_corrupt": N_("the database is damaged"),
    "problem_foreign": N_("an SQLite file, but not Lá Chắn results"),
    # Translators: {found} is the results format the file has, {reads} the newest this version reads (numbers)
    "problem_newer": N_("written by a newer version of Lá Chắn (results format {found}; this version reads up to "
                        "{reads}): update the game to read it"),
    "problem_unreadable": N_("cannot be read"),
    # Why the system refused a file, in brackets after "cannot be read" (the common cases; the rare rest shows the
    # system's own words)
    "reason_denied": N_("permission denied: ask for read access, or copy the file somewhere you can read it"),
    "reason_missing": N_("it is no longer there"),
    "reason_folder": N_("it is a folder, not a file"),
    "reason_not_file": N_("it is not a regular file but a pipe or a device"),
    # Translators: -wal and .db are the file endings the trainer sees, keep them
    "problem_wal_missing": N_("written by an older version, which kept the latest results in a -wal file that was "
                              "not copied: copy it too, or start and close the game once on that machine and copy "
                              "the .db again"),
    # Translators: .db is the file ending the trainer sees, keep it
    "problem_orphan": N_("a file SQLite keeps beside a database, but the database itself is missing and this file "
                         "does not hold all of it: copy the .db file (it holds the results)"),
    # Translators: {path} is a folder the trainer named; results-*.db is the file name pattern, keep it
    "no_results": N_("{path}: no results files (results-*.db) in this folder"),
    # Translators: the report's filter, in the header: only this class (or these classes); {codes} lists class codes
    "filter_class": N_("class {codes}"),
    # Translators: the report's filter: sessions started on or after {day} (YYYY-MM-DD)
    "filter_since": N_("since {day}"),
    # Translators: the report's filter: sessions started on or before {day} (YYYY-MM-DD)
    "filter_until": N_("until {day}"),
    # Translators: --since and --until are command-line options, keep them; {since} and {until} are days
    "filter_reversed": N_("--since {since} is after --until {until}: no day can match"),
    # Translators: {options} repeats the filter options as typed (--class 9A --since ...); {n} is how many sessions
    # the files hold, {in_classes} the "in class ..." phrase below, {span} one of the "started ..." phrases below or nothing
    "filter_nothing": NN_("no session matches {options} (the files hold {n} session, {in_classes}{span})",
                          "no session matches {options} (the files hold {n} sessions, {in_classes}{span})"),
    # Translators: inside the line above; {classes} lists the class codes the files hold; the form follows their number
    "filter_classes": NN_("in class {classes}", "in classes {classes}"),
    # Translators: listed among class codes for sessions that have none
    "filter_no_class": N_("(no class code)"),
    # Translators: added after the class codes; {first} and {last} are days (YYYY-MM-DD); keep the leading comma
    "filter_span": N_(", started {first} to {last}"),
    # Translators: added after the class codes; {day} is a day (YYYY-MM-DD); keep the leading comma
    "filter_day": N_(", started on {day}"),
    # Translators: how the report writes a date and time, as Python strftime codes (%d day, %m month, %Y year,
    # %H hour, %M minute); keep the codes, put them in your language's usual order
    "date_format": NC_("strftime", "%Y-%m-%d %H:%M"),
    # Translators: the decimal separator in numbers (12.5%); a comma in languages that write 12,5%
    "decimal": NC_("number", "."),
    # Translators: the thousands separator in big counts (12,000 sessions); a dot in languages that write 12.000
    "thousands": NC_("number", ","),
    "dash": "–",  # an empty cell: no word to translate
}


def words(lang: str):
    """The `report` catalogue for lang (read on first use; English needs none)."""
    return tool_words(lang, "report")


def t(lang: str, key: str, *, plural: int | None = None, **kw) -> str:
    """The string `key` in lang, formatted with kw. A plural pair is chosen by `plural`, else by `n`
    (or `files`). Whole numbers among kw are written as counts (`count`: 1.000 in Vietnamese)."""
    m = S[key]
    if isinstance(m, Msg):
        n = plural if plural is not None else kw.get("n", kw.get("files"))
        text = m.get(words(lang), n if isinstance(n, int) else None)
    else:
        text = words(lang).gettext(m) if m != "–" else m
    if not kw:
        return text
    return text.format(**{k: count(lang, v) if isinstance(v, int) and not isinstance(v, bool) else v
                          for k, v in kw.items()})


def count(lang: str, n: int | None) -> str:
    """A whole number as the reader writes it: 1.000 (vi), 1,000 (en); 999 has no separator."""
    if n is None:
        return "–"
    return f"{n:,}".replace(",", t(lang, "thousands"))


def num(lang: str, x: float | None, digits: int = 0) -> str:
    """A number in the reader's convention (Vietnamese uses a decimal comma)."""
    if x is None:
        return "–"
    s = f"{x:.{digits}f}"
    point = t(lang, "decimal")
    return s.replace(".", point) if point != "." else s


def pct(lang: str, x: float | None, digits: int = 0) -> str:
    return "–" if x is None else num(lang, x, digits) + "%"


def secs(lang: str, x: float | None) -> str:
    return "–" if x is None else t(lang, "seconds", x=num(lang, x, 1))
