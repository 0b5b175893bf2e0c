"""Which language each user is spoken to in, stored on both stores and kept across restarts."""

import pytest

from bot.core.drafts import TelegramUser
from bot.texts.languages import REMEMBER_FOR, Languages
from storage import DatabaseUnavailable
from tests.fakes.memory import Clock

OLGA = TelegramUser(7, "Olga", None, "ru")


async def test_a_choice_is_stored_and_read_back_after_a_restart(db):
    await Languages(db).choose(OLGA, "es")
    restarted = Languages(db)  # a new process: nothing remembered
    assert await restarted.of(OLGA.id, "ru") == "es"
    assert (await restarted.words(OLGA.id)).code == "es"
    await restarted.choose(OLGA, None)  # back to the Telegram app's language
    assert await Languages(db).of(OLGA.id, "ru") == "ru"
    assert await Languages(db).of(OLGA.id) == "ru"  # as stored from her last update


async def test_without_a_choice_the_telegram_language_decides(db):
    languages = Languages(db)
    assert await languages.of(1, None) == "en"  # nobody known: the fallback
    await db.users.touch(1, "Ann", None, "pt-br")
    assert await Languages(db).of(1) == "pt-BR"  # a finished video, outside of any update
    assert await Languages(db).of(1, "tr") == "tr"  # the update's own code is newer
    assert await Languages(db).of(1, "de") == "en"


async def test_the_newest_update_wins_over_what_was_remembered_before_the_row(db):
    """/help before the first photo remembers "no row"; the video later must still use the
    code of the user's updates, not that empty memory."""
    languages = Languages(db)
    assert await languages.of(2, "uk") == "uk"
    await db.users.touch(2, "Taras", None, "uk")
    assert await languages.of(2) == "uk"


async def test_another_replicas_choice_is_seen_within_the_memory_time(db):
    clock = Clock(100.0)
    here, there = Languages(db, clock), Languages(db, clock)
    assert await here.of(OLGA.id, "ru") == "ru"
    await there.choose(OLGA, "fa")
    assert await there.of(OLGA.id, "ru") == "fa"  # at once where it was chosen
    clock.now += REMEMBER_FOR + 1
    assert await here.of(OLGA.id, "ru") == "fa"


async def test_only_known_languages_are_stored(db):
    with pytest.raises(ValueError):
        await Languages(db).choose(OLGA, "xx")
    # A catalog removed since it was chosen: the Telegram language again, not an error.
    await db.users.set_language(OLGA.id, "Olga", None, "ru", "xx")
    assert await Languages(db).of(OLGA.id, "ru") == "ru"


async def test_with_the_database_away_the_remembered_language_is_used(db, monkeypatch):
    clock = Clock(100.0)
    languages = Languages(db, clock)
    await languages.choose(OLGA, "id")
    clock.now += REMEMBER_FOR + 1

    async def unavailable(user_id):
        raise DatabaseUnavailable("the server is gone", "unreachable")

    monkeypatch.setattr(db.users, "languages", unavailable)
    assert await languages.of(OLGA.id, "ru") == "id"
    assert await languages.of(99, "tr") == "tr"  # never seen: the update's language
