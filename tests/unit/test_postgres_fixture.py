"""The throwaway PostgreSQL server of the tests (tests/postgres.py) and its fixtures."""

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest

from tests import postgres
from tests.process import free_port


@pytest.fixture
def local(pg_databases: postgres.Databases) -> postgres.LocalServer:
    """The server this session started (not one given by TEST_DATABASE_URL)."""
    if pg_databases.local is None:
        pytest.skip("TEST_DATABASE_URL is set: no local server to look at")
    return pg_databases.local


def our_folders() -> set[Path]:
    """The server folders of this process in the temporary directory."""
    return set(Path(postgres.tempfile.gettempdir()).glob(f"{postgres.PREFIX}{os.getpid()}-*"))


def uid_of(pid: int) -> int:
    """The real uid of a running process."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])


async def test_server_answers_as_postgresql_15(
    pg_url: str, pg_databases: postgres.Databases
) -> None:
    conn = await asyncpg.connect(pg_url)
    try:
        version = await conn.fetchval("SELECT version()")
        number = int(await conn.fetchval("SHOW server_version_num"))
    finally:
        await conn.close()
    assert version.startswith("PostgreSQL ")
    assert number >= 150000, version
    if pg_databases.local is not None:
        # The server we talk to is the one the binaries we found make.
        assert version.startswith(f"PostgreSQL {pg_databases.local.version} "), version


async def test_each_database_is_new_empty_and_dropped_after(
    pg_url: str, pg_databases: postgres.Databases
) -> None:
    tables = (
        "SELECT count(*) FROM pg_tables"
        " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
    )
    with pg_databases.database() as other_url:
        assert urlsplit(other_url).path != urlsplit(pg_url).path
        first = await asyncpg.connect(pg_url)
        second = await asyncpg.connect(other_url)
        try:
            assert await first.fetchval(tables) == 0
            assert await second.fetchval(tables) == 0
            await first.execute("CREATE TABLE jobs (id int)")
            assert await first.fetchval(tables) == 1
            assert await second.fetchval(tables) == 0
        finally:
            await first.close()
        # A client still connected does not stop the drop (the bot may not have stopped yet).
    assert await _disconnected(second)
    with pytest.raises(asyncpg.InvalidCatalogNameError):
        await asyncpg.connect(other_url)


async def _disconnected(conn: asyncpg.Connection) -> bool:
    try:
        await conn.fetchval("SELECT 1")
    except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
        return True
    finally:
        await conn.close()
    return False


async def test_the_password_in_the_url_is_required(pg_url: str) -> None:
    parts = urlsplit(pg_url)
    assert parts.scheme == "postgresql"
    assert parts.hostname == "127.0.0.1"
    assert parts.password
    wrong = parts._replace(
        netloc=f"{parts.username}:not-the-password@{parts.hostname}:{parts.port}"
    )
    with pytest.raises(asyncpg.InvalidPasswordError):
        await asyncpg.connect(wrong.geturl())
    conn = await asyncpg.connect(pg_url)
    await conn.close()


async def test_server_does_not_run_as_root(pg_url: str, local: postgres.LocalServer) -> None:
    pid_file = local.folder / "data" / "postmaster.pid"
    postmaster = int(pid_file.read_text().split()[0])
    conn = await asyncpg.connect(pg_url)
    try:
        # Read while connected: the backend process ends with the connection.
        backend_uid = uid_of(await conn.fetchval("SELECT pg_backend_pid()"))
        settings = {
            name: await conn.fetchval(f"SHOW {name}")
            for name in ("listen_addresses", "max_connections", "fsync")
        }
    finally:
        await conn.close()
    assert uid_of(postmaster) != 0
    assert backend_uid != 0  # the process that ran our query
    assert settings == {"listen_addresses": "127.0.0.1", "max_connections": "300", "fsync": "off"}


def test_test_database_url_is_used_instead_of_a_new_server(
    monkeypatch: pytest.MonkeyPatch, pg_databases: postgres.Databases
) -> None:
    monkeypatch.setenv("TEST_DATABASE_URL", pg_databases.server_url)
    monkeypatch.setattr(postgres, "start_local", _must_not_start)
    with postgres.session() as databases, databases.database() as url:
        assert databases.local is None
        assert urlsplit(url).port == urlsplit(pg_databases.server_url).port


def _must_not_start(bindir: Path) -> postgres.LocalServer:
    raise AssertionError("started a server although TEST_DATABASE_URL is set")


@pytest.mark.parametrize("ci", ["", "true"])
def test_missing_binaries_skip_but_fail_on_ci(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.delenv("TEST_DATABASE_URL", raising=False)
    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(postgres, "find_bindir", lambda: None)
    expected = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(expected) as raised, postgres.session():
        pass
    assert raised.value.msg == postgres.BINARIES_MISSING
    assert "install postgresql-15 or set TEST_DATABASE_URL" in postgres.BINARIES_MISSING


@pytest.fixture
def bindir(pg_databases: postgres.Databases) -> Path:
    """The PostgreSQL binaries, to start more servers with."""
    found = postgres.find_bindir()
    if found is None:
        pytest.skip(postgres.BINARIES_MISSING)  # TEST_DATABASE_URL is set, else no session
    return found


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port something listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_taken_port_is_retried_and_stop_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, bindir: Path, busy_port: int
) -> None:
    # The taken port first, then a port found free when it is asked for (one found before
    # initdb's seconds may be taken meanwhile, by another test's server).
    ports = itertools.chain([busy_port], iter(free_port, None))
    monkeypatch.setattr(postgres, "free_port", lambda: next(ports))
    before = our_folders()
    server = postgres.start_local(bindir)
    try:
        assert server.port != busy_port
        with socket.create_connection(("127.0.0.1", server.port), timeout=10):
            pass
        backends = [int(pid) for pid in _children(server.process.pid)]
        assert backends  # checkpointer, background writer...
    finally:
        server.stop()
    assert server.process.poll() is not None
    assert not any(Path(f"/proc/{pid}").exists() for pid in backends)
    assert our_folders() == before
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", server.port), timeout=10):
        pass


def _children(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def test_a_server_that_cannot_start_says_why(
    monkeypatch: pytest.MonkeyPatch, bindir: Path
) -> None:
    monkeypatch.setitem(postgres.SETTINGS, "max_connections", "plenty")
    before = our_folders()
    with pytest.raises(RuntimeError) as raised:
        postgres.start_local(bindir)
    assert "PostgreSQL exited at start" in str(raised.value)
    # The server's own words, from its log.
    assert 'invalid value for parameter "max_connections": "plenty"' in str(raised.value)
    assert our_folders() == before


def running(pid: int) -> bool:
    """Whether the process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)")
def test_a_killed_session_leaves_no_server_and_its_folder_is_swept(bindir: Path) -> None:
    session = subprocess.Popen(
        [sys.executable, "-c", KILLED_SESSION],
        cwd=Path(__file__).parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert session.stdout is not None
        pid, folder = session.stdout.readline().split()
        assert running(int(pid))
    finally:
        session.kill()  # as kill -9 or a CI timeout would: no clean-up runs
        session.wait()
    deadline = time.monotonic() + 30
    while running(int(pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(int(pid)), "the server outlived the test session that started it"
    assert Path(folder).exists()
    postgres._sweep_stale()  # what the next session does first
    assert not Path(folder).exists()


KILLED_SESSION = """
import time
from tests import postgres
server = postgres.start_local(postgres.find_bindir())
print(server.process.pid, server.folder, flush=True)
time.sleep(120)
"""


async def test_store_is_a_sqlite_path_then_a_postgresql_url(
    store: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if request.node.callspec.id == "sqlite":
        assert store == str(tmp_path / "data" / "bot.sqlite3")
        return
    assert urlsplit(store).scheme == "postgresql"
    conn = await asyncpg.connect(store)
    await conn.close()


def test_bot_env_never_inherits_a_database_url(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://me:secret@db.example.com/production")
    assert "DATABASE_URL" not in request.getfixturevalue("bot_env")


def test_pg_bot_env_points_the_bot_at_a_fresh_database(
    pg_bot_env: dict[str, str], pg_url: str
) -> None:
    assert pg_bot_env["DATABASE_URL"] == pg_url
