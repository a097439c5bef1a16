"""bench/run.py: one table from every benchmark, missing ones reported, failures contained."""
import textwrap

import pytest

from bench import run as bench_run

GOOD = """
def main(quick=False):
    return {"title": "good", "rows": [
        {"metric": "speed", "value": 12.5, "unit": "ms", "floor": 10.0, "target": "< 20", "ok": True},
        {"metric": "mode", "value": "quick" if quick else "full", "unit": "", "floor": None, "target": None,
         "ok": None}]}
"""
FAILING = """
def main(quick=False):
    raise RuntimeError("benchmark exploded")
"""
SLOW = """
import time
def main(quick=False):
    time.sleep(30)
"""
BELOW_TARGET = """
def main(quick=False):
    return {"title": "below", "rows": [{"metric": "ratio", "value": 0.2, "unit": "", "floor": 0.5,
                                        "target": ">= 0.5", "ok": False}]}
"""


@pytest.fixture
def bench_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_run, "BENCH_DIR", tmp_path)
    monkeypatch.setattr(bench_run, "EXPECTED", ("good", "absent"))

    def add(name, source):
        (tmp_path / name).mkdir()
        (tmp_path / name / "run.py").write_text(textwrap.dedent(source))

    return add


def test_it_runs_each_benchmark_prints_one_table_and_writes_results(bench_dir, tmp_path, capsys):
    bench_dir("good", GOOD)
    assert bench_run.main([]) == 0
    out = capsys.readouterr().out
    assert "good" in out and "speed" in out and "12.50" in out and "quick" in out
    assert "absent" in out and "missing" in out
    report = (tmp_path / "results.md").read_text()
    assert "| good | speed | 12.50 | ms | 10.00 | < 20 | ok |" in report
    assert "| absent | missing |" in report
    assert "Machine:" in report and "cores" in report and "Python" in report and "Date:" in report


def test_full_mode_is_passed_to_the_benchmarks(bench_dir, capsys):
    bench_dir("good", GOOD)
    bench_run.main(["--full", "good"])
    assert "full" in capsys.readouterr().out


def test_a_crashing_benchmark_is_reported_and_the_others_still_run(bench_dir, tmp_path, capsys):
    bench_dir("good", GOOD)
    bench_dir("boom", FAILING)
    assert bench_run.main([]) == 1
    report = (tmp_path / "results.md").read_text()
    assert "| boom | failed (exit 1)" in report and "benchmark exploded" in report
    assert "| good | speed |" in report


def test_a_benchmark_over_its_time_is_stopped(bench_dir, capsys):
    bench_dir("slow", SLOW)
    assert bench_run.main(["--budget", "2", "slow"]) == 1
    assert "timed out" in capsys.readouterr().out


def test_a_figure_below_its_target_fails_the_run(bench_dir, capsys):
    bench_dir("below", BELOW_TARGET)
    assert bench_run.main(["below"]) == 1
    assert "FAIL" in capsys.readouterr().out
