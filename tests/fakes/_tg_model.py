"""Data the fake Telegram keeps: files, uploads, and helpers to build Telegram objects."""

from __future__ import annotations

import re
import secrets
import struct
from dataclasses import dataclass
from typing import Any

from ._tg_request import bad_request

# Bots may download files up to 20 MB through getFile (cloud Bot API).
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
# A photo sent by URL may be at most 5 MB, anything else 20 MB.
MAX_URL_BYTES = {"photo": 5 * 1024 * 1024}
MAX_URL_DEFAULT = 20 * 1024 * 1024
# A video's or document's thumbnail: JPEG, under 200 kB, width and height at most 320.
THUMB_BYTES = 200 * 1000
THUMB_SIDE = 320

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
# Telegram only marks "/word" as a bot command when the word is Latin letters, digits and
# underscores (at most 32), optionally followed by "@botusername".
COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?(?=\s|$)")
_ID_PREFIX = {
    "photos": "AgACAgIAAxkBAAI",
    "documents": "BQACAgIAAxkBAAI",
    "videos": "BAACAgIAAxkBAAI",
}


@dataclass
class StoredFile:
    """A file Telegram knows: its ids, bytes and (once getFile was called) its path."""

    file_id: str
    file_unique_id: str
    data: bytes
    size: int
    folder: str
    ext: str
    file_path: str | None = None


@dataclass
class Upload:
    """A video/document/photo the bot sent, with the exact bytes that reached Telegram."""

    method: str
    chat_id: int
    message_id: int
    data: bytes
    filename: str | None
    content_type: str | None
    caption: str | None
    reply_to_message_id: int | None
    file_id: str
    resent: bool  # sent by file_id (or URL) instead of an upload
    thumbnail: bytes | None = None  # the thumbnail uploaded with it, as received
    url: str | None = None  # the URL Telegram fetched it from, if sent so


def new_file(data: bytes, folder: str, ext: str, size: int | None = None) -> StoredFile:
    """A file with fresh, Telegram-looking ids."""
    prefix = _ID_PREFIX.get(folder, "CAACAgIAAxkBAAI")
    return StoredFile(
        file_id=prefix + secrets.token_urlsafe(40)[:54],
        file_unique_id="AgAD" + secrets.token_urlsafe(12)[:12],
        data=data,
        size=len(data) if size is None else size,
        folder=folder,
        ext=ext,
    )


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG, JPEG or WebP header, if recognisable."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:16] == b"VP8X":
        w = int.from_bytes(data[24:27], "little") + 1
        h = int.from_bytes(data[27:30], "little") + 1
        return w, h
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            length = int.from_bytes(data[i + 2 : i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                h, w = struct.unpack(">HH", data[i + 5 : i + 9])
                return w, h
            i += 2 + length
    return None


def usable_thumbnail(data: bytes) -> bool:
    """Whether a thumbnail keeps Telegram's rules: a JPEG under 200 kB, at most 320 px a side."""
    size = image_size(data)
    return (
        data[:2] == b"\xff\xd8"
        and len(data) < THUMB_BYTES
        and size is not None
        and max(size) <= THUMB_SIDE
    )


def image_ext(data: bytes) -> str:
    """File extension Telegram would give an image."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return "jpg"


def photo_sizes(files: list[StoredFile], width: int, height: int) -> list[dict[str, Any]]:
    """PhotoSize list, smallest first, for files given smallest first (last = original)."""
    longest = max(width, height, 1)
    sizes = []
    for f, side in zip(files, [*[90, 320, 800][: len(files) - 1], longest], strict=True):
        scale = min(1.0, side / longest)
        sizes.append(
            {
                "file_id": f.file_id,
                "file_unique_id": f.file_unique_id,
                "file_size": f.size,
                "width": max(1, round(width * scale)),
                "height": max(1, round(height * scale)),
            }
        )
    return sizes


def check_markup(markup: Any) -> dict[str, Any] | None:
    """Validate reply_markup; return the inline keyboard Telegram echoes back (or None)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        if not {"keyboard", "remove_keyboard", "force_reply"} & markup.keys():
            raise bad_request("can't parse reply keyboard markup JSON object")
        return None  # reply keyboards exist client-side only; Message.reply_markup is inline
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request(
            'can\'t parse inline keyboard button: field "inline_keyboard" of '
            "the InlineKeyboardMarkup should be an Array of an Array"
        )
    if sum(len(r) for r in rows) > 100:
        raise bad_request("reply markup is too long")
    clean = []
    for row in rows:
        out_row = []
        for button in row:
            if not isinstance(button, dict):
                raise bad_request(
                    "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
                )
            text = button.get("text")
            if not isinstance(text, str):
                raise bad_request(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            if not text.strip():
                raise bad_request("BUTTON_TEXT_INVALID")
            if not any(key in button for key in _BUTTON_ACTIONS):
                raise bad_request("text buttons are unallowed in the inline keyboard")
            if "callback_data" in button:
                data = button["callback_data"]
                # The limit is 64 BYTES of UTF-8, not characters.
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button and not re.match(r"(https?|tg)://\S+$", str(button["url"])):
                raise bad_request("BUTTON_URL_INVALID")
            out_row.append({k: v for k, v in button.items() if v is not None})
        if out_row:
            clean.append(out_row)
    # An empty inline keyboard is how a bot removes one: the message then has no markup.
    return {"inline_keyboard": clean} if clean else None


def check_commands(commands: Any) -> list[dict[str, str]]:
    """Validate setMyCommands' list as Telegram does."""
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    out = []
    for cmd in commands:
        if not isinstance(cmd, dict) or "command" not in cmd:
            raise bad_request("can't parse BotCommand: Can't find field \"command\"")
        if "description" not in cmd:
            raise bad_request("can't parse BotCommand: Can't find field \"description\"")
        name, desc = str(cmd["command"]), str(cmd["description"])
        # Only lower-case Latin letters, digits and underscores, 1-32 of them, no slash.
        if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(desc.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        out.append({"command": name, "description": desc})
    return out
