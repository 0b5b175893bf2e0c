"""The public HTTP server under attack, through the real bot process: slow clients, callback
floods, malformed requests and forged webhooks must not cost users their answers, run up
queries, or fill the operator's log; a webhook that cannot work is refused at start.
"""

import asyncio
import contextlib
import errno
import logging
import sys
import time
from pathlib import Path

import httpx

from bot.web.server import WebServer
from tests.chat import button, open_options

ANN, BOB = 1001, 1002
# The bot's own descriptor limit in the slow-client test, and at most how many such clients
# come (they keep coming until the test has its answers).
LOW_LIMIT = 256
SLOW_CLIENTS = 2000
WAVE = 16
# A request head cut off half-way, as a slow-loris client leaves it.
# What asyncio's selector loop reports on each accept that fails for want of descriptors.
ACCEPT_FAILED = "socket.accept() out of system resource"
HALF_HEAD = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Wait: "


def log_lines(bot) -> list[str]:
    return bot.log().splitlines()


async def settled(bot) -> int:
    """Wait until the bot has logged all its start-up lines; how many lines its log has."""
    for _ in range(200):
        if "Application started" in bot.log():
            return len(log_lines(bot))
        await asyncio.sleep(0.05)
    raise AssertionError("the bot never logged that it started")


def open_file_limit(pid: int) -> tuple[int, int]:
    """The process's (soft, hard) RLIMIT_NOFILE, as the kernel reports it."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max open files"):
            soft, hard = line.split()[3:5]
            return int(soft), int(hard)
    raise AssertionError("no open-files line in /proc/<pid>/limits")


class SlowClients:
    """Half-open connections, each having sent part of a request head and then nothing more,
    opened wave after wave (as an attacker refills what the server closes) until stopped.
    """

    def __init__(self, port: int, most: int) -> None:
        self.port, self.most = port, most
        self.held: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.opened = asyncio.Event()  # set once `most // 4` are open
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> "SlowClients":
        self._task = asyncio.create_task(self._flood())
        await asyncio.wait(
            [asyncio.create_task(self.opened.wait()), self._task],
            return_when=asyncio.FIRST_COMPLETED,
        )
        return self

    async def stop(self) -> None:
        """Open no more."""
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
        for _, writer in self.held:
            writer.close()

    async def _one(self) -> None:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            writer.write(HALF_HEAD)
            await writer.drain()
        except OSError:
            return  # refused outright: nothing held
        self.held.append((reader, writer))

    async def _flood(self) -> None:
        # In waves no bigger than the server's listen backlog: a connection the kernel could
        # not queue would only be accepted seconds later, when the client retransmits.
        for start in range(0, self.most, WAVE):
            await asyncio.gather(*(self._one() for _ in range(min(WAVE, self.most - start))))
            if len(self.held) >= self.most // 4:
                self.opened.set()


async def closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    """Whether the server ends the connection (EOF or reset) within `within` seconds."""
    try:
        async with asyncio.timeout(within):
            while await reader.read(4096):
                pass  # a refusal may say 503 first
    except TimeoutError:
        return False
    except OSError:
        pass  # a reset is a close too
    return True


async def test_slow_clients_beyond_the_descriptor_limit_do_not_stop_the_bot(
    bot_env, public, bot_process, telegram
):
    # A systemd default would be 1024; the bot cannot raise a hard limit, so this is all it has.
    bot_env["LOG_LEVEL"] = "INFO"
    bot_process.open_files = (LOW_LIMIT, LOW_LIMIT)
    await bot_process.start()
    port = int(bot_env["WEB_PORT"])
    lines_before = await settled(bot_process)

    async with SlowClients(port, SLOW_CLIENTS) as slow:
        # The server is full of them, and more keep coming while a user and a monitor ask.
        async with httpx.AsyncClient(timeout=10) as http:
            health = await http.get(f"{public}/healthz")
        assert health.status_code == 200, health.text
        ann = telegram.user(ANN)
        _, options = await open_options(telegram, ANN, ann)
        assert "Generate" in str(options["reply_markup"])
        await slow.stop()

        closed = await asyncio.gather(*(closed_by_server(r, within=12) for r, _ in slow.held))
        assert len(slow.held) > 2 * LOW_LIMIT, "the test held too few to mean anything"
        assert all(closed), f"{closed.count(False)} of {len(slow.held)} still open"

    async with httpx.AsyncClient(timeout=10) as http:
        assert (await http.get(f"{public}/healthz")).status_code == 200
    new = log_lines(bot_process)[lines_before:]
    assert len(new) <= 5, "\n".join(new[:20])
    # The bound keeps the server well below the limit: the bot never runs out of descriptors.
    assert not any("Too many open files" in line for line in new), "\n".join(new)


async def test_the_bot_raises_its_descriptor_limit_to_the_hard_limit(bot_env, public, bot_process):
    bot_process.open_files = (LOW_LIMIT, 4 * LOW_LIMIT)
    await bot_process.start()
    assert open_file_limit(bot_process.pid) == (4 * LOW_LIMIT, 4 * LOW_LIMIT)
    assert f"open files: {4 * LOW_LIMIT}" in bot_process.log()


async def test_a_flood_of_callbacks_makes_at_most_one_query_a_second(
    bot_env, public, bot_process, telegram, shortapi
):
    bot_env["JOB_POLL_INTERVAL"] = "30"  # no scheduled query during the test
    shortapi.hold_jobs = True  # the job runs until the test ends it
    await bot_process.start()
    ann = telegram.user(ANN)
    _, options = await open_options(telegram, ANN, ann)
    telegram.press(ANN, ann, options["message_id"], button(options, "Generate"))
    await shortapi.wait_for(lambda: shortapi.creates, timeout=10)
    (job_id,) = shortapi.jobs
    callback_url = shortapi.creates[0].body["callback_url"]

    started = time.monotonic()
    async with httpx.AsyncClient(timeout=10) as http:
        # Four senders, each posting as soon as its last answer came: the callbacks keep
        # arriving while the job's queries start and end.
        async def sender() -> list[int]:
            body = {"job_id": job_id, "status": 1}
            return [(await http.post(callback_url, json=body)).status_code for _ in range(75)]

        senders = await asyncio.gather(*(sender() for _ in range(4)))
        assert [status for sent in senders for status in sent] == [200] * 300
        flood_took = time.monotonic() - started
        after_flood = shortapi.queries.count(job_id)
        # One more callback a few times a second until the video comes: the one after the
        # rate limit's second has passed brings the finished job's query forward.
        shortapi.jobs[job_id].finished = True
        for _ in range(60):
            await http.post(callback_url, json={"job_id": job_id, "status": 2})
            with contextlib.suppress(AssertionError):
                await telegram.wait_for(lambda: telegram.uploads, timeout=0.25)
                break
        assert telegram.uploads, "the finished video never came"
    took = time.monotonic() - started
    assert 1 <= after_flood <= 2 + flood_took, f"{after_flood} queries in {flood_took:.1f}s"
    queries = shortapi.queries.count(job_id)
    assert queries <= 2 + took, f"{queries} queries in {took:.1f}s"


MALFORMED = [
    b"GET /media/\x01\x7f HTTP/1.1\r\nHost: x\r\n\r\n",  # a control character in the URL
    b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",  # a request line over 8,190
    b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",  # a TLS hello on the plain port
    b"GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",  # a broken header
]


async def send_raw(port: int, data: bytes) -> bytes:
    """Send `data` on a fresh connection; whatever comes back before the server closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        await writer.drain()
        async with asyncio.timeout(10):
            return await reader.read()
    except OSError:
        return b""
    finally:
        writer.close()


async def test_strangers_cannot_fill_the_log(bot_env, public, bot_process, telegram):
    bot_env["TELEGRAM_WEBHOOK"] = "true"
    await bot_process.start()
    port = int(bot_env["WEB_PORT"])
    lines_before = await settled(bot_process)

    for _ in range(50):  # 200 malformed requests, four at a time
        answers = await asyncio.gather(*(send_raw(port, data) for data in MALFORMED))
        assert [a.split(b"\r\n")[0] for a in answers] == [b"HTTP/1.0 400 Bad Request"] * 4
    async with httpx.AsyncClient(timeout=10) as http:
        for secret in ("wrong", None):
            headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
            forged = await asyncio.gather(
                *(
                    http.post(f"{public}/telegram/webhook", json={"update_id": 1}, headers=headers)
                    for _ in range(150)
                )
            )
            assert {a.status_code for a in forged} == {403}
        new = log_lines(bot_process)[lines_before:]
        assert "Traceback" not in bot_process.log()
        assert len(new) <= 4, "\n".join(new[:20])

        # A good request and a real update still get their answers.
        assert (await http.get(f"{public}/healthz")).status_code == 200
    _, options = await open_options(telegram, BOB, telegram.user(BOB))
    assert "Generate" in str(options["reply_markup"])


async def test_an_http_webhook_for_telegram_is_a_configuration_error(bot_env, tmp_path):
    env = {k: v for k, v in bot_env.items() if k != "TELEGRAM_API_URL"}  # Telegram's own
    env.update(TELEGRAM_WEBHOOK="true", PUBLIC_BASE_URL="http://bot.example.com")
    # Should the check ever be missing, the bot's calls go to a closed local port, not out.
    env.update(HTTPS_PROXY="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9", NO_PROXY="")
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(30):
        out, err = await proc.communicate()
    assert proc.returncode == 2, err.decode()
    (line,) = err.decode().splitlines()
    assert line.startswith("configuration error: TELEGRAM_WEBHOOK=true needs an https://")
    assert "PUBLIC_BASE_URL" in line and out == b""


async def test_running_out_of_descriptors_is_one_line_not_one_per_failed_accept(caplog):
    # asyncio reports each failed accept to the loop's handler (up to a backlog per pass), and
    # its default handler logs each with a traceback. In process: the bot's log cannot be
    # made to run out of descriptors at will once the connection bound works.
    server = WebServer(  # type: ignore[arg-type]
        host="127.0.0.1",
        port=0,
        db=None,
        runner=None,
        hosting=None,
        webhook=None,
        store="sqlite",
        leadership=None,
    )
    loop = asyncio.get_running_loop()
    error = OSError(errno.EMFILE, "Too many open files")
    with caplog.at_level(logging.DEBUG):
        for _ in range(1000):
            server._loop_error(loop, {"message": ACCEPT_FAILED, "exception": error})
        server._loop_error(loop, {"message": "something else", "exception": ValueError("x")})
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2, lines
    assert "cannot accept HTTP connections" in lines[0] and "Too many open files" in lines[0]
    assert lines[1] == "something else", "other loop errors are logged as before"
    assert caplog.records[0].exc_info is None
