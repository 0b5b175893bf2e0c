"""Albums on both stores: photos kept as they come, in any order and again; an album settled
once, into one draft, only after it has been quiet; one left by a crash found by the sweep."""

import time

import pytest

from bot.core import albums as albums_module
from bot.core.albums import ALBUM_QUIET, Albums
from bot.core.drafts import DraftService, IncomingImage, TelegramUser
from bot.core.errors import TooManyPhotos, UnsupportedFile
from storage import DraftStatus

ANN = TelegramUser(7, "Ann", "ann")


def photo(n: int) -> IncomingImage:
    return IncomingImage(f"file-{n}", "image/jpeg", 1000)


async def add(albums: Albums, group: str, message_id: int, caption: str | None = None) -> bool:
    return await albums.add(
        user=ANN,
        chat_id=7,
        message_id=message_id,
        media_group_id=group,
        image=photo(message_id),
        caption=caption,
    )


def quiet(monkeypatch, seconds: float = ALBUM_QUIET + 1) -> None:
    """Time passes: the albums' last photos are `seconds` old."""
    now = time.time() + seconds
    monkeypatch.setattr(albums_module.time, "time", lambda: now)


async def test_an_album_is_settled_once_into_one_draft_of_its_photos_in_order(db, monkeypatch):
    albums = Albums(db, DraftService(db))
    # In any order, one of them twice (a re-delivered update).
    for message_id in (12, 10, 11, 12):
        assert await add(albums, "g1", message_id, "dogs" if message_id == 10 else None)
    assert await albums.settle("g1") is None, "not quiet yet"
    quiet(monkeypatch)
    settled = await albums.settle("g1")
    assert settled is not None and settled.first_message_id == 10 and settled.photos == 3
    draft = settled.draft
    assert draft is not None and draft.model == "google/veo-3.1/reference-to-video"
    assert draft.inputs == {"images": ["file-10", "file-11", "file-12"]}
    assert draft.prompt == "dogs" and draft.status is DraftStatus.OPEN
    assert await albums.settle("g1") is None, "settled once"
    assert not await add(albums, "g1", 13), "a photo after it was settled is not taken"


async def test_an_album_left_by_a_crash_is_found_and_settled_by_a_new_process(db, monkeypatch):
    await add(Albums(db, DraftService(db)), "g2", 20)
    await add(Albums(db, DraftService(db)), "g2", 21)
    restarted = Albums(db, DraftService(db))  # nobody settled it: its timer died with them
    assert await restarted.due() == []
    quiet(monkeypatch)
    assert await restarted.due() == ["g2"]
    settled = await restarted.settle("g2")
    assert settled is not None and settled.draft is not None
    assert settled.draft.status is DraftStatus.AWAITING_PROMPT  # no caption: ask for one
    assert await restarted.due() == []


async def test_too_many_photos_or_a_file_that_is_no_image_make_nothing(db, monkeypatch):
    albums = Albums(db, DraftService(db))
    for message_id in range(30, 34):
        await add(albums, "g3", message_id, "dogs")
    with pytest.raises(UnsupportedFile):
        await albums.add(
            user=ANN,
            chat_id=7,
            message_id=40,
            media_group_id="g4",
            image=IncomingImage("f", "application/pdf", 10),
            caption=None,
        )
    quiet(monkeypatch)
    settled = await albums.settle("g3")
    assert settled is not None and settled.draft is None
    assert isinstance(settled.refusal, TooManyPhotos) and settled.refusal.count == 4
    assert await db.fetchval("SELECT COUNT(*) FROM drafts") == 0
    assert await albums.due() == []
