"""The user side of the fake Telegram: people who write to the bot and press its buttons."""

from __future__ import annotations

import asyncio
import copy
import secrets
from collections.abc import Sequence
from typing import Any

from ._tg_files import TelegramFiles
from ._tg_model import COMMAND_RE, image_ext, image_size, photo_sizes
from ._tg_request import now

# What Telegram puts in `from` of a message sent as a chat (see Message.sender_chat in the Bot
# API): anonymous group admins get GroupAnonymousBot, posts on behalf of a channel Channel_Bot.
GROUP_ANONYMOUS_BOT = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}
# A user's client sends 2 to 10 photos as one album (a media group).
ALBUM_SIZES = range(2, 11)


class TelegramUsers(TelegramFiles):
    """Driver methods that make users act; each queues the update Telegram would send."""

    def __init__(self, token: str, bot_user_id: int | None, bot_username: str) -> None:
        super().__init__(token, bot_user_id, bot_username)
        # Update ids that getUpdates hands out only in a batch of their own making: an album
        # sent with split=True arrives over several getUpdates answers, as it may from Telegram.
        self._batch_starts: set[int] = set()
        # Album parts still to be queued (send_album's gap); cancelled when the fake stops.
        self._album_timers: set[asyncio.TimerHandle] = set()

    def user(
        self,
        user_id: int,
        first_name: str = "Ann",
        username: str | None = None,
        language_code: str | None = None,
    ) -> dict[str, Any]:
        """A Telegram User object (registered so private chats with them have a name)."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._users[user_id] = user
        return copy.deepcopy(user)

    def add_chat(self, chat_id: int, title: str = "Test group") -> None:
        """Make a chat known to Telegram without anyone writing in it (e.g. an admin chat)."""
        if chat_id > 0:
            user = self._users.get(chat_id) or self.user(chat_id)
            chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            if "username" in user:
                chat["username"] = user["username"]
        else:
            # -100… ids are supergroups (and channels); other negative ids are basic groups.
            kind = "supergroup" if str(chat_id).startswith("-100") else "group"
            chat = {"id": chat_id, "type": kind, "title": title}
        self._known_chats.setdefault(chat_id, chat)

    def add_bot_message(self, chat_id: int, text: str) -> dict[str, Any]:
        """A message from the bot already in the chat (as if sent before the test began)."""
        self.add_chat(chat_id)
        return self._store(chat_id, self.bot_user, {"text": text})

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to their private chat get 403."""
        self._blocked.add(user_id)
        self._notify()

    def unblock(self, user_id: int) -> None:
        """The user unblocks the bot."""
        self._blocked.discard(user_id)
        self._notify()

    # -- driver: what users do ---------------------------------------------------------------

    def add_file(
        self,
        content: bytes,
        *,
        file_path_hint: str = "photos/file.jpg",
        declared_size: int | None = None,
    ) -> str:
        """Register a file users "sent"; returns its file_id."""
        folder, _, name = file_path_hint.rpartition("/")
        ext = name.rsplit(".", 1)[-1] if "." in name else "dat"
        return self._register(content, folder or "documents", ext, declared_size).file_id

    def _user_message(self, chat_id: int, user: dict[str, Any], content: dict) -> dict:
        if chat_id > 0 and chat_id != user["id"]:
            raise ValueError("a private chat's id is the user's id")
        self._users.setdefault(user["id"], copy.deepcopy(user))
        self.add_chat(chat_id)
        message = self._store(chat_id, user, content)
        self._push_update("message", message)
        return message

    def _push_update(self, kind: str, payload: dict[str, Any]) -> None:
        self._updates.append({"update_id": self._next_update_id, kind: payload})
        self._next_update_id += 1
        self._notify()

    @staticmethod
    def _command_entities(text: str | None) -> list[dict[str, Any]]:
        # Telegram marks a leading "/command" (or "/command@bot") with a bot_command entity;
        # PTB's CommandHandler only reacts to messages that carry it.
        match = COMMAND_RE.match(text or "")
        if not match:
            return []
        length = len(match.group(0).encode("utf-16-le")) // 2
        return [{"type": "bot_command", "offset": 0, "length": length}]

    def send_text(self, chat_id: int, user: dict[str, Any], text: str) -> dict[str, Any]:
        """The user sends a text message; a leading /command gets its bot_command entity."""
        content = {"text": text, "entities": self._command_entities(text)}
        return self._user_message(chat_id, user, content)

    def send_photo(
        self,
        chat_id: int,
        user: dict[str, Any],
        photo: bytes,
        caption: str | None = None,
        *,
        width: int | None = None,
        height: int | None = None,
    ) -> dict[str, Any]:
        """The user sends a photo: 3 PhotoSizes, the largest holding `photo` itself."""
        w, h = (width, height) if width and height else image_size(photo) or (1280, 720)
        thumbs = [
            self._register(photo[: max(1, len(photo) // d)], "photos", "jpg") for d in (64, 8)
        ]
        original = self._register(photo, "photos", image_ext(photo))
        sizes = photo_sizes([*thumbs, original], w, h)
        return self._user_message(
            chat_id,
            user,
            {
                "photo": sizes,
                "caption": caption,
                "caption_entities": self._command_entities(caption),
            },
        )

    def send_album(
        self,
        chat_id: int,
        user: dict[str, Any],
        photos: Sequence[bytes],
        caption: str | None = None,
        *,
        order: Sequence[int] | None = None,
        split: bool = False,
        gap: float = 0.0,
    ) -> list[dict[str, Any]]:
        """The user sends 2 to 10 photos as one album; its messages, in album order.

        As Telegram does: one message per photo (built as send_photo builds one), with
        consecutive message ids and one `media_group_id` (a string), the caption on the first
        message only; one update per message. `order` (indexes into `photos`) is the order the
        updates come in (default: as sent); split=True puts each update in a getUpdates answer
        of its own (through a webhook every update is a POST of its own anyway); gap > 0
        queues the first update now and each next one `gap` seconds after the one before.
        """
        if len(photos) not in ALBUM_SIZES:
            raise ValueError("an album holds 2 to 10 photos")
        sequence = list(range(len(photos))) if order is None else list(order)
        if sorted(sequence) != list(range(len(photos))):
            raise ValueError(f"order must list each of the {len(photos)} photos once")
        if chat_id > 0 and chat_id != user["id"]:
            raise ValueError("a private chat's id is the user's id")
        self._users.setdefault(user["id"], copy.deepcopy(user))
        self.add_chat(chat_id)
        group = str(secrets.randbits(62))
        messages = [
            self._store(
                chat_id,
                user,
                {
                    **self._content(None, photo, caption if i == 0 else None),
                    "media_group_id": group,
                },
            )
            for i, photo in enumerate(photos)
        ]
        loop = asyncio.get_running_loop() if gap > 0 else None
        for position, index in enumerate(sequence):
            if loop is None or position == 0:
                self._queue_album_part(messages[index], split)
                continue
            timer = loop.call_later(gap * position, self._queue_album_part, messages[index], split)
            self._album_timers.add(timer)
        return messages

    def _queue_album_part(self, message: dict[str, Any], split: bool) -> None:
        if split:
            self._batch_starts.add(self._next_update_id)
        self._push_update("message", copy.deepcopy(message))

    def _next_batch(self) -> list[dict[str, Any]]:
        """The queued updates getUpdates hands out now: all, or those before a split."""
        for i, update in enumerate(self._updates[1:], 1):
            if update["update_id"] in self._batch_starts:
                return self._updates[:i]
        return list(self._updates)

    def _cancel_album_timers(self) -> None:
        for timer in self._album_timers:
            timer.cancel()
        self._album_timers.clear()

    def send_document(
        self,
        chat_id: int,
        user: dict[str, Any],
        content: bytes,
        *,
        mime_type: str,
        file_name: str,
        caption: str | None = None,
        declared_size: int | None = None,
    ) -> dict[str, Any]:
        """The user sends a file as a document (uncompressed)."""
        ext = file_name.rsplit(".", 1)[-1] if "." in file_name else "dat"
        stored = self._register(content, "documents", ext, declared_size)
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": stored.size,
        }
        return self._user_message(
            chat_id,
            user,
            {
                "document": document,
                "caption": caption,
                "caption_entities": self._command_entities(caption),
            },
        )

    def press(self, chat_id: int, user: dict[str, Any], message_id: int, data: str) -> str:
        """The user presses an inline button; `data` is taken as given (may be forged)."""
        message = self._chats.get(chat_id, {}).get(message_id)
        if message is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        query_id = str(secrets.randbits(62))
        self._queries[query_id] = None
        self._push_update(
            "callback_query",
            {
                "id": query_id,
                "from": copy.deepcopy(user),
                "message": copy.deepcopy(message),
                "chat_instance": str(abs(chat_id) * 7919 % 10**18),
                "data": data,
            },
        )
        return query_id

    # -- driver: messages without a person behind them, and edits ----------------------------

    def add_channel(self, channel_id: int, title: str = "Test channel") -> dict[str, Any]:
        """Make a channel known (the bot is a member); its Chat object."""
        chat = {"id": channel_id, "type": "channel", "title": title}
        self._known_chats[channel_id] = chat
        return copy.deepcopy(chat)

    def _content(
        self, text: str | None, photo: bytes | None, caption: str | None
    ) -> dict[str, Any]:
        """A text or photo message's content, as send_text and send_photo build it."""
        if photo is None:
            return {"text": text, "entities": self._command_entities(text)}
        w, h = image_size(photo) or (1280, 720)
        thumbs = [
            self._register(photo[: max(1, len(photo) // d)], "photos", "jpg") for d in (64, 8)
        ]
        original = self._register(photo, "photos", image_ext(photo))
        return {
            "photo": photo_sizes([*thumbs, original], w, h),
            "caption": caption,
            "caption_entities": self._command_entities(caption),
        }

    def _queued(self, kind: str, message: dict[str, Any]) -> dict[str, Any]:
        self._push_update(kind, message)
        return copy.deepcopy(self._updates[-1])

    def send_as_chat(
        self,
        chat_id: int,
        *,
        channel_id: int | None = None,
        text: str | None = None,
        photo: bytes | None = None,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """A group message sent as the group itself (an anonymous admin) or, with channel_id,
        on behalf of that channel; the update queued.

        As Telegram sends them: `sender_chat` is the group (or channel) and `from` the
        placeholder GroupAnonymousBot (or Channel_Bot), the same for everyone who does so.
        """
        if chat_id > 0:
            raise ValueError("only group messages can be sent as a chat")
        self.add_chat(chat_id)
        if channel_id is None:
            sender, sender_chat = GROUP_ANONYMOUS_BOT, self._chat_object(chat_id)
        else:
            sender, sender_chat = CHANNEL_BOT, self.add_channel(channel_id)
        content = {"sender_chat": sender_chat, **self._content(text, photo, caption)}
        return self._queued("message", self._store(chat_id, sender, content))

    def post_in_channel(
        self,
        channel_id: int,
        *,
        text: str | None = None,
        photo: bytes | None = None,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """A post in a channel; the `channel_post` update queued.

        A channel post has no `from` at all (sender_chat is the channel), so bot_messages()
        of a channel cannot be used; read messages() instead.
        """
        chat = self.add_channel(channel_id)
        message = self._store(
            channel_id, {}, {"sender_chat": chat, **self._content(text, photo, caption)}
        )
        del message["from"]
        del self._chats[channel_id][message["message_id"]]["from"]
        return self._queued("channel_post", message)

    def edit_message(
        self,
        chat_id: int,
        message_id: int,
        *,
        text: str | None = None,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """Its sender edits a message's text or caption; the `edited_message` update queued
        (`edited_channel_post` in a channel), the whole message with its edit_date."""
        stored = self._chats.get(chat_id, {}).get(message_id)
        if stored is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        for key, entities, value in (
            ("text", "entities", text),
            ("caption", "caption_entities", caption),
        ):
            if value is not None:
                stored[key] = value
                stored.pop(entities, None)  # Telegram leaves out empty lists
                if found := self._command_entities(value):
                    stored[entities] = found
        stored["edit_date"] = now()
        self._notify()
        kind = "edited_channel_post" if chat_id in self._channels() else "edited_message"
        return self._queued(kind, copy.deepcopy(stored))

    def _channels(self) -> set[int]:
        return {i for i, chat in self._known_chats.items() if chat.get("type") == "channel"}
