"""The benchmark's PostgreSQL server: a throwaway one (tests/postgres.py) or TEST_DATABASE_URL,
a fresh database per configuration, and the CPU the server's processes used.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from tests import postgres


class BenchPostgres:
    """One server for the whole run; `database()` gives each configuration an empty database."""

    def __init__(self, databases: postgres.Databases) -> None:
        self._databases = databases
        self.version = databases.local.version if databases.local else "external"

    @contextlib.contextmanager
    def database(self) -> Iterator[str]:
        """A new empty database (dropped afterwards): its URL."""
        with self._databases.database() as url:
            yield url

    def cpu_seconds(self) -> float | None:
        """CPU the server's processes have used so far; None for a server not started here."""
        local = self._databases.local
        if local is None:
            return None
        return server_cpu_seconds(local.process.pid)


@contextlib.contextmanager
def server() -> Iterator[BenchPostgres]:
    """The run's server: TEST_DATABASE_URL if set, else a local throwaway one."""
    if url := os.environ.get("TEST_DATABASE_URL"):
        databases = postgres.Databases(url, None)
        try:
            yield BenchPostgres(databases)
        finally:
            databases.close()
        return
    bindir = postgres.find_bindir()
    if bindir is None:
        raise SystemExit(f"--stores postgres: {postgres.BINARIES_MISSING}")
    local = postgres.start_local(bindir)
    try:
        databases = postgres.Databases(local.url, local)
        try:
            yield BenchPostgres(databases)
        finally:
            databases.close()
    finally:
        local.stop()


def _stat(pid: int | str) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None  # gone meanwhile
    # After "pid (name)": field 3 is the state, so the list's index i is field i + 3.
    return text.rsplit(")", 1)[1].split()


def server_cpu_seconds(postmaster: int) -> float:
    """User + system CPU of the postmaster, its live children (the backends, the writers) and
    the children that have ended (the postmaster's cutime and cstime)."""
    ticks = 0
    own = _stat(postmaster)
    if own is not None:
        # utime, stime, cutime, cstime are fields 14-17.
        ticks += sum(int(v) for v in own[11:15])
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat(entry.name)
        # ppid is field 4.
        if fields is not None and fields[1] == str(postmaster):
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")
