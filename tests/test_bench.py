"""The benchmark works: a tiny run of `python -m tests.bench --quick` (no timings checked)."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_quick_benchmark_runs_both_bots_and_delivers_every_job(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--quick", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text())
    (row,) = report["interactions"]
    for bot in ("ours", "baseline"):
        # 3 users, each a photo and three presses, every one answered.
        assert row[bot]["interactions"] == 12 and row[bot]["failures"] == 0
        assert row[bot]["p50_ms"] > 0 and row[bot]["per_second"] > 0
    jobs = report["jobs"]
    assert jobs["delivered"] == jobs["jobs"] == 20
    assert jobs["queries"] >= 20  # every job was queried at least once, by the bot
    assert jobs["peak_rss_mb"] > 0 and jobs["cpu_seconds"] > 0
    assert "Interactions" in done.stdout and "Targets:" in done.stdout
