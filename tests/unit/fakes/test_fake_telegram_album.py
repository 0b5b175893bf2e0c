"""FakeTelegram's albums, as Telegram sends them: one message (and one update) per photo, one
media_group_id, the caption on the first message only; the updates in any order, and
possibly over several getUpdates answers (or webhook POSTs)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from telegram import Bot

from tests.fakes import FakeTelegram
from tests.images import jpeg
from tests.unit.fakes.calls import USER_ID

pytestmark = pytest.mark.asyncio

PHOTOS = [jpeg(1), jpeg(2, 6000), jpeg(3)]


async def test_an_album_is_one_message_and_one_update_per_photo(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]
) -> None:
    [start] = await ptb.get_updates(timeout=0)  # Ann's /start, message 1
    sent = tg.send_album(USER_ID, ann, PHOTOS, caption="/make a fox in the snow")
    updates = await ptb.get_updates(offset=start.update_id + 1, timeout=0)
    assert len(updates) == 3 and [u.update_id for u in updates] == [
        start.update_id + i for i in (1, 2, 3)
    ]
    messages = [u.message for u in updates]
    assert [m.message_id for m in messages] == [2, 3, 4] == [m["message_id"] for m in sent]
    group = sent[0]["media_group_id"]
    assert isinstance(group, str) and group
    assert {m.media_group_id for m in messages} == {group}
    # The caption (and its entities) on the first message only, as Telegram puts it.
    assert [m.caption for m in messages] == ["/make a fox in the snow", None, None]
    assert messages[0].caption_entities[0].type == "bot_command"
    assert all("caption" not in m for m in sent[1:])
    # Each photo is a photo message like send_photo's: sizes, the largest being the photo.
    for message, photo in zip(messages, PHOTOS, strict=True):
        assert len(message.photo) == 3 and message.from_user.id == USER_ID
        assert tg.file_bytes(message.photo[-1].file_id) == photo
        file = await ptb.get_file(message.photo[-1].file_id)
        assert bytes(await file.download_as_bytearray()) == photo
    assert tg.message(USER_ID, 3)["media_group_id"] == group
    # Another album gets another group.
    again = tg.send_album(USER_ID, ann, PHOTOS[:2])
    assert again[0]["media_group_id"] != group and [m["message_id"] for m in again] == [5, 6]


async def test_the_updates_come_in_the_order_asked(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]
) -> None:
    [start] = await ptb.get_updates(timeout=0)
    sent = tg.send_album(USER_ID, ann, PHOTOS, caption="fox", order=[2, 0, 1])
    updates = await ptb.get_updates(offset=start.update_id + 1, timeout=0)
    # Update ids grow in the order they come; message ids are the album's.
    assert [u.update_id for u in updates] == sorted(u.update_id for u in updates)
    assert [u.message.message_id for u in updates] == [4, 2, 3]
    assert [u.message.caption for u in updates] == [None, "fox", None]
    assert [m["message_id"] for m in sent] == [2, 3, 4]


async def test_a_split_album_comes_over_several_get_updates(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]
) -> None:
    tg.send_album(USER_ID, ann, PHOTOS, caption="fox", split=True)
    tg.send_text(USER_ID, ann, "after")
    batches = []
    offset = None
    for _ in range(5):
        batch = await ptb.get_updates(offset=offset, timeout=0)
        if not batch:
            break
        batches.append([u.message.text or u.message.caption or "-" for u in batch])
        offset = batch[-1].update_id + 1
    # /start comes alone, each photo alone; the text after the album comes with the last.
    assert batches == [["/start"], ["fox"], ["-"], ["-", "after"]]
    assert tg.pending_updates == 0


async def test_an_unconfirmed_split_part_is_handed_out_again_alone(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]
) -> None:
    [start] = await ptb.get_updates(timeout=0)
    tg.send_album(USER_ID, ann, PHOTOS[:2], split=True)
    first = await ptb.get_updates(offset=start.update_id + 1, timeout=0)
    assert first == await ptb.get_updates(offset=start.update_id + 1, timeout=0)
    assert len(first) == 1
    [second] = await ptb.get_updates(offset=first[0].update_id + 1, timeout=0)
    assert second.message.media_group_id == first[0].message.media_group_id


async def test_a_gap_queues_the_next_photos_later(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any]
) -> None:
    [start] = await ptb.get_updates(timeout=0)
    began = time.monotonic()
    sent = tg.send_album(USER_ID, ann, PHOTOS, gap=0.3)
    assert [m["message_id"] for m in sent] == [2, 3, 4]  # all sent at once, queued later
    seen, offset = [], start.update_id + 1
    while len(seen) < 3:
        batch = await ptb.get_updates(offset=offset, timeout=2)
        seen += [(u.message.message_id, time.monotonic() - began) for u in batch]
        offset = batch[-1].update_id + 1
    assert [message_id for message_id, _ in seen] == [2, 3, 4]
    # Lower bounds only (a loaded machine may hand any of them out later, never earlier).
    assert seen[0][1] < seen[1][1] < seen[2][1] and seen[1][1] >= 0.3 and seen[2][1] >= 0.6


async def test_a_gap_left_pending_ends_with_the_fake() -> None:
    async with FakeTelegram() as tg:
        user = tg.user(USER_ID)
        tg.send_album(USER_ID, user, PHOTOS, gap=0.2)
    await asyncio.sleep(0.5)
    assert tg.unconfirmed_updates == 1  # the first; the others were never queued


@pytest.mark.parametrize(
    ("photos", "order", "why"),
    [
        (PHOTOS[:1], None, "2 to 10"),
        (PHOTOS * 4, None, "2 to 10"),
        (PHOTOS, [0, 1], "each of the 3"),
        (PHOTOS, [0, 1, 1], "each of the 3"),
    ],
)
async def test_an_album_holds_2_to_10_photos_each_delivered_once(
    tg: FakeTelegram, ann: dict[str, Any], photos: list[bytes], order: list[int] | None, why: str
) -> None:
    with pytest.raises(ValueError, match=why):
        tg.send_album(USER_ID, ann, photos, order=order)


class Hook:
    """A webhook receiver: the updates POSTed to it, one list per POST."""

    def __init__(self) -> None:
        self.posts: list[Any] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.posts.append(json.loads(await request.read()))
        return web.Response(text="ok")


@pytest_asyncio.fixture
async def hook() -> AsyncIterator[tuple[Hook, str]]:
    receiver = Hook()
    app = web.Application()
    app.router.add_post("/hook", receiver.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield receiver, f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    await runner.cleanup()


@pytest.mark.parametrize("split", [False, True])
async def test_through_a_webhook_each_photo_is_a_post_of_its_own(
    tg: FakeTelegram, ptb: Bot, ann: dict[str, Any], hook: tuple[Hook, str], split: bool
) -> None:
    receiver, url = hook
    await ptb.set_webhook(url)
    tg.send_album(USER_ID, ann, PHOTOS, caption="fox", order=[1, 2, 0], split=split)
    await tg.wait_for(lambda: len(receiver.posts) == 4 and tg.unconfirmed_updates == 0)
    posts = receiver.posts[1:]  # after /start
    assert all(isinstance(p, dict) and "message" in p for p in posts)
    assert [p["message"]["message_id"] for p in posts] == [3, 4, 2]
    assert len({p["message"]["media_group_id"] for p in posts}) == 1
    assert [p["message"].get("caption") for p in posts] == [None, None, "fox"]
