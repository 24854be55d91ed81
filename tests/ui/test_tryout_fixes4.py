"""Small defects from the last try-out, each through what the user touches: the command lines' counts
("1 file", not "1 files"), ..."""

from game.cli import main
from game.core.loader import SCENARIOS_DIR

ONE = SCENARIOS_DIR / "demo_shipper.yaml"


def test_the_command_lines_count_one_thing_in_the_singular(tmp_path, capsys, data_dir):
    assert main(["lint", str(ONE), "--lang", "en"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("1 file, 1 scenario, ") and last.endswith(": 0 errors, 0 warnings"), last
    assert main(["lint", str(ONE), "--lang", "vi"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("1 tệp, 1 kịch bản, ") and last.endswith(": 0 lỗi, 0 cảnh báo"), last
    assert main(["migrate", str(ONE), "--check", "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 file: 0 to migrate, "), "migrate"

    sim = tmp_path / "sim"
    assert main(["results", "simulate", "-o", str(sim), "--students", "2", "--lang", "en"]) == 0
    assert " results files, " in capsys.readouterr().out  # more than one file: the plural stays
    one = sorted(sim.glob("results-*.db"))[0]
    assert main(["results", "merge", str(one), "-o", str(tmp_path / "c.db"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert ": 1 file merged, " in out, out
    assert main(["results", "merge", str(one), "-o", str(tmp_path / "c.db"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(": 1 file merged, 0 new sessions, 0 new decisions"), out
    assert main(["results", "merge", str(one), "-o", str(tmp_path / "c.db"), "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(": đã gộp 1 tệp, 0 phiên mới, 0 quyết định mới"), out
