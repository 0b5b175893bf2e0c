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


@dataclass(frozen=True, slots=True)
class MachineUsage:
    """CPU time of the whole machine since boot, in seconds summed over its CPUs."""

    processes: float  # user, nice and system: what its processes ran
    interrupts: float  # irq and softirq (loopback networking is mostly here)
    steal: float  # wanted to run but the hypervisor gave the CPU to another machine


def machine_usage() -> MachineUsage:
    """The machine's CPU time so far, from /proc/stat (Linux)."""
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("cpu "):
            # user nice system idle iowait irq softirq steal (guest time is inside user).
            user, nice, system, _, _, irq, softirq, steal = (int(v) for v in line.split()[1:9])
            tick = os.sysconf("SC_CLK_TCK")
            return MachineUsage(
                (user + nice + system) / tick, (irq + softirq) / tick, steal / tick
            )
    return MachineUsage(float("nan"), float("nan"), float("nan"))
