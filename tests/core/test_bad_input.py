"""Hostile files get diagnostics fast, in bounded memory, and never stop other files loading."""

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game.core.loader import load_all, load_scenario

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "scenarios" / "demo_shipper.yaml"


def hostile_files(folder: Path) -> dict[str, Path]:
    files = {
        "invalid_yaml": "id: [unclosed\n",
        "tabs": "id: x\n\ttitle: y\n",
        "empty": "",
        "top_level_list": "- a\n- b\n",
        "python_tag": "id: !!python/object/apply:os.system ['echo pwned']\n",
        "alias_bomb": "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)),
        "deep_flow": "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "deep_block": "".join("  " * i + f"- k{i}:\n" for i in range(400)),
        # Past libyaml's own nesting cap (1,000 in its newer releases): the code must not
        # depend on which of the two limits is met first.
        "deep_block_past_libyaml_cap": "a:\n" + "- " * 1_200 + "x\n",
        "deep_flow_mappings": "a: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n",
        "alias_in_deep_flow": "a: &a x\nb: " + "[" * 1_100 + "*a" + "]" * 1_100 + "\n",
    }
    out = {}
    for name, text in files.items():
        out[name] = folder / f"{name}.yaml"
        out[name].write_text(text, encoding="utf-8")
    out["utf16"] = folder / "utf16.yaml"
    out["utf16"].write_bytes(DEMO.read_text(encoding="utf-8").encode("utf-16"))
    out["binary"] = folder / "binary.yaml"
    out["binary"].write_bytes(bytes(range(256)) * 64)
    out["huge"] = folder / "huge.yaml"
    with out["huge"].open("wb") as fh:
        fh.write(b"a: " + b"x" * 1000)
        fh.truncate(50 * 1024 * 1024)
    return out


def test_each_hostile_file_gets_only_diagnostics(tmp_path):
    for name, path in hostile_files(tmp_path).items():
        loaded = load_scenario(path)
        assert loaded.scenario is None or loaded.errors, name
        assert loaded.errors, name
        for d in loaded.diagnostics:
            assert d.format("vi") and d.format("en")


def test_a_bad_file_never_stops_the_others(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    hostile_files(folder)
    (folder / "demo_shipper.yaml").write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(ROOT / "scenarios" / "images", folder / "images")
    loaded = load_all([folder])
    good = [x for x in loaded if x.ok]
    assert [x.scenario.id for x in good] == ["demo_shipper"]
    (tmp_path / "count").mkdir()
    assert len(loaded) == len(hostile_files(tmp_path / "count")) + 1


PROBE = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from game.core.loader import load_scenario
    out = {}
    for p in sys.argv[1:]:
        t = time.process_time()  # CPU time: the bound is about work done, steady on a loaded machine
        codes = [d.code for d in load_scenario(Path(p)).diagnostics]
        out[Path(p).stem] = {"s": time.process_time() - t, "codes": codes}
    # VmHWM belongs to this process image; ru_maxrss survives exec, so it would report the memory
    # of the (big, forked) test worker that started this probe
    hwm = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")]
    out["_rss_mb"] = int(hwm[0]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
""")


def test_time_and_memory_bounds(tmp_path):
    """Each file answers within 2 s, and the whole run stays under 200 MB."""
    files = hostile_files(tmp_path)
    res = subprocess.run([sys.executable, "-c", PROBE, *map(str, files.values())],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    data = json.loads(res.stdout)
    assert data.pop("_rss_mb") < 200
    for name, item in data.items():
        assert item["s"] < 2.0, (name, item)
        assert item["codes"], name
    assert data["alias_bomb"]["codes"] == ["LC004"]
    assert data["deep_flow"]["codes"] == ["LC005"]
    assert data["deep_block"]["codes"] == ["LC005"]
    assert data["deep_block_past_libyaml_cap"]["codes"] == ["LC005"]
    assert data["deep_flow_mappings"]["codes"] == ["LC005"]
    assert data["alias_in_deep_flow"]["codes"] in (["LC004"], ["LC005"])
    assert data["huge"]["codes"] == ["LC001"]
    assert data["python_tag"]["codes"] == ["LC006"]
    assert data["utf16"]["codes"] == ["LC010"]


@pytest.mark.parametrize("text, code", [
    ('title: no', "LC104"),
    ('title: 0123', "LC104"),
    ('minutes: 0123', "LC110"),
    ('minutes: 1:30', "LC110"),
    ('title: null', "LC104"),
])
def test_yaml_11_surprises_are_refused(tmp_path, text, code):
    src = DEMO.read_text(encoding="utf-8")
    key = text.split(":")[0]
    lines = [text if ln.startswith(f"{key}:") else ln for ln in src.splitlines()]
    path = tmp_path / "scenarios" / "demo_shipper.yaml"
    path.parent.mkdir()
    path.write_text("\n".join(lines), encoding="utf-8")
    shutil.copytree(ROOT / "scenarios" / "images", path.parent / "images")
    assert [d.code for d in load_scenario(path).diagnostics] == [code]


def test_text_is_nfc(tmp_path):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Mẹ ơi, con đây")
    path = tmp_path / "scenarios" / "demo_shipper.yaml"
    path.parent.mkdir()
    shutil.copytree(ROOT / "scenarios" / "images", path.parent / "images")
    path.write_text(DEMO.read_text(encoding="utf-8").replace('name: "Mẹ"', f'name: "{decomposed}"'), encoding="utf-8")
    scn = load_scenario(path).scenario
    assert scn.contact("mom").name == unicodedata.normalize("NFC", decomposed)
    assert scn.contact("mom").name != decomposed
