"""`lint --pack`: the statistical rule for surface shortcuts, on small synthetic packs that must
and must not trip it, the brand check, and the shipped scenarios."""

from pathlib import Path

import pytest

from game.cli.lint import lint, pack_diagnostics
from game.core import packcheck as P
from game.core.diagnostics import Mark

ROOT = Path(__file__).resolve().parents[2]


def contacts(specs):
    """Units for senders: (scam?, {feature: value}) each."""
    return [P.Unit("contact", scam, "x.yaml", Mark(1, 1), dict(feats)) for scam, feats in specs]


def messages(specs):
    return [P.Unit("message", scam, "x.yaml", Mark(1, 1), {}, length) for scam, length in specs]


def found(units):
    return {(s.feature, s.value, s.side) for s in P.shortcuts(units)}


def test_a_prefix_only_scammers_have_is_reported():
    units = contacts([(True, {"number prefix": "070"})] * 6 + [(False, {"number prefix": "090"})] * 6)
    assert ("number prefix", "070", "scam") in found(units)
    assert ("number prefix", "090", "genuine") in found(units)


def test_shared_prefixes_are_not_reported():
    units = contacts([(True, {"number prefix": p}) for p in ("070", "090", "038") * 3]
                     + [(False, {"number prefix": p}) for p in ("090", "070", "038") * 3])
    assert found(units) == set()


@pytest.mark.parametrize("mixed, reported", [(0, True), (1, True), (2, False)])
def test_near_perfect_means_at_least_95_percent_on_one_side(mixed, reported):
    # 19 scam senders shown by number, plus `mixed` genuine ones shown by number
    units = contacts([(True, {"shown as": "number"})] * 19 + [(False, {"shown as": "number"})] * mixed
                     + [(False, {"shown as": "name"})] * 10 + [(True, {"shown as": "name"})] * 1)
    assert (("shown as", "number", "scam") in found(units)) is reported


def test_a_pure_value_covering_only_a_corner_of_one_side_is_not_reported():
    # 5 scam senders use a generic app look, but 15 other scam senders do not: not a shortcut
    units = contacts([(True, {"app": "generic"})] * 5 + [(True, {"app": "sms"})] * 15 + [(False, {"app": "sms"})] * 10)
    assert found(units) == set()


def test_too_few_items_are_never_reported():
    units = contacts([(True, {"number prefix": "070"})] * 4 + [(False, {"number prefix": "090"})] * 4)
    assert found(units) == set()


def test_a_feature_is_judged_among_the_items_it_applies_to():
    # 5 scammers on 070; 20 more scammers are handles with no number at all
    units = contacts([(True, {"number prefix": "070"})] * 5 + [(True, {})] * 20
                     + [(False, {"number prefix": "090"})] * 5)
    assert ("number prefix", "070", "scam") in found(units)


def test_message_length_thresholds():
    long_scams = messages([(True, 200 + i) for i in range(10)] + [(False, 20 + i) for i in range(10)])
    assert {s.feature for s in P.shortcuts(long_scams)} == {"length"}
    assert len(P.shortcuts(long_scams)) == 2  # the widest threshold once per side, not every threshold
    mixed = messages([(True, n) for n in (30, 80, 150, 220, 40, 90)] + [(False, n) for n in (35, 85, 160, 210, 45, 95)])
    assert P.shortcuts(mixed) == []


def test_message_features_of_text():
    f = P.message_features("VietSa thong bao: tai khoan bi KHOA!!", "sms", "vi")
    assert f["accents"] == "no accents" and f["word in capitals"] == "yes" and f["exclamation mark"] == "!!"
    assert P.message_features("Mẹ về muộn nha con :)", "zalo", "vi")["emoticon"] == "yes"


def test_brands_one_letter_from_a_real_one():
    real = ["Zalo", "VietABank", "Giao Hàng Nhanh"]
    names = [(n, "x.yaml", None) for n in ("Zaloo", "Zola", "Zumi", "Zalo", "VietSa Bank", "SongXanh Bank",
                                          "Giao Hang Nhanhh")]
    clashes = {name for name, *_ in P.brand_clashes(names, real)}
    # "Zola" is Zalo with two letters swapped: it reads as a misspelling, so it clashes too
    assert clashes == {"Zaloo", "Zola", "VietSa Bank", "Giao Hang Nhanhh"}
    assert P.osa("zalo", "zaol") == 1 and P.osa("zola", "zalo") == 2


def write_pack(tmp_path, specs):
    """One scenario file per sender spec (prefix, saved, scammer), each with one message."""
    text = (ROOT / "tests" / "fixtures" / "invalid" / "lc601_prefix_gives_it_away.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("contacts:\n")
    _, _, tail = rest.partition("apps:\n")
    lines = []
    for i, (number, saved, scam) in enumerate(specs):
        extra = (", saved: true" if saved else "") + (", scammer: true" if scam else "")
        lines.append(f'  - {{id: c{i}, name: "Ai {i}", number: "{number}"{extra}}}')
    events = "\n".join(f'      - {{id: m{i}, type: message, from: c{i}, text: "Tin số {i} nha."}}' for i in range(len(specs)))
    tail = tail.split("    events:\n")[0] + "    events:\n" + events + "\n    choices:\n" + tail.split("    choices:\n")[1]
    path = tmp_path / "pack_check.yaml"
    path.write_text(head.replace("lc601_prefix_gives_it_away", "pack_check") + "contacts:\n" + "\n".join(lines)
                    + "\napps:\n" + tail, encoding="utf-8")
    return path


def test_lint_pack_on_a_synthetic_pack(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    bad = write_pack(tmp_path, [(f"0700 000 10{i}", False, True) for i in range(5)]
                     + [(f"0900 000 20{i}", True, False) for i in range(5)])
    codes = [d.code for d in lint([bad], pack=True)[1]]
    assert codes.count("LC601") >= 2
    assert [d.code for d in lint([bad])[1]] == []  # only with --pack
    good = write_pack(tmp_path, [(f"0{p}0 000 10{i}", i % 2 == 0, True) for i, p in enumerate(("70", "90", "38", "98", "91"))]
                      + [(f"0{p}1 000 20{i}", i % 2 == 1, False) for i, p in enumerate(("90", "70", "98", "38", "91"))])
    assert [d.format("en") for d in lint([good], pack=True)[1]] == []


def test_the_shipped_scenarios_have_no_shortcut_and_no_brand_clash(monkeypatch):
    monkeypatch.chdir(ROOT)
    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    assert [d.format("en") for d in pack_diagnostics(files)] == []


def test_number_ending_shape():
    assert P.number_ending("0932000888") == "three repeated digits"
    assert P.number_ending("0932000123") == "a run of digits"
    assert P.number_ending("0932000321") == "a run of digits"
    assert P.number_ending("0932000417") == "all different"
    assert P.number_ending("0932000414") == "two digits the same"


def test_a_lucky_ending_on_three_scammers_is_reported_though_they_are_a_corner():
    # 3 scammers end in "…999"-style digits, 20 other scammers and 20 real people have ordinary numbers
    units = contacts([(True, {"number ending": "three repeated digits"})] * 3
                     + [(True, {"number ending": "all different"})] * 20
                     + [(False, {"number ending": "all different"})] * 20)
    assert ("number ending", "three repeated digits", "scam") in found(units)
    # one real contact with such a number as well: 3 of 4 is not 95 %, so no longer a shortcut
    units.append(contacts([(False, {"number ending": "three repeated digits"})])[0])
    assert ("number ending", "three repeated digits", "scam") not in found(units)


def test_chat_handles_only_on_scammers_are_reported():
    units = contacts([(True, {"shown as": "chat handle"})] * 4 + [(True, {"shown as": "phone number"})] * 20
                     + [(False, {"shown as": "saved name"})] * 20)
    assert ("shown as", "chat handle", "scam") in found(units)
    decoy = contacts([(False, {"shown as": "chat handle"})])
    assert ("shown as", "chat handle", "scam") not in found(units + decoy)


@pytest.mark.parametrize("text, secret", [
    ("Không trả, chụp lại bằng chứng, chặn. Nhưng không kể ai.", True),
    ("Chặn cô Vân, không kể với ai", True),
    ("Chặn thôi, đừng nói với ba mẹ nha chị", True),
    ("Xoá hết tin nhắn, giữ kín chuyện này", True),
    ("Im lặng, sợ bị mắng", True),
    ("Block them and tell no one", True),
    ("Don't pay, keep it to myself", True),
    ("Bị dặn giấu ba má là có vấn đề. Chặn và báo cáo", False),
    ("Bị dặn giữ bí mật là lạ. Chặn tài khoản", False),
    ("Từ chối quà. Mình không giấu ba mẹ chuyện gì.", False),
    ("Không trả, chặn, kể với anh Hai", False),
    ("Keep it as evidence and tell mum", False),
])
def test_tells_no_one(text, secret):
    assert P.tells_no_one(text) is secret


def test_lint_pack_reports_a_secret_graded_safe(monkeypatch):
    monkeypatch.chdir(ROOT)
    fixture = ROOT / "tests" / "fixtures" / "invalid" / "lc603_secret_graded_safe.yaml"
    diags = lint([fixture.relative_to(ROOT)], pack=True)[1]
    assert [(d.code, d.args["choice"]) for d in diags if d.code == "LC603"] == [("LC603", "block_alone")]
    assert [d.code for d in lint([fixture.relative_to(ROOT)])[1]] == []  # only with --pack


def test_lc601_reads_in_vietnamese():
    units = contacts([(True, {"number prefix": "070"})] * 6 + [(False, {"number prefix": "090"})] * 6)
    sc = P.shortcuts(units)[0]
    d = P.Diagnostic("x.yaml", Mark(1, 1), "LC601", {"feature": sc.feature, "value": sc.value, "side": sc.side,
                                                      "what": "senders", "have": 6, "on_side": 6, "total": 6})
    vi = d.message("vi")
    assert "người gửi có đầu số = 070" in vi and "lừa đảo" in vi
    for english in ("senders", "number prefix", "scam", "genuine"):
        assert english not in vi


def _pack_of_mail_and_posts(tmp_path, scam_ending: str, genuine_ending: str, scam_sponsored: bool,
                            genuine_sponsored: bool) -> Path:
    """Five scam and five genuine emails and posts, in one scenario: what lint --pack measures of each."""
    contacts, events = [], []
    for i in range(10):
        scam = i < 5
        ending = scam_ending if scam else genuine_ending
        contacts.append(f'  - {{id: c{i}, name: "Người gửi {i}", email: "hotro{i}@ben{i}.{ending}", '
                        f'scammer: {str(scam).lower()}}}')
        events.append(f'      - {{id: e{i}, type: email, from: c{i}, subject: "Thư số {i}"}}')
        sponsored = scam_sponsored if scam else genuine_sponsored
        events.append(f'      - {{id: p{i}, type: post, from: c{i}, text: "Bài số {i}", '
                      f'sponsored: {str(sponsored).lower()}}}')
    text = (ROOT / "tests" / "fixtures" / "invalid" / "lc309_fill_without_page.yaml").read_text(encoding="utf-8")
    head, rest = text.split("contacts:\n", 1)
    rest = rest.split("apps:\n", 1)[1]
    body = rest.split("    events:\n", 1)
    after = body[1].split("    choices:\n", 1)[1].replace("        page: fill\n", "")
    path = tmp_path / "mail_pack.yaml"
    path.write_text(head.replace("lc309_fill_without_page", "mail_pack")
                    + "contacts:\n  - {id: mom, name: \"Mẹ\", number: \"0900 000 002\", saved: true}\n"
                    + "\n".join(contacts) + "\napps:\n" + body[0] + "    events:\n" + "\n".join(events)
                    + "\n    choices:\n" + after, encoding="utf-8")
    return path


def test_lint_pack_measures_emails_and_posts(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    bad = _pack_of_mail_and_posts(tmp_path, "xyz", "vn", True, False)
    assert [d.code for d in lint([bad])[1]] == []
    diags = [d for d in lint([bad], pack=True)[1] if d.code == "LC601"]
    said = {(d.args["what"], d.args["feature"], d.args["value"], d.args["side"]) for d in diags}
    assert ("emails", "address ending", "xyz", "scam") in said
    assert ("posts", "sponsored", "yes", "scam") in said
    line = next(d for d in diags if d.args["feature"] == "sponsored").format("vi")
    assert "bài đăng" in line and "nhãn được tài trợ" in line
    good = _pack_of_mail_and_posts(tmp_path, "example", "example", True, True)
    assert [d.format("en") for d in lint([good], pack=True)[1]] == []


def test_email_and_post_features():
    assert P.email_features("an@ngan-hang-sen.example", "Ngân hàng Sen") == {
        "address ending": "example", "display name": "organisation"}
    assert P.email_features("", "Lan") == {"address ending": "none", "display name": "person"}

    class Poster:
        verified, name = True, "Quỹ Ấm Áp"

    assert P.post_features(True, Poster()) == {"sponsored": "yes", "verified badge": "yes", "page name": "organisation"}


def test_brand_names_include_the_new_channels(tmp_path, monkeypatch):
    """A real brand one letter off in an email address, a page's URL, a QR link, an installer's name or a
    page's former name is LC602 like one in a message's link."""
    monkeypatch.chdir(ROOT)
    text = (ROOT / "tests" / "fixtures" / "invalid" / "lc206_missing_v2_images.yaml").read_text(encoding="utf-8")
    text = text.replace("id: lc206_missing_v2_images", "id: brands_v2")
    text = text.replace("        image: images/lu_lut.png\n", "").replace("          - image: images/logo_quy.png\n", "")
    text = text.replace('email: "hotro@quy-am-ap.example"', 'email: "hotro@zaloo.example", former_names: ["Shop Vietcombak"]')
    text = text.replace('url: "https://quy-am-ap.example/ung-ho"', 'url: "https://momoo-pay.example/ung-ho"')
    path = tmp_path / "brands_v2.yaml"
    path.write_text(text, encoding="utf-8")
    assert [d.code for d in lint([path])[1]] == []
    names = {d.args["name"] for d in lint([path], pack=True)[1] if d.code == "LC602"}
    assert {"zaloo", "momoo", "Shop Vietcombak"} <= names
