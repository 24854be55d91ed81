"""Scenario and shared-data text, looked up by stable key through the translator."""

from __future__ import annotations

from game.core.texts import Text, choice_key, ending_key


def scn_text(tr, scn, name: str) -> str:
    return tr.text(Text(f"{scn.id}/{name}", getattr(scn, name) or ""))


def scn_list(tr, scn, name: str) -> list[str]:
    return [tr.text(Text(f"{scn.id}/{name}/{i}", v)) for i, v in enumerate(getattr(scn, name) or [])]


def contact_name(tr, scn, cid: str) -> str:
    """Saved contacts by name; others by number, or "Unknown"."""
    if cid == "player":
        # Translators: the player, as the sender of their own messages and calls
        return tr.gettext("You")
    c = scn.contact(cid)
    if c is None:
        # Translators: a caller or sender whose number is not shown (like "No caller ID")
        return tr.gettext("Unknown")
    if c.saved:
        return tr.text(Text(f"{scn.id}/contact/{c.id}/name", c.name))
    return c.number or tr.gettext("Unknown")


def contact_saved(scn, cid: str) -> bool:
    c = scn.contact(cid)
    return bool(c and c.saved)


def app_name(tr, scn, app) -> str:
    if app is None:
        return tr.gettext("Phone")
    if not app.marks:  # the implicit Messages app is UI text
        return tr.gettext("Messages")
    return tr.text(Text(f"{scn.id}/app/{app.id}/name", app.name))


def model_text(tr, key: str, source: str | None, engine=None) -> str:
    """A scenario text the UI draws straight from the model (not one the engine showed), with its
    `{placeholders}` filled from the engine's variables as they are now."""
    source = source or ""
    values = engine.values_for(source) if engine is not None and "{" in source else ()
    return tr.text(Text(key, source, values))


def choice_text(tr, scn, step, c, engine=None) -> str:
    return model_text(tr, f"{choice_key(scn, step, c)}/text", c.text, engine)


def ending_text(tr, scn, ending, name: str, engine=None) -> str:
    return model_text(tr, f"{ending_key(scn, ending)}/{name}", getattr(ending, name), engine)


def ending_advice(tr, scn, ending, engine=None) -> list[str]:
    base = ending_key(scn, ending)
    return [model_text(tr, f"{base}/advice/{i}", a, engine) for i, a in enumerate(ending.advice)]


def flag_name(tr, tax, fid: str) -> str:
    fl = tax.red_flags.get(fid) if tax else None
    return tr.text(Text(f"red_flag/{fid}/name", fl.name)) if fl else fid


def tag_names(tr, tax, tags) -> list[str]:
    """Topic tags as players read them; a tag `assets/data/tags.yaml` does not name is left out
    (a raw id such as `bat_coc_online` means nothing to a student)."""
    out = []
    for t in tags:
        tag = tax.tags.get(t) if tax else None
        name = tr.text(Text(f"tag/{t}/name", tag.name)) if tag is not None else None
        if name and name not in out:  # two ids may share a name (task_scam, easy_job)
            out.append(name)
    return out


def difficulty_text(tr, n: int) -> str:
    """A scenario's difficulty (1-5) as a word a student reads, with the number."""
    level = (tr.pgettext("difficulty", "easy") if n <= 2 else tr.pgettext("difficulty", "medium") if n == 3
             else tr.pgettext("difficulty", "hard"))
    return tr.gettext("Difficulty: {level} ({n}/5)").format(level=level, n=n)


def flag_explanation(tr, tax, fid: str) -> str:
    fl = tax.red_flags.get(fid) if tax else None
    return tr.text(Text(f"red_flag/{fid}/explanation", fl.explanation)) if fl else ""


def hotline(tr, tax, hid: str) -> tuple[str, str, str] | None:
    h = tax.hotlines.get(hid) if tax else None
    if h is None:
        return None
    return (tr.text(Text(f"hotline/{hid}/number", h.number)), tr.text(Text(f"hotline/{hid}/name", h.name)),
            tr.text(Text(f"hotline/{hid}/text", h.text)))


def safety_word(tr, safety: str) -> str:
    return {"safe": tr.gettext("Safe"), "risky": tr.gettext("Risky"), "unsafe": tr.gettext("Unsafe"),
            "neutral": tr.gettext("Not scored")}.get(safety, safety)


def outcome_word(tr, outcome: str) -> str:
    return {"safe": tr.gettext("You stayed safe"), "harmed": tr.gettext("You were harmed"),
            "scammed": tr.gettext("You were scammed")}.get(outcome, outcome)


def clock(seconds: float, start_minutes: int = 20 * 60 + 14) -> str:
    """The phone's clock: the story starts at the scenario's `clock:` and follows game time."""
    m = (start_minutes + int(seconds // 60)) % (24 * 60)
    return f"{m // 60:02d}:{m % 60:02d}"


def duration(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 60:02d}:{s % 60:02d}"


def save_problem(tr, errno_: int | None) -> str:
    """Why a file could not be written, in the player's words (the OS's own text is English)."""
    import errno

    if errno_ == errno.ENOSPC:
        return tr.gettext("the disk is full")
    if errno_ in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr.gettext("this folder cannot be written to")
    if errno_ in (errno.ENOENT, errno.ENOTDIR, errno.EEXIST):  # EEXIST: a file where the folder should be
        return tr.gettext("the folder is missing")
    return tr.gettext("the file could not be written")
