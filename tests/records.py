"""Making storage records directly, for tests below the bot."""

OPTIONS = {"mode": "fast", "duration": 8, "resolution": "720p", "aspect_ratio": "16:9", "audio": 0}


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
