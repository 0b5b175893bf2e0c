"""A throwaway PostgreSQL server for the tests, and a fresh empty database per test.

Each pytest process (each xdist worker) starts its own server, on first use, and stops it at the
end of its session: no worker waits on or cleans up after another, and a worker that dies takes
only its own server along. With TEST_DATABASE_URL set, that server is used instead.

What tests do to a database beside the bot (advisory locks, outages): postgres_helpers.py.
"""

import asyncio
import concurrent.futures
import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

import asyncpg
import pytest

from tests.process import free_port

BINARIES_MISSING = (
    "PostgreSQL server binaries (initdb, postgres) not found; "
    "install postgresql-15 or set TEST_DATABASE_URL"
)
USER = "veo_test"
# A real password (scram-sha-256, also over the unix socket) so that the URLs the bot gets carry
# one and a store that dropped it would be refused.
PASSWORD = "veo-test-password"
# Who runs the server when the tests run as root: the Debian package's user, else one we create.
FALLBACK_USER = "veo-test-postgres"
SERVER_USERS = ("postgres", FALLBACK_USER)
PREFIX = "veo-test-pg-"
START_TIMEOUT = 60.0
PORT_TRIES = 5
# Settings for a database that lives for one test session: durability off (a crash loses
# nothing of value), room for several bot processes with a pool of ~10 each plus the tests.
SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "max_connections": "300",
    "shared_buffers": "32MB",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "autovacuum": "off",
    "jit": "off",
    "log_min_messages": "warning",
}

T = TypeVar("T")


@dataclass
class LocalServer:
    """A PostgreSQL server this process started: its folder, port and postmaster."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes]
    version: str

    @property
    def url(self) -> str:
        """The superuser's URL to the maintenance database `postgres`."""
        return f"postgresql://{USER}:{quote(PASSWORD, safe='')}@127.0.0.1:{self.port}/postgres"

    def log(self) -> str:
        """The end of what the server logged."""
        return _log(self.folder)

    def stop(self) -> None:
        """Immediate shutdown (SIGQUIT, what `pg_ctl stop -m immediate` sends); the folder goes."""
        try:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGQUIT)
                try:
                    # The postmaster exits only after its backends have.
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def find_bindir() -> Path | None:
    """The folder with initdb and postgres: from PATH, else `pg_config --bindir`, else the
    newest /usr/lib/postgresql/<version>/bin."""
    candidates: list[Path] = []
    if initdb := shutil.which("initdb"):
        # /usr/local/bin/initdb may be a symlink; postgres must come from the same installation.
        candidates.append(Path(initdb).resolve().parent)
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True, timeout=10
        )
        candidates.append(Path(out.stdout.strip()))

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    for bindir in candidates:
        if all(os.access(bindir / name, os.X_OK) for name in ("initdb", "postgres")):
            return bindir
    return None


def _unprivileged_user() -> tuple[int, int] | None:
    """(uid, gid) to run the server as; None to run it as ourselves (we are not root)."""
    if os.geteuid() != 0:
        return None

    def lookup() -> tuple[int, int] | None:
        for name in SERVER_USERS:
            with contextlib.suppress(KeyError):
                entry = pwd.getpwnam(name)
                if entry.pw_uid != 0:
                    return entry.pw_uid, entry.pw_gid
        return None

    if found := lookup():
        return found
    error = ""
    try:
        done = subprocess.run(
            [
                *("useradd", "--system", "--user-group", "--no-create-home"),
                *("--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", FALLBACK_USER),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        error = done.stderr.strip()
    except OSError as exc:
        error = str(exc)
    # Look again whatever useradd said: the other xdist worker may have just created the user.
    if found := lookup():
        return found
    raise RuntimeError(
        "PostgreSQL refuses to run as root, this machine has no `postgres` user, and "
        f"`useradd --system {FALLBACK_USER}` failed: {error}"
    )


def _sweep_stale() -> None:
    """Remove the folders of earlier sessions whose process was killed before cleaning up."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        match = re.match(rf"{PREFIX}(\d+)-", folder.name)
        if match is None:
            continue
        try:
            os.kill(int(match[1]), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            pass  # alive, someone else's


def _ready(folder: Path) -> bool:
    """Whether the postmaster says it accepts connections (what `pg_ctl start -w` waits for)."""
    try:
        lines = (folder / "data" / "postmaster.pid").read_text().splitlines()
    except OSError:
        return False
    # Line 8 is the postmaster's status since PostgreSQL 10: "starting", "ready", "stopping".
    return len(lines) >= 8 and lines[7].strip() == "ready"


def start_local(bindir: Path) -> LocalServer:
    """initdb into a new temporary folder and start a server on a free port of 127.0.0.1."""
    _sweep_stale()
    user = _unprivileged_user()
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
    # The server runs as `user`, which must own its data folder; cwd is ours, not e.g. /root.
    run_as: dict[str, Any] = {
        "cwd": folder,
        "env": {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"},
    }
    try:
        if user is not None:
            os.chown(folder, *user)
            run_as.update(user=user[0], group=user[1], extra_groups=[])
        version = subprocess.run(
            [bindir / "postgres", "--version"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
        password_file = folder / "password"
        password_file.write_text(PASSWORD)
        password_file.chmod(0o600)
        if user is not None:
            os.chown(password_file, *user)
        initdb = subprocess.run(
            [
                *(bindir / "initdb", "--pgdata", folder / "data", "--username", USER),
                *("--pwfile", password_file, "--auth", "scram-sha-256"),
                *("--encoding", "UTF8", "--locale", "C", "--no-sync", "--no-instructions"),
            ],
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            **run_as,
        )
        password_file.unlink()
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed ({initdb.returncode}):\n{initdb.stderr}")
        # A free port may be taken by someone else before the server binds it: try another.
        for _attempt in range(PORT_TRIES):
            server = _start_postgres(bindir, folder, free_port(), version, run_as)
            if server is not None:
                return server
        raise RuntimeError(
            f"PostgreSQL could not bind a free port in {PORT_TRIES} tries:\n{_log(folder)}"
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _log(folder: Path) -> str:
    """The end of what the server in `folder` logged."""
    path = folder / "server.log"
    return (
        (path.read_text(errors="replace")[-4000:] or "(empty log)")
        if path.exists()
        else "(no log)"
    )


def _start_postgres(
    bindir: Path, folder: Path, port: int, version: str, run_as: dict[str, Any]
) -> LocalServer | None:
    """The running server; None if its port was taken."""
    settings = {**SETTINGS, "port": str(port), "unix_socket_directories": str(folder)}
    options = [arg for name, value in settings.items() for arg in ("-c", f"{name}={value}")]
    # Started directly (not through pg_ctl) so that it is our child: with setpriv, the kernel
    # kills it if this process dies without cleaning up (kill -9, a CI timeout).
    guard = ["setpriv", "--pdeathsig", "KILL", "--"] if shutil.which("setpriv") else []
    # A new log per try, so that only this try's words decide whether its port was taken.
    with (folder / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [*guard, bindir / "postgres", "-D", folder / "data", *options],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            **run_as,
        )
    match = re.search(r"\(PostgreSQL\) (\S+)", version)
    server = LocalServer(folder, port, process, match[1] if match else version.strip())
    deadline = time.monotonic() + START_TIMEOUT
    while not _ready(folder):
        if process.poll() is not None:
            if "Address already in use" in _log(folder):
                return None
            raise RuntimeError(
                f"PostgreSQL exited at start ({process.returncode}):\n{_log(folder)}"
            )
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise RuntimeError(f"PostgreSQL not ready in {START_TIMEOUT:.0f} s:\n{_log(folder)}")
        time.sleep(0.02)
    return server


def database_url(server_url: str, name: str) -> str:
    """The URL of database `name` on the server of `server_url`."""
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


class Databases:
    """Creates and drops test databases through one superuser connection, on its own thread
    and event loop so that sync and async tests alike (and their event loops) can use it."""

    def __init__(self, server_url: str, local: LocalServer | None) -> None:
        self.server_url = server_url
        self.local = local
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="pg-admin", daemon=True
        )
        self._thread.start()
        # One statement at a time on the connection: a drop may meet the next creation.
        self._lock = asyncio.Lock()
        self._next: concurrent.futures.Future[str] | None = None
        try:
            self._conn: asyncpg.Connection = self._run(asyncpg.connect(server_url, timeout=30))
        except BaseException:
            self._stop_loop()
            raise

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=120)

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    async def _execute(self, sql: str) -> None:
        async with self._lock:
            await self._conn.execute(sql)

    async def _create(self) -> str:
        name = f"test_{secrets.token_hex(6)}"
        await self._execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    async def _drop(self, name: str) -> None:
        await self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        """Drop the database made in advance; close the connection and the thread."""
        try:
            if self._next is not None:
                self._run(self._drop(self._next.result(timeout=120)))
            self._run(self._conn.close(timeout=10))
        finally:
            self._stop_loop()

    @contextlib.contextmanager
    def database(self) -> Iterator[str]:
        """A new empty database, its URL; dropped afterwards even if clients are still on it."""
        made, self._next = self._next, None
        name = made.result(timeout=120) if made is not None else self._run(self._create())
        # Copying template0 takes 0.1-0.3 s: the next test's database is made while this runs.
        self._next = asyncio.run_coroutine_threadsafe(self._create(), self._loop)
        try:
            yield database_url(self.server_url, name)
        finally:
            self._run(self._drop(name))


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@contextlib.contextmanager
def session() -> Iterator[Databases]:
    """The test session's server (TEST_DATABASE_URL, else a local throwaway one); skips (fails
    on CI) when there is neither."""
    if url := os.environ.get("TEST_DATABASE_URL"):
        databases = Databases(url, None)
        try:
            yield databases
        finally:
            databases.close()
        return
    bindir = find_bindir()
    if bindir is None:
        if _on_ci():
            pytest.fail(BINARIES_MISSING, pytrace=False)
        pytest.skip(BINARIES_MISSING)
    local = start_local(bindir)
    try:
        try:
            databases = Databases(local.url, local)
        except (OSError, asyncpg.PostgresError) as exc:
            raise RuntimeError(
                f"cannot connect to the test PostgreSQL server: {exc!r}\n{local.log()}"
            ) from exc
        try:
            yield databases
        finally:
            databases.close()
    finally:
        local.stop()
