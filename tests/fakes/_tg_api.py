"""The Bot API methods of the fake Telegram, acting on its chat/file/update state."""

from __future__ import annotations

import copy
import json
from collections.abc import Awaitable, Callable
from typing import Any

from ._tg_markup import format_text, utf16_len
from ._tg_model import (
    CHAT_ACTIONS,
    StoredFile,
    Upload,
    check_commands,
    check_markup,
)
from ._tg_request import ApiError, UploadedFile, bad_request, now

Handler = Callable[[dict[str, Any], dict[str, UploadedFile]], Awaitable[Any]]
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_MEDIA_KEYS = ("photo", "video", "document", "animation", "audio")
# Telegram's length limits count UTF-16 code units (as entity offsets do), not characters:
# an emoji outside the BMP counts 2, so 1024 emoji are 2048 units, far over a caption's 1024.
MAX_TEXT_UNITS = 4096
MAX_CAPTION_UNITS = 1024
MAX_ANSWER_UNITS = 200
# Update kinds a bot receives unless it asks for them explicitly.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class TelegramCore:
    """State of the fake Telegram and the server side of every supported method."""

    def __init__(self, token: str, bot_user_id: int | None, bot_username: str) -> None:
        self.token = token
        self.bot_user: dict[str, Any] = {
            "id": bot_user_id if bot_user_id is not None else int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Veo Test Bot",
            "username": bot_username,
        }
        self._users: dict[int, dict[str, Any]] = {}
        self._known_chats: dict[int, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._chats: dict[int, dict[int, dict[str, Any]]] = {}
        self._deleted: dict[int, dict[int, dict[str, Any]]] = {}
        self._edits: dict[tuple[int, int], list[dict[str, Any]]] = {}
        self._last_message_id: dict[int, int] = {}
        self._files: dict[str, StoredFile] = {}
        self._paths: dict[str, StoredFile] = {}
        self._file_counter = 0
        self._updates: list[dict[str, Any]] = []
        self._delivered: set[int] = set()
        # Updates queued again with their old update_id (a driver's re-delivery): the offset of
        # the getUpdates that hands them out was computed before they came back, so it must
        # not confirm them; the next one does.
        self._replays: list[dict[str, Any]] = []
        self._next_update_id = 100_000_001
        self._poll_generation = 0
        self._allowed_updates: list[str] | None = None
        self._queries: dict[str, dict[str, Any] | None] = {}
        self._commands: dict[str, list[dict[str, str]]] = {}
        self._actions: dict[int, list[str]] = {}
        self._uploads: list[Upload] = []
        # A self-hosted telegram-bot-api server started with --local: it takes a file by its
        # path on this machine (file://...), up to LOCAL_FILE_BYTES (2000 MB).
        self.local_mode = False
        self._methods: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, getattr(self, f"_api_{name}"))
            for name in (
                "getMe",
                "logOut",
                "close",
                "setMyCommands",
                "getMyCommands",
                "deleteMyCommands",
                "getUpdates",
                "sendMessage",
                "editMessageText",
                "editMessageCaption",
                "editMessageReplyMarkup",
                "deleteMessage",
                "answerCallbackQuery",
                "sendChatAction",
                "getFile",
                "sendVideo",
                "sendDocument",
                "sendPhoto",
            )
        }

    # Provided by the server half (FakeServer / FakeTelegram).
    _notify: Callable[[], None]

    async def _poll(self, generation: int, seconds: float) -> list[dict[str, Any]]:
        raise NotImplementedError

    @staticmethod
    def _kind(update: dict[str, Any]) -> str:
        return next(k for k in update if k != "update_id")

    def _drop_unwanted(self) -> None:
        """Forget queued updates of kinds the bot did not ask for: they are never delivered."""
        allowed = self._allowed_updates
        if allowed is not None:
            self._updates = [u for u in self._updates if self._kind(u) in allowed]
        else:
            self._updates = [u for u in self._updates if self._kind(u) not in _OPT_IN_UPDATES]

    # -- chats and messages ----------------------------------------------------------------

    def _chat(self, params: dict[str, Any]) -> int:
        """The target chat of a sending method, after Telegram's access checks."""
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int) or chat_id not in self._known_chats:
            # Bots can only write where someone talked to them first (or they were added).
            raise bad_request("chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _chat_object(self, chat_id: int) -> dict[str, Any]:
        return copy.deepcopy(self._known_chats[chat_id])

    def _store(self, chat_id: int, sender: dict[str, Any], content: dict[str, Any]) -> dict:
        # Message ids are per chat and shared by both sides of the conversation.
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        message = {
            "message_id": message_id,
            "from": copy.deepcopy(sender),
            "chat": self._chat_object(chat_id),
            "date": now(),
            **{k: v for k, v in content.items() if v not in (None, [], "")},
        }
        self._chats.setdefault(chat_id, {})[message_id] = message
        self._notify()
        return copy.deepcopy(message)

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any] | None:
        reply = params.get("reply_parameters")
        if reply is None and "reply_to_message_id" in params:
            reply = {"message_id": params["reply_to_message_id"]}
        if reply is None:
            return None
        if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
            raise bad_request("can't parse reply parameters JSON object")
        target_chat = reply.get("chat_id", chat_id)
        target = self._chats.get(target_chat, {}).get(reply["message_id"])
        if target is None:
            if reply.get("allow_sending_without_reply") or params.get(
                "allow_sending_without_reply"
            ):
                return None
            raise bad_request("message to be replied not found")
        snapshot = copy.deepcopy(target)
        snapshot.pop("reply_to_message", None)  # Telegram nests replies one level only
        return snapshot

    def _text(self, params: dict[str, Any], key: str = "text") -> tuple[str, list[dict]]:
        raw = params.get(key)
        entities = params.get("entities" if key == "text" else "caption_entities")
        if key == "text":
            if not raw:
                raise bad_request("message text is empty")
            text, ents = format_text(raw, params.get("parse_mode"), entities)
            if not text:
                raise bad_request("message text is empty")
            if utf16_len(text) > MAX_TEXT_UNITS:
                raise bad_request("message is too long")
            return text, ents
        if not raw:
            return "", []
        text, ents = format_text(raw, params.get("parse_mode"), entities)
        if utf16_len(text) > MAX_CAPTION_UNITS:
            raise bad_request("message caption is too long")
        return text, ents

    def _message_to_edit(self, params: dict[str, Any]) -> dict[str, Any]:
        if "inline_message_id" in params:
            raise bad_request("MESSAGE_ID_INVALID")
        if "chat_id" not in params or "message_id" not in params:
            raise bad_request("message identifier is not specified")
        chat_id = self._chat(params)
        message = self._chats.get(chat_id, {}).get(params["message_id"])
        if message is None:
            raise bad_request("message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        return message

    def _apply_edit(self, message: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        current = {k: message.get(k) or None for k in changes}
        wanted = {k: v or None for k, v in changes.items()}
        if current == wanted:
            raise bad_request(_NOT_MODIFIED)
        key = (message["chat"]["id"], message["message_id"])
        self._edits.setdefault(key, []).append(copy.deepcopy(message))
        for name, value in wanted.items():
            if value is None:
                message.pop(name, None)
            else:
                message[name] = value
        message["edit_date"] = now()
        self._notify()
        return copy.deepcopy(message)

    # -- Bot API methods ---------------------------------------------------------------------

    async def _api_getMe(self, params: dict[str, Any], files: dict) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _api_logOut(self, params: dict[str, Any], files: dict) -> Any:
        return True

    async def _api_close(self, params: dict[str, Any], files: dict) -> Any:
        return True

    @staticmethod
    def _scope_key(params: dict[str, Any]) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code", "")], sort_keys=True)

    async def _api_setMyCommands(self, params: dict[str, Any], files: dict) -> Any:
        self._commands[self._scope_key(params)] = check_commands(params.get("commands", []))
        self._notify()
        return True

    async def _api_getMyCommands(self, params: dict[str, Any], files: dict) -> Any:
        return copy.deepcopy(self._commands.get(self._scope_key(params), []))

    async def _api_deleteMyCommands(self, params: dict[str, Any], files: dict) -> Any:
        self._commands.pop(self._scope_key(params), None)
        self._notify()
        return True

    async def _api_getUpdates(self, params: dict[str, Any], files: dict) -> Any:
        offset = params.get("offset")
        if offset is not None and offset < 0:
            # A negative offset keeps only the last -offset updates; older ones are forgotten.
            del self._updates[: max(0, len(self._updates) + offset)]
        elif offset:
            # Any offset confirms (and so forgets) every update with a lower id.
            self._updates = [
                u
                for u in self._updates
                if u["update_id"] >= offset or any(u is r for r in self._replays)
            ]
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"]) or None
        # A newer getUpdates ends the one still waiting with 409 Conflict.
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()
        limit = min(max(params.get("limit", 100), 1), 100)
        batch = await self._poll(generation, max(0, params.get("timeout", 0)))
        batch = batch[:limit]
        self._delivered.update(u["update_id"] for u in batch)
        self._replays = [r for r in self._replays if not any(r is u for u in batch)]
        self._notify()
        return copy.deepcopy(batch)

    async def _api_sendMessage(self, params: dict[str, Any], files: dict) -> Any:
        chat_id = self._chat(params)
        text, entities = self._text(params)
        markup = check_markup(params.get("reply_markup"))
        reply = self._reply_target(chat_id, params)
        return self._store(
            chat_id,
            self.bot_user,
            {
                "text": text,
                "entities": entities,
                "reply_markup": markup,
                "reply_to_message": reply,
            },
        )

    async def _api_editMessageText(self, params: dict[str, Any], files: dict) -> Any:
        message = self._message_to_edit(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._text(params)
        # Omitting reply_markup removes the keyboard, as on the real server.
        markup = check_markup(params.get("reply_markup"))
        return self._apply_edit(
            message, {"text": text, "entities": entities, "reply_markup": markup}
        )

    async def _api_editMessageCaption(self, params: dict[str, Any], files: dict) -> Any:
        message = self._message_to_edit(params)
        if not any(k in message for k in _MEDIA_KEYS):
            raise bad_request("there is no caption in the message to edit")
        caption, entities = self._text(params, "caption")
        markup = check_markup(params.get("reply_markup"))
        return self._apply_edit(
            message, {"caption": caption, "caption_entities": entities, "reply_markup": markup}
        )

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any], files: dict) -> Any:
        message = self._message_to_edit(params)
        markup = check_markup(params.get("reply_markup"))
        return self._apply_edit(message, {"reply_markup": markup})

    async def _api_deleteMessage(self, params: dict[str, Any], files: dict) -> Any:
        chat_id = self._chat(params)
        message = self._chats.get(chat_id, {}).pop(params.get("message_id", 0), None)
        if message is None:
            raise bad_request("message to delete not found")
        self._deleted.setdefault(chat_id, {})[message["message_id"]] = message
        self._notify()
        return True

    async def _api_answerCallbackQuery(self, params: dict[str, Any], files: dict) -> Any:
        query_id = params.get("callback_query_id", "")
        if query_id not in self._queries or self._queries[query_id] is not None:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = params.get("text")
        if text is not None and utf16_len(text) > MAX_ANSWER_UNITS:
            raise bad_request("MESSAGE_TOO_LONG")
        self._queries[query_id] = {
            "text": text,
            "show_alert": params.get("show_alert", False),
            "url": params.get("url"),
            "cache_time": params.get("cache_time", 0),
        }
        self._notify()
        return True

    async def _api_sendChatAction(self, params: dict[str, Any], files: dict) -> Any:
        chat_id = self._chat(params)
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self._actions.setdefault(chat_id, []).append(params["action"])
        self._notify()
        return True
