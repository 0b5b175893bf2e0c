"""Drafts: the option set behind one options message, kept so buttons survive a restart."""

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from storage.records import Draft, DraftStatus, args_from_text, args_to_text, columns_of
from storage.sql import Args

if TYPE_CHECKING:
    from storage.db import Database

# What a draft's options are stored as: the model id, its args document (JSON text: storage
# knows no arg's name) and the key of the history of jobs that take as long, which the model's
# declaration computes (a job copies all three).
OPTION_COLUMNS = ("model", "args", "estimate_key")
# What else a press or a message may change on an open draft: its inputs document (JSON text
# too) and the input it waits for from the user's next message.
INPUT_COLUMNS = ("inputs", "waiting_for")
_DOCUMENTS = ("args", "inputs")


def draft_from_row(row: Any) -> Draft:
    """Map a drafts row to its record."""
    values = columns_of(Draft, row)
    return Draft(
        **values
        | {
            "args": args_from_text(row["args"]),
            "inputs": args_from_text(row["inputs"]),
            "status": DraftStatus(row["status"]),
        }
    )


def _stored(column: str, value: object) -> object:
    # The args and inputs documents are kept as JSON text; the other columns as they are.
    return args_to_text(value) if column in _DOCUMENTS and isinstance(value, Mapping) else value


class DraftRepository:
    """Create, read and conditionally change drafts."""

    def __init__(self, db: "Database") -> None:
        self._db = db

    async def create(
        self,
        *,
        user_id: int,
        chat_id: int,
        source_message_id: int,
        file_id: str,
        mime_type: str,
        prompt: str | None,
        options: Mapping[str, object],
        inputs: Mapping[str, object] | None = None,
    ) -> Draft:
        """A new draft: open when it has a prompt, else waiting for one."""
        now = time.time()
        status = DraftStatus.OPEN if prompt is not None else DraftStatus.AWAITING_PROMPT
        insert = (
            "INSERT INTO drafts (user_id, chat_id, source_message_id, file_id, mime_type,"
            " prompt, model, args, estimate_key, inputs, status, created_at, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
            " RETURNING *"
        )
        values = (
            user_id,
            chat_id,
            source_message_id,
            file_id,
            mime_type,
            prompt,
            *(_stored(c, options[c]) for c in OPTION_COLUMNS),
            args_to_text(inputs or {}),
            status,
            now,
            now,
        )
        if status is DraftStatus.OPEN:
            return draft_from_row(await self._db.fetchrow(insert, *values))
        async with self._db.transaction() as tx:
            # Only the newest photo waits for the next text message.
            await _stop_waiting(tx, user_id, chat_id, now)
            row = await tx.fetchrow(insert, *values)
        return draft_from_row(row)

    async def get(self, draft_id: int) -> Draft | None:
        """The draft, or None."""
        row = await self._db.fetchrow("SELECT * FROM drafts WHERE id = $1", draft_id)
        return draft_from_row(row) if row else None

    async def set_message(self, draft_id: int, message_id: int) -> None:
        """Remember which bot message shows this draft's buttons."""
        await self._db.execute(
            "UPDATE drafts SET message_id = $1, updated_at = $2 WHERE id = $3",
            message_id,
            time.time(),
            draft_id,
        )

    async def awaiting_prompt(self, user_id: int, chat_id: int) -> Draft | None:
        """The photo this user sent in this chat that still waits for its prompt."""
        row = await self._db.fetchrow(
            "SELECT * FROM drafts WHERE user_id = $1 AND chat_id = $2 AND status = $3"
            " ORDER BY id DESC LIMIT 1",
            user_id,
            chat_id,
            DraftStatus.AWAITING_PROMPT,
        )
        return draft_from_row(row) if row else None

    async def give_prompt(self, draft_id: int, prompt: str) -> bool:
        """Set the prompt of a waiting draft and open it; False if it no longer waits."""
        changed = await self._db.execute(
            "UPDATE drafts SET prompt = $1, status = $2, updated_at = $3"
            " WHERE id = $4 AND status = $5",
            prompt,
            DraftStatus.OPEN,
            time.time(),
            draft_id,
            DraftStatus.AWAITING_PROMPT,
        )
        return changed == 1

    async def ask_prompt(self, draft_id: int) -> Draft | None:
        """Make an open draft wait for a new prompt (its card keeps its message); the draft,
        or None if it is not open. Only the newest waiting draft of a chat takes the next text."""
        now = time.time()
        async with self._db.transaction() as tx:
            row = await tx.fetchrow(
                "UPDATE drafts SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4"
                " RETURNING *",
                DraftStatus.AWAITING_PROMPT,
                now,
                draft_id,
                DraftStatus.OPEN,
            )
            if row is None:
                return None
            await _stop_waiting(tx, row["user_id"], row["chat_id"], now, but=draft_id)
        return draft_from_row(row)

    async def wait_for(self, draft_id: int, key: str) -> Draft | None:
        """Make an open draft wait for one of its inputs (`key`) from its user's next message
        in the chat; the draft, or None if it is not open. As with a prompt, only the newest
        wait of a chat takes that message: the others end."""
        now = time.time()
        async with self._db.transaction() as tx:
            row = await tx.fetchrow(
                "UPDATE drafts SET waiting_for = $1, updated_at = $2 WHERE id = $3 AND status = $4"
                " RETURNING *",
                key,
                now,
                draft_id,
                DraftStatus.OPEN,
            )
            if row is None:
                return None
            await _stop_waiting(tx, row["user_id"], row["chat_id"], now, but=draft_id)
        return draft_from_row(row)

    async def waiting(self, user_id: int, chat_id: int, key: str) -> Draft | None:
        """The open draft of this user in this chat that waits for the input `key`."""
        row = await self._db.fetchrow(
            "SELECT * FROM drafts WHERE user_id = $1 AND chat_id = $2 AND status = $3"
            " AND waiting_for = $4 ORDER BY id DESC LIMIT 1",
            user_id,
            chat_id,
            DraftStatus.OPEN,
            key,
        )
        return draft_from_row(row) if row else None

    async def set_options(
        self, draft_id: int, options: Mapping[str, object], *, waiting: str | None = None
    ) -> Draft | None:
        """Store new options (and inputs) for an open draft, only while it waits for the input
        `waiting` if one is named; the draft as now stored, or None if closed (or no longer
        waiting for it)."""
        unknown = set(options) - set(OPTION_COLUMNS) - set(INPUT_COLUMNS)
        if unknown:
            raise ValueError(f"not option columns: {sorted(unknown)}")
        a = Args()
        assignments = ", ".join(f"{c} = {a(_stored(c, v))}" for c, v in options.items())
        condition = f"id = {a(draft_id)} AND status = {a(DraftStatus.OPEN)}"
        if waiting is not None:
            condition += f" AND waiting_for = {a(waiting)}"
        row = await self._db.fetchrow(
            f"UPDATE drafts SET {assignments}, updated_at = {a(time.time())}"
            f" WHERE {condition} RETURNING *",
            *a.values,
        )
        return draft_from_row(row) if row else None

    async def cancel(self, draft_id: int) -> bool:
        """Close a draft that is open or waiting for a prompt; False if it was closed already."""
        changed = await self._db.execute(
            "UPDATE drafts SET status = $1, updated_at = $2 WHERE id = $3 AND status IN ($4, $5)",
            DraftStatus.CANCELLED,
            time.time(),
            draft_id,
            DraftStatus.OPEN,
            DraftStatus.AWAITING_PROMPT,
        )
        return changed == 1

    async def unfinished(self, user_id: int, chat_id: int) -> list[Draft]:
        """This user's drafts in this chat that are open or waiting for a prompt."""
        rows = await self._db.fetch(
            "SELECT * FROM drafts WHERE user_id = $1 AND chat_id = $2 AND status IN ($3, $4)"
            " ORDER BY id",
            user_id,
            chat_id,
            DraftStatus.OPEN,
            DraftStatus.AWAITING_PROMPT,
        )
        return [draft_from_row(r) for r in rows]


async def _stop_waiting(tx: Any, user_id: int, chat_id: int, now: float, but: int = 0) -> None:
    """End every wait of this user's drafts in this chat but draft `but`'s: a photo that
    waits for its prompt is cancelled, an open draft waiting for an input stops waiting (it
    stays open). The user's next message then goes where they were asked last."""
    await tx.execute(
        "UPDATE drafts SET status = $1, updated_at = $2"
        " WHERE user_id = $3 AND chat_id = $4 AND status = $5 AND id <> $6",
        DraftStatus.CANCELLED,
        now,
        user_id,
        chat_id,
        DraftStatus.AWAITING_PROMPT,
        but,
    )
    await tx.execute(
        "UPDATE drafts SET waiting_for = NULL, updated_at = $1"
        " WHERE user_id = $2 AND chat_id = $3 AND waiting_for IS NOT NULL AND id <> $4",
        now,
        user_id,
        chat_id,
        but,
    )
