"""Making storage records directly, for tests below the bot."""

from bot.core.options import document
from bot.veo import VideoOptions


def options(**args) -> dict:
    """What a draft stores for the seed model's options with these args (defaults otherwise):
    model id, args document and history key, as bot/core/options.py writes them."""
    return document(VideoOptions(**args))


def history_key(**args) -> str:
    """The history key of the seed model's options with these args (bot/core/estimates.py)."""
    return str(options(**args)["estimate_key"])


# Fast, 8 s, 720p, 16:9, no audio: the API's defaults.
OPTIONS = options()


async def open_draft(db, user_id: int = 1, chat_id: int | None = None, prompt: str = "a cat"):
    """An open draft with an options message (id 6), as after a captioned photo (id 5)."""
    await db.users.touch(user_id, f"user{user_id}", None)
    draft = await db.drafts.create(
        user_id=user_id,
        chat_id=chat_id if chat_id is not None else user_id,
        source_message_id=5,
        file_id="f1",
        mime_type="image/jpeg",
        prompt=prompt,
        options=OPTIONS,
    )
    await db.drafts.set_message(draft.id, 6)
    return await db.drafts.get(draft.id)
