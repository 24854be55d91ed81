"""The words of the students' phone page (game/live/web/phone.js), in the `game` catalogue.

The page is served with every language present in locale/ and its words (`page_words`), read from
the catalogues when the host starts: a student's phone offers each of them, and a word a language
has not translated shows in English. The English below is also phone.js's own fallback (`T.en`);
keep the two the same (a test compares them).
"""

from __future__ import annotations

import json

from game.core.i18n import N_, NC_

WORDS = {
    # Translators: phone page (a student's phone in a live class): heading of the join form
    "join_title": N_("Join the class"),
    # Translators: phone page; the session code is 4 letters shown on the projector
    "join_hint": N_("Type the session code on the projector and a nickname (not your real name)."),
    # Translators: phone page: label of the field for the 4-letter code on the projector
    "code": N_("Session code"),
    # Translators: phone page: label of the field for the student's nickname
    "nick": N_("Nickname"),
    # Translators: phone page: the button that joins the class
    "join": NC_("phone button", "Join"),
    # Translators: phone page: heading above the explanations of the options
    "why": N_("Why?"),
    # Translators: phone page greeting; {n} is the student's nickname
    "hello": N_("Hi {n}!"),
    "wait": N_("Look at the projector. Waiting for the next decision…"),
    "lobby": N_("You are in. Waiting for the trainer to start…"),
    "ended": N_("The story has ended. Watch the debrief on the projector."),
    # Translators: phone page; {n} is the number of the decision in the story
    "decision": N_("Decision {n}"),
    "discuss": N_("What would you do?"),
    "note_none": N_("Pick an answer."),
    # Translators: phone page; {l} is the letter of the option the student picked (A, B, C…)
    "note_mine": N_("You picked {l}. You can change it until the trainer locks the vote."),
    "locked": N_("Voting is locked."),
    # Translators: phone page; {l} is the letter of the option the class goes on with
    "taken": N_("The class goes on with {l}."),
    # Translators: phone page: how an option is graded
    "safe": NC_("phone: option graded", "Safe"),
    # Translators: phone page: how an option is graded
    "risky": NC_("phone: option graded", "Risky"),
    # Translators: phone page: how an option is graded
    "unsafe": NC_("phone: option graded", "Unsafe"),
    # Translators: phone page: how an option is graded (no points either way)
    "neutral": NC_("phone: option graded", "Not scored"),
    # Translators: phone page: a warning sign of a scam (see docs/glossary.md)
    "flag": NC_("phone", "Red flag"),
    # Translators: phone page: the connection to the trainer's computer works
    "online": N_("connected"),
    "offline": N_("reconnecting…"),
    # Translators: phone page: after the option the student voted for
    "mine": N_("(your vote)"),
    "e_wrong_code": N_("There is no session with this code. Check the code on the projector."),
    "e_bad_code": N_("There is no session with this code. It is the 4 letters on the projector."),
    # Translators: phone page; keep the characters listed at the end as they are
    "e_bad_nick": N_("Nickname: 1–24 characters: letters, digits, space, - _ . '"),
    "e_locked": N_("Voting is locked."),
    "e_slow_down": N_("Slow down a little."),
    "e_full": N_("The class is full."),
    "e_no_vote": N_("There is nothing to vote on yet."),
    "e_stale": N_("That question is over. Look at the new one."),
    "e_other": N_("Something went wrong; try again."),
}


def english(key: str) -> str:
    w = WORDS[key]
    return w if isinstance(w, str) else w[1]


def page_words(translators: dict) -> dict:
    """{"langs": [[code, name], ...], "words": {code: {key: text}}} for the given language -> Translator."""
    from game.core.i18n import available_languages

    names = available_languages()
    out = {"langs": [[code, names.get(code, code)] for code in translators], "words": {}}
    for code, tr in translators.items():
        out["words"][code] = {k: (tr.gettext(w) if isinstance(w, str) else tr.pgettext(w[0], w[1]))
                              for k, w in WORDS.items()}
    return out


def script_tag(data: dict) -> str:
    """The words as a JSON data block for phone.html (never executed; `</` escaped)."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("</", "<\\/")
    return f'<script id="words" type="application/json">{text}</script>'
