"""Format version 2 as the engine plays it: email, posts, pages, scans, installs, `when:` on events,
money variables and `{placeholders}`; and the tools (lint, walk, the JSON Schema) on version 2 files."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.cli.lint import lint
from game.core import placeholders as P
from game.core import walk
from game.core.engine import Engine
from game.core.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
FORMAT_DOC = ROOT / "docs" / "scenario-format.md"
IMAGES = ("quy_am_ap_flood", "quy_am_ap_bank", "quy_am_ap_logo", "quy_am_ap_icon")


def doc_example() -> str:
    """The complete v2 example in docs/scenario-format.md."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    after = text.split("### The other channels: an annotated example", 1)[1]
    return re.search(r"```yaml\n(.*?)```", after, re.S).group(1)


@pytest.fixture
def example(tmp_path) -> Path:
    folder = tmp_path / "scenarios"
    (folder / "images").mkdir(parents=True)
    for name in IMAGES:
        shutil.copy(ROOT / "scenarios" / "images" / "fake_bank_login.png", folder / "images" / f"{name}.png")
    path = folder / "quy_am_ap.yaml"
    path.write_text(doc_example(), encoding="utf-8")
    return path


@pytest.fixture
def scn(example):
    loaded = load_scenario(example)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    return loaded.scenario


def play(e: Engine, *choices: str) -> list:
    out = e.skip()
    for cid in choices:
        e.choose(cid)
        out += e.skip()
    return out


def test_the_documented_example_lints_clean_with_strict(example):
    _reports, diags, counts = lint([example])
    assert [d.format("en") for d in diags] == []
    assert counts["scenarios"] == 1 and counts["paths"] == 16


def test_a_post_lands_in_the_feed_with_its_qr_and_values(scn):
    e = Engine(scn)
    kinds = [h.kind for h in e.skip()]
    assert kinds[0] == "post"
    post = e.phone.posts[0]
    assert (post.app, post.sender, post.sponsored, post.likes, post.shares) == ("feed", "quy", True, 12400, 3100)
    assert post.image == "images/quy_am_ap_flood.png"
    assert [(c.sender, c.text.key) for c in post.comments] == [("fan", "quy_am_ap/feed_post/p1/comments/0/text")]
    assert post.text.values == (("gift", "money", 200000),)
    assert e.phone.focus == ("feed", "feed")
    qr = post.qr
    assert (qr.shows, qr.account, qr.personal, qr.amount) == ("transfer", "0900111222", True, 200000)
    assert qr.name.key == "quy_am_ap/feed_post/p1/qr/name" and qr.name.source == "NGUYEN VAN HUNG"
    assert e.phone.qr_shown is qr


def test_a_scan_without_qr_scans_the_last_code_shown(scn):
    e = Engine(scn)
    happened = play(e, "scan_it")
    scan = next(h.ref for h in happened if h.kind == "scan")
    assert scan is e.phone.scans[-1]
    assert scan.qr is e.phone.posts[0].qr
    assert e.phone.focus == ("scan", "quy_am_ap/scanned/sc1")


def test_a_scan_before_any_code_scans_nothing_and_does_not_crash(tmp_path):
    text = doc_example().replace("        qr:                       # a real QR code", "        xqr:", 1)
    text = re.sub(r"\n        xqr:.*?\n        flags", "\n        flags", text, count=1, flags=re.S)
    path = tmp_path / "quy_am_ap.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)
    assert "LC308" in {d.code for d in loaded.diagnostics}  # a warning: the file still plays
    e = Engine(loaded.scenario)
    play(e, "scan_it")
    assert e.phone.scans[-1].qr is None


def test_an_email_lands_with_the_whole_address_and_when_picks_the_variant(scn):
    paid = Engine(scn)
    play(paid, "scan_it", "pay")
    assert paid.vars["donated"] == 200000
    (bank,) = [n for n in paid.phone.notifications if n.id == "quy_am_ap/inbox/bank"]
    assert bank.image == "images/quy_am_ap_bank.png"
    assert bank.text.values == (("donated", "money", 200000),)
    mail = paid.phone.emails[-1]
    assert (mail.app, mail.sender, mail.address, mail.reply_to) == (
        "mail", "support", "hotro@mangxanh-trogiup.example", "khoiphuc.trang.2026@thu-nhanh.example")
    assert mail.display_name.source == "Mạng Xanh Support" and mail.subject.key == "quy_am_ap/inbox/e1/subject"
    assert [(a.name, a.size) for a in mail.attachments] == [("Bien_ban_vi_pham.pdf", "1,2 MB")]
    assert mail.link.url == "https://mangxanh-trogiup.example/xac-minh" and mail.folder == "inbox"
    assert paid.phone.focus == ("email", "mail", "quy_am_ap/inbox/e1")

    kept = Engine(scn)
    play(kept, "scan_it", "stop")
    assert [n.id for n in kept.phone.notifications] == []  # `when: {var: donated, gt: 0}` did not hold
    assert kept.phone.emails[-1].id == "quy_am_ap/inbox/e1"


@pytest.mark.parametrize("effect, folder", [("spam", "spam"), ("delete", "trash")])
def test_an_email_effect_moves_the_open_email(scn, effect, folder):
    for c in scn.step("inbox").choices:
        if c.id == "report_spam":
            c.email = effect
    e = Engine(scn)
    play(e, "scan_it", "stop")
    e.choose("report_spam")
    assert e.phone.emails[-1].folder == folder


def test_a_page_opens_fills_and_an_install_asks_for_permissions(scn):
    e = Engine(scn)
    play(e, "scan_it", "pay", "open_link")
    page = e.phone.pages[-1]
    assert e.phone.focus == ("page", "quy_am_ap/login/w1")
    assert (page.url, page.secure, page.filled, page.closed) == (
        "https://mangxanh-trogiup.example/xac-minh", True, False, False)
    assert [b.kind for b in page.blocks] == ["heading", "image", "text", "field", "button"]
    assert page.blocks[1].image == "images/quy_am_ap_logo.png" and page.blocks[1].text is None
    assert page.blocks[3].input == "password" and page.blocks[3].text.key == "quy_am_ap/login/w1/blocks/3/field"
    assert page.flags == ["lookalike_address", "otp_password_request"]
    e.choose("fill")
    assert page.filled and not page.closed
    e.skip()
    inst = e.phone.installs[-1]
    assert e.phone.focus == ("install", "quy_am_ap/install/i1")
    assert (inst.screen, inst.source, inst.size, inst.icon) == ("permissions", "BaoVeTrang.apk", "18 MB",
                                                                "images/quy_am_ap_icon.png")
    assert inst.permissions == ["accessibility", "read_sms", "screen_share"]
    assert inst.name.source == "Bảo vệ Trang" and inst.publisher.key == "quy_am_ap/install/i1/publisher"
    fb = e.choose("allow")
    assert fb.ending.id == "scammed_end"
    assert e.values_for(fb.ending.debrief) == (("donated", "money", 200000),)


def test_page_close(scn):
    e = Engine(scn)
    play(e, "scan_it", "stop", "open_link")
    e.choose("leave")
    assert e.phone.pages[-1].closed and not e.phone.pages[-1].filled


MINI = """\
schema_version: 2
id: mini
source_language: vi
title: "Thử"
summary: "Thử when và giá trị."
difficulty: 1
minutes: 1
player: {name: "Lan"}
contacts:
  - {id: mom, name: "Mẹ", number: "0900 000 102", saved: true}
  - {id: bank, name: "Ngân hàng Sen", saved: true}
variables:
  - {id: balance, type: money, default: 500000}
  - {id: warned, type: bool, default: false}
steps:
  - id: one
    events:
      - {id: m1, type: message, from: bank, text: "Số dư {balance}."}
    choices:
      - {id: spend, text: "Chi {balance}", safety: neutral, add: {balance: -200000}, next: two}
      - {id: warn, text: "Hỏi mẹ", safety: neutral, set: {warned: true}, next: two}
  - id: two
    events:
      - {id: skipped, type: message, from: bank, delay: 5, text: "Biến thể", when: {var: warned, eq: true}}
      - {id: m2, type: message, from: bank, delay: 1, text: "Số dư mới {balance}."}
    choices:
      - {id: done, text: "Xong", safety: neutral, next: end}
endings:
  - {id: end, outcome: safe, title: "Xong", debrief: "Còn {balance}."}
"""


@pytest.fixture
def mini(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    return load_scenario(path).scenario


def test_when_skips_an_event_and_its_delay(mini):
    e = Engine(mini)
    e.skip()
    e.choose("spend")  # warned stays false: `skipped` and its 5 seconds do not play
    start = e.time
    assert e.advance(0.9) == []
    assert [h.kind for h in e.advance(0.2)][:1] == ["message"]
    assert e.time - start == pytest.approx(1.1)
    texts = [m.text.source for m in e.phone.threads[("sms", "bank")].messages]
    assert texts == ["Số dư {balance}.", "Số dư mới {balance}."]

    e = Engine(mini)
    e.skip()
    e.choose("warn")
    assert e.advance(4.9) == []
    assert [h.kind for h in e.advance(0.2)][:1] == ["message"]  # the variant, after its own delay
    e.skip()
    texts = [m.text.source for m in e.phone.threads[("sms", "bank")].messages]
    assert texts == ["Số dư {balance}.", "Biến thể", "Số dư mới {balance}."]


def test_values_are_captured_when_the_text_is_shown(mini):
    e = Engine(mini)
    e.skip()
    assert e.values_for("Chi {balance}") == (("balance", "money", 500000),)
    e.choose("spend")
    e.skip()
    first, second = e.phone.threads[("sms", "bank")].messages
    assert first.text.values == (("balance", "money", 500000),)  # as it was when it arrived
    assert second.text.values == (("balance", "money", 300000),)
    assert P.fill(first.text.source, first.text.values, "vi") == "Số dư 500.000đ."
    assert P.fill(second.text.source, second.text.values, "en") == "Số dư mới 300,000 VND."


@pytest.mark.parametrize("kind, value, lang, shown", [
    ("money", 500000, "vi", "500.000đ"),
    ("money", 500000, "en", "500,000 VND"),
    ("money", 20_000_000, "vi_VN", "20.000.000đ"),
    ("money", 0, "vi", "0đ"),
    ("money", -200000, "en", "-200,000 VND"),
    ("int", 1500, "vi", "1.500"),
    ("int", 1500, "en", "1,500"),
    ("int", 7, "vi", "7"),
    ("bool", True, "en", "true"),
])
def test_money_and_numbers_are_formatted_for_the_language(kind, value, lang, shown):
    assert P.format_value(kind, value, lang) == shown


def test_fill_keeps_escapes_and_unknown_names():
    values = (("amount", "money", 500000),)
    assert P.fill("{{amount}} = {amount}", values, "vi") == "{amount} = 500.000đ"
    assert P.fill("Mất {amout}", values, "vi") == "Mất {amout}"  # a mistake shows rather than vanishes
    assert P.names("{a} {b} {a} {{c}}") == ["a", "b"]
    assert P.stray_braces("giá {amount") and not P.stray_braces("{{ {amount} }}")


def test_walk_counts_paths_of_version_2_files(scn, mini):
    assert len(list(walk.paths(scn))) == 16
    assert walk.stats(scn).paths == 16
    assert sorted(p.ending for p in walk.paths(mini)) == ["end", "end"]
    assert walk.stats(mini).paths == 2


def test_walk_and_lint_run_on_the_handoff_demo(tmp_path):
    demo = ROOT / "tests" / "fixtures" / "v2" / "v2_demo.yaml"
    shutil.copy(demo, tmp_path / "v2_demo.yaml")
    shutil.copy(ROOT / "scenarios" / "images" / "fake_bank_login.png", tmp_path / "x.png")  # its notification image
    res = subprocess.run([sys.executable, "main.py", "walk", str(tmp_path / "v2_demo.yaml"), "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    assert "scan → fill" in res.stdout and "scan → stop" in res.stdout
    res = subprocess.run([sys.executable, "main.py", "lint", str(tmp_path / "v2_demo.yaml"), "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "Traceback" not in res.stderr, res.stderr
    assert res.returncode == 0 and ": 0 errors, " in res.stdout, res.stdout  # (it has warnings: not content)
    (tmp_path / "x.png").unlink()
    res = subprocess.run([sys.executable, "main.py", "lint", str(tmp_path / "v2_demo.yaml"), "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    errors = [ln for ln in res.stdout.splitlines() if " error: " in ln]
    assert len(errors) == 1 and "LC206" in errors[0] and "x.png" in errors[0]  # a notification image is checked


def test_the_json_schema_accepts_version_2_files(example):
    jsonschema = pytest.importorskip("jsonschema")
    from game.core.jsonschema import scenario_schema

    validator = jsonschema.Draft7Validator(scenario_schema())
    errors = list(validator.iter_errors(yaml.safe_load(example.read_text(encoding="utf-8"))))
    assert errors == [], [e.message for e in errors[:3]]
    demo = yaml.safe_load((ROOT / "tests" / "fixtures" / "v2" / "v2_demo.yaml").read_text(encoding="utf-8"))
    errors = list(validator.iter_errors(demo))  # the demo's harmful ending has no hotlines or advice (LC402, LC335)
    assert sorted(e.message for e in errors) == ["'advice' is a required property", "'hotlines' is a required property"]
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    data["steps"][3]["events"][0]["blocks"][0]["input"] = "secret"
    data["contacts"][1]["created"] = "2 tháng 10"
    data["steps"][4]["events"][0]["permissions"].append("read_contacts")
    assert len(list(validator.iter_errors(data))) >= 3


def _post(d):
    return d["steps"][0]["events"][0]


def _page(d):
    return d["steps"][3]["events"][0]


@pytest.mark.parametrize("change, caught", [
    (lambda d: _post(d)["qr"].update(payload="x" * 301), True),  # LC118
    (lambda d: _post(d)["qr"].update(payload="x" * 300), False),
    (lambda d: _post(d)["qr"].pop("name"), True),  # LC119
    (lambda d: _post(d)["qr"].update(shows="link"), True),
    (lambda d: _post(d)["qr"].update(shows="link", url="https://quy.example"), False),
    (lambda d: _page(d).update(blocks=[]), True),  # LC120
    (lambda d: _page(d).pop("blocks"), True),
    (lambda d: _page(d)["blocks"][0].update(text="và chữ"), True),  # LC121
    (lambda d: _page(d)["blocks"].append({}), True),
    (lambda d: _page(d)["blocks"][0].update(input="password"), True),
    (lambda d: d["contacts"][3].update(email="hotro at mangxanh"), True),  # LC123
    (lambda d: d["steps"][2]["events"][1].update(reply_to="a@b"), True),
    (lambda d: d["steps"][2]["events"][1].update(reply_to="an.ho@tro.mang-xanh.example"), False),
])
def test_the_json_schema_checks_what_it_can_of_version_2(example, change, caught):
    jsonschema = pytest.importorskip("jsonschema")
    from game.core.jsonschema import scenario_schema

    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    change(data)
    errors = list(jsonschema.Draft7Validator(scenario_schema()).iter_errors(data))
    assert bool(errors) is caught, [e.message for e in errors[:3]]


def test_a_timeout_text_carries_the_values_when_time_runs_out(tmp_path):
    text = MINI.replace("""    choices:
      - {id: done""", """    timeout: {after: 10, go: end, text: "Hết giờ, còn {balance}.", lesson: true}
    choices:
      - {id: done""")
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    e = Engine(load_scenario(path).scenario)
    e.skip()
    e.choose("spend")
    e.skip()
    fb = e.time_out()
    assert fb.explanation.values == (("balance", "money", 300000),)


@pytest.mark.slow  # every line of the example deleted or made a list (~11 s): CI's slow stage
def test_a_broken_line_anywhere_in_the_example_gives_diagnostics_never_a_crash(example):
    """Each line of the v2 example deleted, or its value made a list: load, lint, play and walk never raise."""
    lines = example.read_text(encoding="utf-8").split("\n")
    variants = []
    for i, ln in enumerate(lines):
        variants.append(lines[:i] + lines[i + 1:])
        m = re.match(r"^(\s*(?:- )?[a-z_]+:\s*)(\S.*)$", ln)
        if m:
            variants.append(lines[:i] + [m.group(1) + "[]"] + lines[i + 1:])
    for variant in variants:
        example.write_text("\n".join(variant), encoding="utf-8")
        loaded = load_scenario(example)
        if not loaded.ok:
            assert loaded.errors
            continue
        e = Engine(loaded.scenario)
        for _ in range(8):
            e.skip()
            if e.ending or not e.offered():
                break
            e.choose(e.offered()[-1].id)
        list(walk.paths(loaded.scenario, limit=20))


def test_the_example_shows_every_part_version_2_adds():
    text = doc_example()
    for typ in ("email", "post", "page", "scan", "install"):
        assert f"type: {typ}" in text, typ
    for key in ("email", "verified", "created", "former_names", "about", "kind: email", "kind: social", "type: money",
                "when", "qr", "payload", "shows", "personal", "account", "bank", "blocks", "heading", "field", "input",
                "button", "secure", "display_name", "reply_to", "subject", "attachments", "sponsored", "likes",
                "shares", "comments", "screen", "publisher", "source", "size", "icon", "permissions", "page: fill",
                "page: close", "email: spam"):
        assert re.search(rf"\b{key}\b", text), key
    assert re.search(r"type: notification\n(.*\n){1,6}\s+image:", text)  # a notification image
    assert "{gift}" in text and "{donated}" in text


def test_a_plain_date_is_a_date_even_in_a_file_with_tags_possible(tmp_path):
    """`created: 2026-11-20` unquoted is a date, not a refused timestamp tag, whatever else the file
    holds (a `!` that could start a tag made the check look at every scalar; teacher try-out)."""
    from game.core import yamlstrict as Y

    for text in ("created: 2026-10-02\n", 'created: 2026-10-02\nx: "! a"\n'):
        root, diags = Y.compose(text, "p")
        assert root is not None and not diags, diags
    _root, diags = Y.compose('created: !!timestamp "2026-10-02"\nx: "! a"\n', "p")
    assert [d.code for d in diags] == ["LC006"]  # a tag the author wrote is still refused


def test_braces_in_a_version_1_file_are_literal(tmp_path):
    """Version 1 had no placeholders: its braces load and show as written (teacher try-out)."""
    import shutil

    from game.core.engine import Engine
    from game.core.loader import load_scenario

    src = (ROOT / "scenarios" / "demo_shipper.yaml").read_text(encoding="utf-8")
    src = src.replace("schema_version: 2", "schema_version: 1", 1)
    first = next(line for line in src.splitlines() if line.strip().startswith("text: \""))
    changed = src.replace(first, first.split("text:")[0] + 'text: "Lệnh bắt {số 123/LB}."', 1)
    path = tmp_path / "demo_shipper.yaml"
    path.write_text(changed, encoding="utf-8")
    for name in ("images", "audio"):
        if (ROOT / "scenarios" / name).exists():
            shutil.copytree(ROOT / "scenarios" / name, tmp_path / name)
    got = load_scenario(path)
    assert not got.errors, [d.code for d in got.errors]
    assert Engine(got.scenario).text_now("k", "Lệnh bắt {số 123/LB}.").values == ()


def _codes_for(tmp_path, text: str) -> list:
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    return [(d.code, d.args) for d in load_scenario(path).diagnostics]


@pytest.mark.parametrize("written, suggestion", [
    ("{số_tiền}", "so_tien"), ("{ balance }", "balance"), ("{số 123/LB}", "so_123_lb"), ("{}", "so_tien"),
])
def test_a_placeholder_that_is_no_variable_name_gets_a_name_that_works(tmp_path, written, suggestion):
    """`{số_tiền}` must not be answered with "declare `số_tiền`" (an id lint then refuses): the
    message says what a name is and suggests one that works (teacher try-out)."""
    text = MINI.replace("Còn {balance}.", f"Còn {written}.")
    got = [args for code, args in _codes_for(tmp_path, text) if code == "LC212"]
    assert len(got) == 1 and got[0]["variant"] == "name"
    assert f"{{{suggestion}}}" in got[0]["fix"]
    assert ("declared as" in got[0]["fix"]) == (written not in ("{ balance }", "{}"))


@pytest.mark.parametrize("written", ["told", '"told == true"'])
def test_a_condition_written_as_words_gets_the_mapping_to_write(tmp_path, written):
    text = MINI.replace("    choices:\n      - {id: done,", f"    choices:\n      - when: {written}\n        id: done2\n        text: x\n        safety: neutral\n        next: end\n      - {{id: done,", 1)
    got = [args for code, args in _codes_for(tmp_path, text) if code == "LC114"]
    assert got and got[0]["variant"] == "words" and got[0]["fix"] == "{var: told, eq: true}"
