"""Telegram's limits on texts, which it counts in UTF-16 code units (an emoji is two)."""

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
# answerCallbackQuery's text, the placeholder of a ForceReply, an invoice's title and
# description, a command's description (Bot API).
ANSWER_LIMIT = 200
PLACEHOLDER_LIMIT = 64
INVOICE_TITLE_LIMIT = 32
INVOICE_DESCRIPTION_LIMIT = 255
COMMAND_DESCRIPTION_LIMIT = 256
# The bot's description (the empty chat before Start) and short description (its profile).
DESCRIPTION_LIMIT = 512
SHORT_DESCRIPTION_LIMIT = 120


def utf16_len(text: str) -> int:
    """The length Telegram counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def shorten(text: str, limit: int) -> str:
    """The text cut to at most `limit` UTF-16 units, with an ellipsis when cut.

    The cut never splits a character (a surrogate pair), so the result is always valid text.
    """
    if utf16_len(text) <= limit:
        return text
    units = text.encode("utf-16-le")[: 2 * max(limit - 1, 0)]
    if units and 0xD800 <= int.from_bytes(units[-2:], "little") <= 0xDBFF:
        units = units[:-2]  # half of a surrogate pair
    return units.decode("utf-16-le").rstrip() + "…"


def fit(text: str) -> str:
    """A message text within Telegram's limit, whatever went into it."""
    return shorten(text, MESSAGE_LIMIT)
