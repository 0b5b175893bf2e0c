"""The benchmark works: a tiny run of `python -m tests.bench --quick` (no timings checked)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import postgres

REPO = Path(__file__).resolve().parents[2]


def _stores() -> str:
    """Both stores where a PostgreSQL server can be had; SQLite alone (off CI) where not."""
    if os.environ.get("TEST_DATABASE_URL") or postgres.find_bindir() is not None:
        return "sqlite,postgres"
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(postgres.BINARIES_MISSING, pytrace=False)
    return "sqlite"


def test_quick_benchmark_runs_every_bot_and_scenario(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    stores = _stores()
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--quick", "--stores", stores, "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text())
    (row,) = report["interactions"]
    assert set(row["baselines"]) == set(row["ratios"]) == {"ptb", "aiogram"}
    for name, bot in [("ours", row["ours"]), *row["baselines"].items()]:
        # 3 users, each a photo and three presses, every one answered.
        assert bot["interactions"] == 12 and bot["failures"] == 0, name
        assert bot["p50_ms"] > 0 and bot["per_second"] > 0 and bot["peak_rss_mb"] > 0, name
    for ratios in row["ratios"].values():
        assert set(ratios) == {"p50", "p95", "p99", "throughput", "peak_rss"}
    configurations = [(j["store"], j["replicas"]) for j in report["jobs"]]
    expected = [("sqlite", 1)] + (
        [("postgres", 1), ("postgres", 2)] if "postgres" in stores else []
    )
    assert configurations == expected
    for jobs in report["jobs"]:
        where = f"{jobs['store']} x{jobs['replicas']}"
        # Every job made its one create call, and its video reached the chat exactly once.
        assert jobs["creates"] == jobs["delivered"] == jobs["jobs"] == 10, where
        assert jobs["double_deliveries"] == 0, where
        assert sum(jobs["delivered_by_replica"]) == 10, where
        # Every job was queried at least once (by a replica), and never by two at once.
        assert jobs["queries"] >= 10 and jobs["close_queries"] == 0, where
        assert jobs["jobs_per_second"] > 0 and jobs["delay_p99"] >= jobs["delay_p50"] >= 0
        # The quiet second before any job ends: queries alone, and what each cost.
        assert jobs["quiet_queries"] > 0 and jobs["cpu_ms_per_query"] > 0, where
        assert jobs["cpu_ms_per_delivery"] is not None, where
        assert len(jobs["bot_cpu_seconds"]) == jobs["replicas"], where
        assert jobs["peak_rss_mb"] > 0 and all(s > 0 for s in jobs["bot_cpu_seconds"]), where
        local_server = jobs["store"] == "postgres" and not os.environ.get("TEST_DATABASE_URL")
        assert (jobs["postgres_cpu_seconds"] is not None) == local_server, where
    if "postgres" in stores:
        assert report["replicas_speedup"] > 0
        # The ceiling is only worked out when the one-replica run had the machine to itself.
        assert "replicas_ceiling" in report
        assert "postgres: 2 replicas >= 1.6x the jobs/s of 1" in report["checks"]
    # Every job was delivered because of its callback (no scheduled query in the run), once.
    callbacks = report["callbacks"]
    assert callbacks["callbacks"] == callbacks["delivered"] == callbacks["jobs"] == 5
    assert callbacks["double_deliveries"] == 0 and callbacks["queries"] == 5
    assert callbacks["max"] >= callbacks["p50"] > 0
    # The eight targets, each with a verdict: the quick run has the load of two (a
    # quiet window on SQLite, callbacks), the others are not run.
    targets = report["targets"]
    assert len(targets) == 8
    assert [t["status"] for t in targets.values()].count("not run") == 6
    for name, verdict in {**targets, **report["checks"]}.items():
        assert f"{verdict['status']:<7} {name}: {verdict['figure']}" in done.stdout
    assert "Interactions" in done.stdout and "Targets (issue 26):" in done.stdout
    assert "Jobs:" in done.stdout and "replicas" in done.stdout and "Callbacks:" in done.stdout
