"""AiohttpRequest, PTB's transport on aiohttp, under a real PTB Bot against servers on
127.0.0.1: what the Bot API receives, what the bot gets back, and the failures it counts."""

import asyncio
import base64
import json
from collections.abc import AsyncIterator

import pytest
from prometheus_client import REGISTRY
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.ops import metrics
from bot.telegram.calls import seconds_of
from bot.telegram.transport import AiohttpRequest
from tests.fakes import FakeTelegram
from tests.fakes._video import real_mp4
from tests.process import BOT_TOKEN, free_port

USER_ID = 111
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Make it", callback_data="go:7")]])
ME = {"id": 1234567, "is_bot": True, "first_name": "Veo", "username": "veo_test_bot"}


def telegram_errors() -> dict[str, float]:
    """veo_telegram_errors_total now, by kind."""
    return {
        kind: REGISTRY.get_sample_value("veo_telegram_errors_total", {"kind": kind}) or 0.0
        for kind in metrics.TELEGRAM_ERRORS
    }


def counted_since(before: dict[str, float]) -> dict[str, float]:
    """The kinds counted since `before`, and how many of each."""
    after = telegram_errors()
    return {kind: after[kind] - before[kind] for kind in after if after[kind] != before[kind]}


def bot_at(base_url: str, request: AiohttpRequest) -> Bot:
    """A PTB Bot sending through `request` to the Bot API at `base_url`."""
    return Bot(BOT_TOKEN, base_url=f"{base_url}/bot", request=request)


@pytest.fixture
async def bot(telegram: FakeTelegram) -> AsyncIterator[Bot]:
    """A Bot on AiohttpRequest, pointed at the fake Telegram, where Ann has started it."""
    user = telegram.user(USER_ID, "Ann")
    telegram.send_text(USER_ID, user, "/start")
    async with bot_at(telegram.base_url, AiohttpRequest()) as bot:
        yield bot


class RawServer:
    """An HTTP server on 127.0.0.1 that answers getMe (or, if `silent`, nothing at all), and
    notes each connection it accepts, each request line and headers, and each connection the
    client closes."""

    def __init__(self, silent: bool = False) -> None:
        self.silent = silent
        self.accepted = 0
        self.heads: list[tuple[str, dict[str, str]]] = []
        self.closed_by_client = asyncio.Event()
        self._server: asyncio.Server | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def __aenter__(self) -> "RawServer":
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        body = json.dumps({"ok": True, "result": ME}).encode()
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                self.closed_by_client.set()
                break
            first, *lines = head.decode().strip().split("\r\n")
            headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines)}
            self.heads.append((first, headers))
            await reader.readexactly(int(headers.get("content-length", 0)))
            if not self.silent:
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
                )
        writer.close()


async def test_a_message_with_buttons_arrives_with_its_parameters(telegram, bot):
    before = telegram_errors()
    sent = await bot.send_message(USER_ID, "Ready «soon»", reply_markup=KEYBOARD)
    (call,) = telegram.calls_of("sendMessage")
    assert call.params["chat_id"] == USER_ID
    assert call.params["text"] == "Ready «soon»"
    assert call.params["reply_markup"] == KEYBOARD.to_dict()
    # And what came back is the message the chat now shows.
    assert (sent.text, sent.reply_markup) == ("Ready «soon»", KEYBOARD)
    assert telegram.bot_messages(USER_ID)[-1]["message_id"] == sent.message_id
    assert counted_since(before) == {}


async def test_a_video_arrives_as_a_file_with_its_name_type_and_bytes(telegram, bot):
    video = real_mp4()
    sent = await bot.send_video(
        USER_ID,
        InputFile(video, filename="été 1.mp4"),
        caption="A copper fox",
        reply_markup=KEYBOARD,
    )
    (call,) = telegram.calls_of("sendVideo")
    part = call.files["video"]
    assert (part.filename, part.content_type, part.data) == ("été 1.mp4", "video/mp4", video)
    assert call.params["caption"] == "A copper fox"
    assert call.params["reply_markup"] == KEYBOARD.to_dict()
    assert sent.video.file_size == len(video) and sent.caption == "A copper fox"


async def test_a_429_reaches_the_bot_as_retry_after_and_is_counted(telegram, bot):
    telegram.fail_next("sendMessage", error_code=429, retry_after=3)
    before = telegram_errors()
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(USER_ID, "Hello")
    assert seconds_of(raised.value.retry_after) == 3
    assert counted_since(before) == {"retry_after": 1}


async def test_a_server_that_never_answers_times_out_and_is_counted():
    async with RawServer(silent=True) as server:
        request = AiohttpRequest(read_timeout=0.2)
        await request.initialize()
        before = telegram_errors()
        try:
            with pytest.raises(TimedOut) as raised:
                await bot_at(server.base_url, request).get_me()
        finally:
            await request.shutdown()
    assert counted_since(before) == {"timed_out": 1}
    assert BOT_TOKEN not in str(raised.value)


async def test_waiting_too_long_for_a_free_connection_times_out_without_the_token():
    # aiohttp names the whole URL, token and all, in this error.
    async with RawServer(silent=True) as server:
        request = AiohttpRequest(connection_pool_size=1, connect_timeout=0.2, pool_timeout=0.2)
        await request.initialize()
        bot = bot_at(server.base_url, request)
        busy = asyncio.create_task(bot.get_me(read_timeout=5))
        await asyncio.sleep(0.1)
        before = telegram_errors()
        try:
            with pytest.raises(TimedOut) as raised:
                await bot.get_me()
        finally:
            busy.cancel()
            await request.shutdown()
    assert counted_since(before) == {"timed_out": 1}
    assert BOT_TOKEN not in str(raised.value) and "getMe" not in str(raised.value)


async def test_a_refused_connection_is_a_network_error_without_the_token():
    request = AiohttpRequest()
    await request.initialize()
    before = telegram_errors()
    try:
        with pytest.raises(NetworkError) as raised:
            await bot_at(f"http://127.0.0.1:{free_port()}", request).get_me()
    finally:
        await request.shutdown()
    assert type(raised.value) is NetworkError
    assert counted_since(before) == {"network": 1}
    assert "127.0.0.1" in str(raised.value) and BOT_TOKEN not in str(raised.value)


async def test_requests_share_one_connection_which_shutdown_closes():
    async with RawServer() as server:
        request = AiohttpRequest()
        await request.initialize()
        bot = bot_at(server.base_url, request)
        first, second = await bot.get_me(), await bot.get_me()
        assert first.username == second.username == "veo_test_bot"
        assert server.accepted == 1
        await request.shutdown()
        await asyncio.wait_for(server.closed_by_client.wait(), 2)


@pytest.fixture
def no_proxy_set(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An environment without proxies, for a test to set its own."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


async def test_the_proxy_the_environment_names_carries_the_requests(no_proxy_set):
    async with RawServer() as proxy:
        address = proxy.base_url.removeprefix("http://")
        no_proxy_set.setenv("HTTP_PROXY", f"http://ann:s3cret@{address}")
        origin = f"http://127.0.0.1:{free_port()}"  # nothing listens: only the proxy answers
        request = AiohttpRequest()
        await request.initialize()
        try:
            me = await bot_at(origin, request).get_me()
        finally:
            await request.shutdown()
    assert me.username == "veo_test_bot"
    ((line, headers),) = proxy.heads
    assert line == f"POST {origin}/bot{BOT_TOKEN}/getMe HTTP/1.1"
    assert headers["proxy-authorization"] == "Basic " + base64.b64encode(b"ann:s3cret").decode()


async def test_no_proxy_keeps_a_host_off_the_proxy(no_proxy_set):
    async with RawServer() as proxy, RawServer() as api:
        no_proxy_set.setenv("HTTP_PROXY", proxy.base_url)
        no_proxy_set.setenv("NO_PROXY", "127.0.0.1")
        async with bot_at(api.base_url, AiohttpRequest()) as bot:
            await bot.get_me()
    assert (len(proxy.heads), len(api.heads)) == (0, 2)  # Bot.initialize's getMe, then ours
