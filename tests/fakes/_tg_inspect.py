"""What the bot did, as the fake Telegram's driver reads it: the chats' messages and their
edits, callback answers, commands, chat actions, uploads, the calls made, the update queue; and
waiting for a bot message, an answer or a call to come.

Reads the state of the mixins below and the call log and `wait_for` of FakeTelegram itself.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ._tg_model import Upload
from ._tg_payments import TelegramPayments
from ._tg_request import Call


class TelegramInspection(TelegramPayments):
    """The driver's read side: what the bot sent, answered and called, and waiting for it."""

    # -- driver: inspection ------------------------------------------------------------------

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Every message of the chat (users' and bot's), current state, oldest first."""
        return copy.deepcopy(list(self._chats.get(chat_id, {}).values()))

    def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in the chat, current state, oldest first."""
        return [m for m in self.messages(chat_id) if m["from"]["id"] == self.bot_user["id"]]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """One message's current state (None if absent or deleted)."""
        message = self._chats.get(chat_id, {}).get(message_id)
        return copy.deepcopy(message)

    def deleted_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages the bot deleted in the chat, as they were when deleted."""
        return copy.deepcopy(list(self._deleted.get(chat_id, {}).values()))

    def edits(self, chat_id: int, message_id: int) -> list[dict[str, Any]]:
        """Previous states of a message, oldest first (empty if never edited)."""
        return copy.deepcopy(self._edits.get((chat_id, message_id), []))

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """The bot's answerCallbackQuery for that query (text, show_alert...), or None."""
        return copy.deepcopy(self._queries.get(query_id))

    @property
    def commands(self) -> list[dict[str, str]]:
        """Commands set for the default scope and no language."""
        return copy.deepcopy(self._commands.get(self._scope_key({}), []))

    def commands_of(
        self, language_code: str = "", scope: dict[str, Any] | None = None
    ) -> list[dict[str, str]]:
        """Commands set for a language (setMyCommands' language_code) and scope."""
        params: dict[str, Any] = {"language_code": language_code}
        if scope is not None:
            params["scope"] = scope
        return copy.deepcopy(self._commands.get(self._scope_key(params), []))

    def chat_actions(self, chat_id: int) -> list[str]:
        """Chat actions ("typing", "upload_video"...) the bot sent to the chat, in order."""
        return list(self._actions.get(chat_id, []))

    @property
    def uploads(self) -> list[Upload]:
        """Videos/documents/photos the bot sent, with the bytes Telegram received."""
        return list(self._uploads)

    def calls_of(self, method: str) -> list[Call]:
        """Recorded calls of one Bot API method (case-insensitive)."""
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def file_bytes(self, file_id: str) -> bytes:
        """Content of a known file."""
        return self._files[file_id].data

    @property
    def pending_updates(self) -> int:
        """Updates queued that the bot has not fetched yet."""
        return sum(1 for u in self._updates if u["update_id"] not in self._delivered)

    @property
    def last_update_id(self) -> int | None:
        """The id of the update queued last."""
        return self._last_update_id

    @property
    def unconfirmed_updates(self) -> int:
        """Updates not yet confirmed by a later getUpdates offset."""
        return len(self._updates)

    # -- driver: waiting ---------------------------------------------------------------------

    async def wait_for_bot_message(
        self,
        chat_id: int,
        predicate: Callable[[dict[str, Any]], Any] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> dict[str, Any]:
        """The first new bot message, or (with a predicate) the newest matching one."""
        baseline = self._last_message_id.get(chat_id, 0)

        def find() -> dict[str, Any] | None:
            found = self.bot_messages(chat_id)
            if predicate is None:
                return next((m for m in found if m["message_id"] > baseline), None)
            return next((m for m in reversed(found) if predicate(m)), None)

        return await self.wait_for(find, timeout, what=f"a bot message in chat {chat_id}")

    async def wait_for_answer(
        self,
        query_id: str,
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> dict[str, Any]:
        """The bot's answer to a callback query, once it arrives."""
        return await self.wait_for(
            lambda: self.callback_answer(query_id),
            timeout,
            what=f"answerCallbackQuery({query_id})",
        )

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], Any] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> Call:
        """The first recorded call of `method` matching the predicate."""

        def find() -> Call | None:
            return next(
                (c for c in self.calls_of(method) if predicate is None or predicate(c)), None
            )

        return await self.wait_for(find, timeout, what=f"a {method} call")
