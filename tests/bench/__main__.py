"""`python -m tests.bench`: how fast the bot answers, and how many jobs it carries.

Runs the real bot process against the fake Telegram and ShortAPI servers on 127.0.0.1, prints
a table and writes the same figures as JSON. See README, "Performance".
"""

import argparse
import asyncio
import dataclasses
import datetime
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.bench.common import BASELINE_BOT, OUR_BOT
from tests.bench.interactions import Round, run_round
from tests.bench.jobs import JobsResult, run_jobs
from tests.bench.measure import percentile

# The targets, checked against each run and printed next to the figures.
P50_RATIO_MAX = 1.2
THROUGHPUT_RATIO_MIN = 0.8
QUERIES_PER_INTERVAL_MAX = 1.0
DELAY_P99_INTERVALS_MAX = 2.0
PEAK_RSS_MB_MAX = 200.0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument(
        "--users", default="50,200", help="concurrent users per round, e.g. 50,200"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each bot per user count")
    parser.add_argument("--jobs", type=int, default=10_000, help="jobs in flight (0: skip)")
    parser.add_argument("--poll-interval", type=float, default=10.0, help="JOB_POLL_INTERVAL")
    parser.add_argument("--spread", type=float, default=180.0, help="seconds over which jobs end")
    parser.add_argument("--out", type=Path, default=Path("bench-results.json"))
    parser.add_argument(
        "--quick", action="store_true", help="a tiny run that only shows the benchmark works"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.users, args.rounds, args.jobs = "3", 1, 20
        args.poll_interval, args.spread = 0.5, 2.0
    return args


def _machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def _summary(rounds: list[Round]) -> dict[str, Any]:
    latencies = [x for r in rounds for x in r.latencies]
    interactions = sum(r.interactions for r in rounds)
    seconds = sum(r.seconds for r in rounds)
    return {
        "rounds": len(rounds),
        "interactions": interactions,
        "failures": sum(r.failures for r in rounds),
        "p50_ms": 1000 * percentile(latencies, 50),
        "p95_ms": 1000 * percentile(latencies, 95),
        "p99_ms": 1000 * percentile(latencies, 99),
        "per_second": interactions / seconds if seconds else 0.0,
        "cpu_ms_per_interaction": 1000 * sum(r.cpu_seconds for r in rounds) / interactions
        if interactions
        else float("nan"),
    }


async def _interactions(users: list[int], rounds: int, scratch: Path) -> list[dict[str, Any]]:
    results = []
    for count in users:
        ours: list[Round] = []
        baseline: list[Round] = []
        for n in range(rounds):
            # Alternate which bot goes first, so a drift in the machine hits both alike.
            order = [(OUR_BOT, ours), (BASELINE_BOT, baseline)]
            for module, into in order if n % 2 == 0 else order[::-1]:
                label = "ours" if into is ours else "baseline"
                print(f"  {count} users, round {n + 1}/{rounds}: {label}", file=sys.stderr)
                into.append(
                    await run_round(module, label, count, scratch / f"{label}-{count}-{n}")
                )
        mine, base = _summary(ours), _summary(baseline)
        results.append(
            {
                "users": count,
                "ours": mine,
                "baseline": base,
                "p50_ratio": mine["p50_ms"] / base["p50_ms"],
                "p95_ratio": mine["p95_ms"] / base["p95_ms"],
                "p99_ratio": mine["p99_ms"] / base["p99_ms"],
                "throughput_ratio": mine["per_second"] / base["per_second"],
            }
        )
    return results


def _targets(interactions: list[dict[str, Any]], jobs: JobsResult | None) -> dict[str, Any]:
    targets: dict[str, Any] = {}
    at_200 = next((r for r in interactions if r["users"] == 200), None)
    if at_200 is not None:
        targets["p50 at 200 users <= 1.2x baseline"] = at_200["p50_ratio"] <= P50_RATIO_MAX
        targets["throughput at 200 users >= 0.8x baseline"] = (
            at_200["throughput_ratio"] >= THROUGHPUT_RATIO_MIN
        )
    if jobs is not None:
        targets["every job delivered"] = jobs.delivered == jobs.jobs
        targets["<= 1 query per job per poll interval"] = (
            jobs.queries_per_job_per_interval <= QUERIES_PER_INTERVAL_MAX
        )
        targets["completion-to-delivery p99 <= 2 poll intervals"] = (
            jobs.delay_p99 <= DELAY_P99_INTERVALS_MAX * jobs.poll_interval
        )
        targets["peak RSS < 200 MB"] = jobs.peak_rss_mb < PEAK_RSS_MB_MAX
    return targets


def _table(report: dict[str, Any]) -> str:
    lines = [
        f"{report['date']} · {report['machine']['cpus']} CPUs · {report['machine']['cpu_model']}"
        f" · Python {report['machine']['python']}",
        "",
        "Interactions: a captioned photo, then three option presses per user; latency is from",
        "the user's action to the bot's visible answer.",
        f"{'users':>5}  {'bot':<9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'per s':>8}"
        f"{'CPU ms':>8}",
    ]
    for r in report["interactions"]:
        for label in ("ours", "baseline"):
            s = r[label]
            lines.append(
                f"{r['users']:>5}  {label:<9}{s['p50_ms']:>8.0f}{s['p95_ms']:>8.0f}"
                f"{s['p99_ms']:>8.0f}{s['per_second']:>8.1f}{s['cpu_ms_per_interaction']:>8.2f}"
            )
        lines.append(
            f"{r['users']:>5}  {'ratio':<9}{r['p50_ratio']:>8.2f}{r['p95_ratio']:>8.2f}"
            f"{r['p99_ratio']:>8.2f}{r['throughput_ratio']:>8.2f}"
        )
    jobs = report.get("jobs")
    if jobs:
        interval = jobs["poll_interval"]
        lines += [
            "",
            f"Jobs: {jobs['jobs']} in flight, finished over {jobs['spread']:.0f} s, "
            f"JOB_POLL_INTERVAL={interval:g} s",
            f"  delivered                      {jobs['delivered']}/{jobs['jobs']}",
            f"  queries per job                {jobs['queries_per_job']:.2f}",
            f"  queries per job per interval   {jobs['queries_per_job_per_interval']:.2f}",
            f"  completion to delivery p50     {jobs['delay_p50']:.1f} s"
            f" ({jobs['delay_p50'] / interval:.2f} intervals)",
            f"  completion to delivery p99     {jobs['delay_p99']:.1f} s"
            f" ({jobs['delay_p99'] / interval:.2f} intervals)",
            f"  peak RSS of the bot            {jobs['peak_rss_mb']:.0f} MB",
            f"  CPU of the bot                 {jobs['cpu_seconds']:.0f} s in "
            f"{jobs['seconds']:.0f} s ({jobs['cpu_percent']:.0f}% of one core)",
        ]
    lines += ["", "Targets:"]
    lines += [f"  {'met ' if ok else 'MISS'} {name}" for name, ok in report["targets"].items()]
    return "\n".join(lines)


async def _main(args: argparse.Namespace) -> dict[str, Any]:
    users = [int(u) for u in args.users.split(",") if u.strip()]
    with tempfile.TemporaryDirectory(prefix="veo-bench-") as scratch:
        interactions = await _interactions(users, args.rounds, Path(scratch))
        jobs = None
        if args.jobs:
            print(f"  {args.jobs} jobs", file=sys.stderr)
            jobs = await run_jobs(
                Path(scratch) / "jobs", args.jobs, args.poll_interval, args.spread
            )
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": _machine(),
        "command": "python -m tests.bench " + " ".join(sys.argv[1:]),
        "interactions": interactions,
        "jobs": dataclasses.asdict(jobs) if jobs else None,
        "targets": _targets(interactions, jobs),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark, print the table, write the JSON; the report."""
    args = _arguments(argv)
    report = asyncio.run(_main(args))
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(_table(report))
    print(f"\n(written to {args.out})")
    return report


if __name__ == "__main__":
    main()
