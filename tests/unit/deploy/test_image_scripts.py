"""The image's two scripts run for real: the entrypoint (a /data folder or database the
bot cannot write is named, with the fix) and the healthcheck."""

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from aiohttp import web

from tests.unit.deploy.files import (
    ENTRYPOINT,
    HEALTHCHECK,
)

# -- the entrypoint ----------------------------------------------------------------------------


@pytest.fixture
def sandbox():
    """A folder anyone may enter, for a user other than us to find things in."""
    folder = Path(tempfile.mkdtemp(prefix="veo-deploy-"))
    folder.chmod(0o755)
    shutil.copy(ENTRYPOINT, folder / "entrypoint.sh")
    (folder / "entrypoint.sh").chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def run_entrypoint(sandbox: Path, database: Path) -> subprocess.CompletedProcess[str]:
    """The entrypoint with `echo started` as its command, as an unprivileged user."""
    # Root may write anywhere: test as nobody then, which is what the image's user is to a
    # folder it does not own.
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    command = [*(drop if os.geteuid() == 0 else []), "sh", str(sandbox / "entrypoint.sh")]
    return subprocess.run(
        [*command, "echo", "started"],
        env={"PATH": os.environ["PATH"], "DATABASE_PATH": str(database)},
        capture_output=True,
        text=True,
        timeout=30,
    )


def give_away(path: Path, writable: bool) -> None:
    """Make `path` writable, or not, for the user run_entrypoint runs as."""
    if os.geteuid() == 0:
        os.chown(path, 65534 if writable else 0, 65534 if writable else 0)
    else:
        path.chmod((0o755 if path.is_dir() else 0o644) if writable else 0o555)


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv")
def test_the_entrypoint_starts_the_bot_when_its_folder_is_writable(sandbox):
    data = sandbox / "data"
    data.mkdir()
    give_away(data, writable=True)
    result = run_entrypoint(sandbox, data / "new" / "bot.sqlite3")  # created by the bot
    assert (result.returncode, result.stdout, result.stderr) == (0, "started\n", "")


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv")
def test_a_folder_the_bot_cannot_write_is_named_with_the_fix(sandbox):
    # A root-owned host folder on /data: SQLite only said "unable to open database file".
    data = sandbox / "data"
    data.mkdir()
    give_away(data, writable=False)
    result = run_entrypoint(sandbox, data / "bot.sqlite3")
    assert result.returncode == 2 and result.stdout == ""
    assert f"configuration error: {data} (owner" in result.stderr
    assert "is not writable by the bot's user" in result.stderr
    assert re.search(r"sudo chown -R \d+:\d+ <host folder>", result.stderr)


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv")
def test_a_database_left_by_another_user_is_named(sandbox):
    data = sandbox / "data"
    data.mkdir()
    give_away(data, writable=True)
    database = data / "bot.sqlite3"
    database.write_bytes(b"")
    give_away(database, writable=False)
    result = run_entrypoint(sandbox, database)
    assert result.returncode == 2
    assert f"configuration error: {database} (owner" in result.stderr


# -- the healthcheck ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def run_healthcheck(**env: str) -> tuple[int, str]:
    """Exit status and output of the image's HEALTHCHECK command, as Docker runs it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-I",
        str(HEALTHCHECK),
        env={"PATH": os.environ["PATH"], **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    return process.returncode or 0, output.decode()


class HealthServer:
    """A stand-in for the bot's /healthz; set `.status` to what it answers."""

    def __init__(self, host: str) -> None:
        self.host, self.port, self.status = host, free_port(), 200
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        self._runner = web.AppRunner(app)

    async def _healthz(self, request: web.Request) -> web.Response:
        body = {"database": "ok", "poller": "ok" if self.status == 200 else "stalled"}
        return web.json_response(body, status=self.status)

    async def start(self) -> "HealthServer":
        """Listen on host:port."""
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        return self

    async def stop(self) -> None:
        """Stop listening."""
        await self._runner.cleanup()


@pytest.fixture
async def health_server():
    """A HealthServer on 127.0.0.1, where the check looks when the bot listens everywhere."""
    server = await HealthServer("127.0.0.1").start()
    yield server
    await server.stop()


@pytest.mark.parametrize("public_url", [None, "", "  "])
async def test_without_the_http_server_the_container_counts_as_healthy(public_url):
    env = {} if public_url is None else {"PUBLIC_BASE_URL": public_url}
    status, output = await run_healthcheck(**env, WEB_PORT=str(free_port()))
    assert status == 0, output


async def test_healthy_when_healthz_answers_200_even_with_a_proxy_set(health_server):
    status, output = await run_healthcheck(
        PUBLIC_BASE_URL="https://bot.example.com",
        WEB_PORT=str(health_server.port),
        # An outgoing proxy for the bot must not carry the check (this one would refuse it).
        http_proxy=f"http://127.0.0.1:{free_port()}",
        HTTP_PROXY=f"http://127.0.0.1:{free_port()}",
    )
    assert (status, output) == (0, '200 {"database": "ok", "poller": "ok"}\n')


async def test_unhealthy_when_healthz_answers_503_and_the_output_says_why(health_server):
    health_server.status = 503
    status, output = await run_healthcheck(
        PUBLIC_BASE_URL="https://bot.example.com", WEB_PORT=str(health_server.port)
    )
    assert status == 1 and "503" in output and "stalled" in output


async def test_a_polling_bot_is_checked_on_its_metrics_port(health_server):
    """No public address: /healthz is asked on METRICS_HOST:METRICS_PORT, beside /metrics."""
    status, output = await run_healthcheck(
        METRICS_PORT=str(health_server.port), METRICS_HOST="0.0.0.0"
    )
    assert status == 0 and "200" in output, output
    health_server.status = 503
    status, output = await run_healthcheck(METRICS_PORT=str(health_server.port))
    assert status == 1 and "503" in output, output
    # METRICS=false serves neither: nothing to ask.
    status, output = await run_healthcheck(METRICS_PORT=str(health_server.port), METRICS="false")
    assert status == 0 and "nothing to check" in output, output


async def test_unhealthy_when_nothing_listens():
    status, output = await run_healthcheck(
        PUBLIC_BASE_URL="https://bot.example.com", WEB_PORT=str(free_port())
    )
    assert status == 1 and "Traceback" not in output, output


async def test_the_check_asks_the_address_the_bot_listens_on():
    # WEB_HOST set to one address (not 0.0.0.0): 127.0.0.1 does not answer there, it does.
    # (Linux routes all of 127/8 to the loopback interface.)
    server = await HealthServer("127.0.0.2").start()
    try:
        status, output = await run_healthcheck(
            PUBLIC_BASE_URL="https://bot.example.com",
            WEB_HOST="127.0.0.2",
            WEB_PORT=str(server.port),
        )
    finally:
        await server.stop()
    assert status == 0, output
