"""Figures: percentiles of samples, and a process's memory and CPU from /proc (Linux)."""

import os
from dataclasses import dataclass
from pathlib import Path


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; NaN for no samples."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True, slots=True)
class ProcUsage:
    """What a process has used so far."""

    cpu_seconds: float
    peak_rss_mb: float
    rss_mb: float


def proc_usage(pid: int) -> ProcUsage:
    """CPU time (user + system) and resident memory (now, and the peak) of a live process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime and stime are fields 14 and 15.
    ticks = int(fields[11]) + int(fields[12])
    memory = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            memory[key] = int(value.split()[0]) / 1024  # kB
    return ProcUsage(
        cpu_seconds=ticks / os.sysconf("SC_CLK_TCK"),
        peak_rss_mb=memory.get("VmHWM", float("nan")),
        rss_mb=memory.get("VmRSS", float("nan")),
    )


def machine_busy_seconds() -> float:
    """CPU time all processes on this machine have used since boot, in seconds (from
    /proc/stat: every state but idle and iowait, summed over the CPUs)."""
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("cpu "):
            # user nice system idle iowait irq softirq steal (guest time is inside user).
            values = [int(v) for v in line.split()[1:9]]
            busy = sum(values) - values[3] - values[4]
            return busy / os.sysconf("SC_CLK_TCK")
    return float("nan")
