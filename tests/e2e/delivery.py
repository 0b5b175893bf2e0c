"""A video on its way to the user, through the real bot process: Generate pressed, the video
sent (or the attempts to send it), and the frames the bot kept of it."""

import contextlib
import sqlite3

from storage import Database
from tests.chat import button, open_options

ANN = 1001


async def generate(telegram, user, caption="A lighthouse in a storm"):
    """Open the options for a captioned photo and press Generate; the options message."""
    _, options = await open_options(telegram, user["id"], user, caption=caption)
    telegram.press(user["id"], user, options["message_id"], button(options, "Generate"))
    return options


def delivered(telegram, options):
    """Whether the options message (now the status) says the video was delivered."""
    return "delivered" in telegram.message(options["chat"]["id"], options["message_id"])["text"]


def delivery_attempts(telegram, chat_id):
    """Every sendVideo/sendDocument call to the chat, refused ones included."""
    return [
        c
        for c in telegram.calls
        if c.method in ("sendVideo", "sendDocument") and c.params.get("chat_id") == chat_id
    ]


async def stored_frames(bot_env: dict[str, str]) -> list[bytes]:
    """The bot's job_frames, read straight from its database."""
    if "DATABASE_URL" in bot_env:
        db = await Database.open(bot_env["DATABASE_URL"])
        try:
            return [bytes(r["data"]) for r in await db.fetch("SELECT data FROM job_frames")]
        finally:
            await db.close()
    with contextlib.closing(sqlite3.connect(bot_env["DATABASE_PATH"])) as conn:
        return [row[0] for row in conn.execute("SELECT data FROM job_frames")]


async def video_message(telegram, count: int, chat_id: int = ANN) -> dict:
    """The `count`th video the bot sent to the chat (Ann's by default)."""

    def videos():
        return [m for m in telegram.bot_messages(chat_id) if "video" in m]

    await telegram.wait_for(lambda: len(videos()) >= count, timeout=30)
    return videos()[count - 1]
