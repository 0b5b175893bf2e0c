"""Property tests on the real handlers: the app as bot/app.py wires it, fed real updates.

Updates are made by the fake Telegram (as users would) and fetched with getUpdates, so PTB parses
exactly what it would in production; the ShortAPI fake takes the create calls.
"""

import asyncio
import itertools
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_application
from tests.chat import button, price_in
from tests.images import jpeg
from tests.inprocess import fake_settings, start, stop

OWNER, OTHER = 501, 502
LABELS = ["Fast", "Quality", "4s", "6s", "8s", "720p", "1080p", "4K", "Auto", "16:9", "9:16"]
LABELS += ["Audio", "Generate", "Cancel"]
EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
captions = itertools.count()
groups = itertools.count(-1000500, -1)


class Harness:
    """The application, and a way to deliver what users did to it."""

    def __init__(self, app, telegram, shortapi, db_path) -> None:
        self.app = app
        self.db_path = db_path
        self.telegram = telegram
        self.shortapi = shortapi
        self.errors: list[BaseException] = []
        self.offset = 0

    async def deliver(self) -> None:
        """Fetch pending updates as the poller would and let the handlers process them."""
        updates = await self.app.bot.get_updates(offset=self.offset, timeout=0)
        for update in updates:
            self.offset = update.update_id + 1
            await self.app.process_update(update)

    async def settle(self) -> None:
        """Wait until no create call is under way (the submit tasks run in the background)."""
        with sqlite3.connect(self.db_path) as conn:
            for _ in range(500):
                (busy,) = conn.execute(
                    "SELECT COUNT(*) FROM jobs WHERE status IN ('submitting', 'creating')"
                ).fetchone()
                if not busy:
                    return
                await asyncio.sleep(0.01)
        raise AssertionError("a create call never finished")

    async def options_message(self, chat_id: int, user: dict) -> dict:
        caption = f"property example {next(captions)}"
        self.telegram.send_photo(chat_id, user, jpeg(), caption=caption)
        await self.deliver()
        return next(m for m in self.telegram.bot_messages(chat_id) if caption in m.get("text", ""))


@pytest.fixture
async def harness(tmp_path, telegram, shortapi):
    config = fake_settings(  # with prices shown: the card's price is checked
        tmp_path,
        telegram,
        shortapi,
        user_daily_budget="0",
        max_active_jobs_per_user=0,
        show_prices=True,
    )
    app = build_application(config)
    harness = Harness(app, telegram, shortapi, config.database_path)

    async def record(update, context):
        harness.errors.append(context.error)

    app.add_error_handler(record)
    await start(app)
    yield harness
    await harness.settle()
    await stop(app)


callback_data = st.one_of(
    st.text(min_size=1, max_size=64),
    st.from_regex(r"\Ad:[0-9]{1,25}:[a-z](:[0-9a-z:k]{0,8})?\Z"),
    st.binary(min_size=1, max_size=64).map(lambda b: b.decode("latin-1")),
)


@EXAMPLES
@given(data=callback_data)
async def test_arbitrary_callback_data_never_raises_and_is_always_answered(harness, data):
    telegram = harness.telegram
    owner = telegram.user(OWNER)
    if not hasattr(harness, "message"):
        harness.message = await harness.options_message(OWNER, owner)
    query = telegram.press(OWNER, owner, harness.message["message_id"], data)
    await harness.deliver()
    assert harness.errors == []
    assert telegram.callback_answer(query) is not None


presses = st.lists(
    st.tuples(st.sampled_from([OWNER, OTHER]), st.sampled_from(LABELS)), min_size=1, max_size=12
)


@EXAMPLES
@given(sequence=presses)
async def test_two_users_pressing_anything_make_at_most_one_job(harness, sequence):
    telegram, shortapi = harness.telegram, harness.shortapi
    users = {OWNER: telegram.user(OWNER, "Owner"), OTHER: telegram.user(OTHER, "Other")}
    # A group of its own per example: Telegram (and PTB's rate limiter) allow 20 messages a
    # minute per group, which one group would soon reach.
    group = next(groups)
    first = await harness.options_message(group, users[OWNER])
    mid = first["message_id"]
    prompt = first["text"].split("Prompt: ", 1)[1].split("\n", 1)[0]
    closing = None  # "Generate" or "Cancel", once the owner closed the request
    closed_price = None
    for who, label in sequence:
        before = telegram.message(group, mid)
        # Buttons as first shown: a stale keyboard must be as harmless as the current one.
        telegram.press(group, users[who], mid, button(first, label))
        await harness.deliver()
        after = telegram.message(group, mid)
        if closing is None and who == OWNER and label in ("Generate", "Cancel"):
            closing, closed_price = label, price_in(before["text"])
        if closing is None or (who == OTHER and closing == "Cancel"):
            if who == OTHER:
                assert after == before, "someone else's press changed the request"
        elif closing == "Generate":
            assert "Options: " in after["text"] and price_in(after["text"]) == closed_price
        else:
            assert after["text"].startswith("Cancelled"), "a cancelled request changed"
    await harness.settle()
    made = [c for c in shortapi.creates if c.body["args"]["prompt"] == prompt]
    assert len(made) == (1 if closing == "Generate" else 0)
    assert harness.errors == []


async def test_a_press_on_a_card_whose_message_is_not_yet_recorded_redraws_it(harness):
    # The card is sent, then its message id recorded: a press can come in between (seen on
    # CI: an album's card pressed the moment it appeared). The pressed message is the card.
    user = harness.telegram.user(OWNER)
    card = await harness.options_message(OWNER, user)
    with sqlite3.connect(harness.db_path) as conn:
        conn.execute("UPDATE drafts SET message_id = NULL")
    harness.telegram.press(OWNER, user, card["message_id"], button(card, "9:16"))
    await harness.deliver()
    shown = harness.telegram.message(OWNER, card["message_id"])
    assert "✅ 9:16" in str(shown["reply_markup"]), shown["reply_markup"]
    with sqlite3.connect(harness.db_path) as conn:
        assert conn.execute("SELECT message_id FROM drafts").fetchall() == [(card["message_id"],)]
