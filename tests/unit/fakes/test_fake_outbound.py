"""The requests the fakes make themselves: FakeTelegram's webhook pushes, FakeShortAPI's
image fetches and callbacks, all to a small receiver standing in for the bot."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
import pytest_asyncio
import telegram
from aiohttp import web
from multidict import CIMultiDict
from telegram import Bot
from telegram.error import BadRequest, Conflict

from tests.fakes import FakeShortAPI, FakeTelegram, WebhookDelivery
from tests.unit.fakes.calls import PNG_HEADER, USER_ID, body, create, query

pytestmark = pytest.mark.asyncio


SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Received:
    """One request the receiver got."""

    method: str
    path: str
    headers: CIMultiDict[str]
    body: bytes


@dataclass
class Receiver:
    """A tiny HTTP server standing in for the bot's side: records requests, answers as told."""

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # statuses for the next POSTs, then 200
    secret: str | None = None  # POSTs without this secret header get 403, as the bot does
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # GET path -> content

    def posts(self) -> list[Received]:
        """The POST requests received, oldest first."""
        return [r for r in self.requests if r.method == "POST"]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Record the request; serve `files` to GETs, `answers` to POSTs."""
        body = await request.read()
        self.requests.append(
            Received(request.method, request.path, CIMultiDict(request.headers), body)
        )
        if request.method == "GET":
            if request.path == "/moved":
                raise web.HTTPFound("/img.png")
            if request.path not in self.files:
                return web.Response(status=404, text="Not Found")
            data, ctype = self.files[request.path]
            return web.Response(body=data, content_type=ctype)
        if self.secret is not None and request.headers.get(SECRET_HEADER) != self.secret:
            return web.Response(status=403)
        return web.Response(status=self.answers.pop(0) if self.answers else 200)


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A Receiver listening on 127.0.0.1, for the fakes to call."""
    rec = Receiver()
    app = web.Application()
    app.router.add_route("*", "/{path:.*}", rec.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    rec.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield rec
    await runner.cleanup()


async def test_webhook_push_retry_and_delete(tg: FakeTelegram, ptb: Bot, receiver: Receiver):
    user = tg.user(USER_ID, "Ann")
    url, receiver.secret = f"{receiver.url}/hook", "s3cr3t_-X"
    with pytest.raises(BadRequest, match=r"(?i)secret token contains unallowed characters"):
        await ptb.set_webhook(url, secret_token="no spaces")
    with pytest.raises(BadRequest, match=r"(?i)HTTPS URL must be provided"):
        await ptb.set_webhook("ftp://127.0.0.1/hook")
    # Setting a webhook ends a long poll in progress.
    held = asyncio.create_task(ptb.get_updates(timeout=5))
    await tg.wait_for(lambda: tg.calls_of("getUpdates"))
    assert await ptb.set_webhook(url, secret_token="s3cr3t_-X", allowed_updates=["message"])
    with pytest.raises(Conflict, match="terminated by setWebhook request"):
        await held
    assert tg.webhook == {"url": url, "secret_token": "s3cr3t_-X", "allowed_updates": ["message"]}
    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await ptb.get_updates()

    receiver.answers = [500]
    sent = tg.send_text(USER_ID, user, "hello")
    await tg.wait_for(lambda: tg.unconfirmed_updates == 0)
    failed, delivered = receiver.posts()
    assert failed.body == delivered.body and delivered.path == "/hook"
    assert delivered.headers[SECRET_HEADER] == "s3cr3t_-X"
    assert delivered.headers["Content-Type"] == "application/json"
    update = telegram.Update.de_json(json.loads(delivered.body), ptb)
    assert update.message.text == "hello" and update.message.message_id == sent["message_id"]
    assert tg.webhook_deliveries == [
        WebhookDelivery(
            update.update_id, 500, "Wrong response from the webhook: 500 Internal Server Error"
        ),
        WebhookDelivery(update.update_id, 200, None),
    ]
    info = await ptb.get_webhook_info()
    assert (info.url, info.pending_update_count, info.allowed_updates) == (url, 0, ("message",))
    assert info.last_error_message.endswith("500 Internal Server Error")
    # A forged request: the receiver's own answer comes back, nothing is queued.
    assert await tg.post_raw_update({"update_id": 1, "message": {}}, "wrong") == 403
    assert await tg.post_raw_update({"update_id": 1, "message": {}}, None) == 403
    assert len(receiver.posts()) == 4 and tg.unconfirmed_updates == 0

    assert await ptb.delete_webhook()
    assert tg.webhook is None and (await ptb.get_webhook_info()).url == ""
    tg.send_text(USER_ID, user, "after")
    [polled] = await ptb.get_updates(timeout=0)
    assert polled.message.text == "after"
    assert len(receiver.posts()) == 4 and len(tg.webhook_deliveries) == 2


async def test_webhook_allowed_updates_and_giving_up(
    tg: FakeTelegram, ptb: Bot, receiver: Receiver
) -> None:
    tg.webhook_max_attempts, tg.webhook_retry_delay = 3, 0.05
    user = tg.user(USER_ID, "Ann")
    tg.send_text(USER_ID, user, "queued before")
    await ptb.set_webhook(f"{receiver.url}/hook", allowed_updates=["callback_query"])
    await tg.wait_for(lambda: tg.unconfirmed_updates == 0)
    assert receiver.posts() == []  # a message, not asked for: never delivered
    receiver.answers = [502] * 3
    query_id = tg.press(USER_ID, user, 1, "go")
    await tg.wait_for(lambda: tg.webhook_dropped)
    assert [d.status for d in tg.webhook_deliveries] == [502] * 3
    assert tg.unconfirmed_updates == 0 and SECRET_HEADER not in receiver.posts()[0].headers
    assert json.loads(receiver.posts()[0].body)["callback_query"]["id"] == query_id
    # Nobody listening: a connection error, retried like a bad answer.
    await ptb.set_webhook("http://127.0.0.1:9/hook", drop_pending_updates=True)
    tg.press(USER_ID, user, 1, "again")
    await tg.wait_for(lambda: len(tg.webhook_dropped) == 2)
    assert tg.webhook_deliveries[-1].status is None
    assert tg.webhook_deliveries[-1].error == "Connection refused"


async def test_shortapi_fetches_image_urls(
    http: httpx.AsyncClient, api: FakeShortAPI, receiver: Receiver
) -> None:
    image = PNG_HEADER + bytes(range(256))
    receiver.files["/img.png"] = (image, "image/png")
    answer = await create(http, body(image=f"{receiver.url}/img.png"))
    assert answer["code"] == 0
    [fetch] = api.image_fetches
    assert (fetch.status, fetch.data, fetch.content_type) == (200, image, "image/png")
    for url in (
        f"{receiver.url}/missing.png",
        f"{receiver.url}/moved",
        "https://example.com/a.png",
    ):
        answer = await create(http, body(image=url))
        assert answer == {"code": 400, "message": "failed to fetch image"}
    assert [f.status for f in api.image_fetches] == [200, 404, 302, None]
    assert "loopback" in (api.image_fetches[-1].error or "") and len(api.jobs) == 1


async def test_shortapi_callbacks(
    http: httpx.AsyncClient, api: FakeShortAPI, receiver: Receiver
) -> None:
    callback = {**body(), "callback_url": f"{receiver.url}/cb"}
    # By hand: the current status is sent, and the script does not move on.
    manual = (await create(http, callback))["data"]["job_id"]
    assert (await query(http, manual))["data"] == {"status": 0}
    assert await api.fire_callback(manual) == 200
    assert json.loads(receiver.posts()[-1].body) == {"job_id": manual, "status": 1}
    assert (await query(http, manual))["data"] == {"status": 1}
    receiver.answers = [418]
    assert await api.fire_callback(manual, {"anything": True}) == 418
    assert api.callbacks == [(manual, 200), (manual, 418)]
    with pytest.raises(ValueError, match="no callback_url"):
        await api.fire_callback((await create(http, body()))["data"]["job_id"])

    # By itself: the job ends on a timer and calls back once.
    # A second, not less: three queries of a loaded machine (six test workers on two cores)
    # took over 0.2 s once, and the job had ended before the third.
    api.auto_callback, api.finish_after = True, 1.0
    auto = (await create(http, callback))["data"]["job_id"]
    assert [(await query(http, auto))["data"]["status"] for _ in range(3)] == [0, 1, 1]
    await api.wait_for(lambda: len(api.callbacks) == 3, timeout=5)
    assert api.callbacks[-1] == (auto, 200)
    assert json.loads(receiver.posts()[-1].body) == {"job_id": auto, "status": 2}
    assert (await query(http, auto))["data"]["status"] == 2
    await asyncio.sleep(0.05)
    assert len(api.callbacks) == 3 and len(receiver.posts()) == 3
