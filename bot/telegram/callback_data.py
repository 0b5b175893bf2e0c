"""Callback data codec: a short prefix, the draft id and one action; never a price.

Telegram caps callback_data at 64 bytes, and a button must keep working after a restart, so the
options themselves live in SQLite and the button only names the draft and what was pressed
(after aiogram's CallbackData factory).
"""

from dataclasses import dataclass
from enum import StrEnum

from bot.veo import MODELS

PREFIX = "d"
MAX_BYTES = 64


class Action(StrEnum):
    """What a button of an options message does besides choosing an option (an option's
    button carries its arg's callback code from the model's declaration, and the value)."""

    GENERATE = "g"
    CANCEL = "x"
    PROMPT = "p"  # ask for a new prompt for this card
    LAST_FRAME = "f"  # ask for a last frame, or remove the one given
    AVOID = "n"  # ask what to avoid (the negative prompt), or clear it


def _option_pressed(code: str, value: str) -> bool:
    # Whether some declared model has an option with this code and value (a toggle names no
    # value): a button of any model's card decodes, and anything else is answered as stale.
    for model in MODELS.values():
        arg = model.by_code(code)
        if arg is not None and (not value if arg.toggle else arg.parse(value) is not None):
            return True
    return False


@dataclass(frozen=True, slots=True)
class DraftButton:
    """One press on an options message: an Action, or an option's code and value."""

    draft_id: int
    action: Action | str
    value: str = ""

    def encode(self) -> str:
        """The callback_data string; ValueError if it would break Telegram's limit."""
        data = f"{PREFIX}:{self.draft_id}:{self.action}"
        if self.value:
            data += f":{self.value}"
        if len(data.encode("utf-8")) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    def option_change(self) -> dict[str, str]:
        """The option this press chooses, {callback code: value} (empty for an Action)."""
        return {} if isinstance(self.action, Action) else {self.action: self.value}


def decode(data: str | None) -> DraftButton | None:
    """Parse callback data; None for anything this bot did not make (forged, old, garbage)."""
    if not data or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    parts = data.split(":", 3)
    if len(parts) < 3 or parts[0] != PREFIX:
        return None
    _, raw_id, raw_action, *rest = parts
    if not raw_id.isascii() or not raw_id.isdigit() or len(raw_id) > 18:
        return None
    value = rest[0] if rest else ""
    action: Action | str
    try:
        action = Action(raw_action)
    except ValueError:
        if not _option_pressed(raw_action, value):
            return None
        action = raw_action
    else:
        if value:
            return None
    return DraftButton(int(raw_id), action, value)


BUY_PREFIX = "b"


@dataclass(frozen=True, slots=True)
class BuyButton:
    """A press on one of /buy's packs: send the invoice for that many Stars."""

    stars: int

    def encode(self) -> str:
        """The callback_data string."""
        return f"{BUY_PREFIX}:{self.stars}"


def decode_buy(data: str | None) -> BuyButton | None:
    """Parse a pack button's data; None for anything else."""
    kind, _, raw = (data or "").partition(":")
    if kind != BUY_PREFIX or not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        return None
    return BuyButton(int(raw))


VIDEO_PREFIX = "v"


class After(StrEnum):
    """What a button under a delivered video does."""

    AGAIN = "a"  # the same photo, prompt and options: a new card
    NEW_PROMPT = "p"  # the same photo and options, a prompt asked for
    CONTINUE = "c"  # the video's last frame as the photo, a prompt asked for
    EXTEND = "e"  # the video made 7 s longer (extend-video), a prompt asked for


@dataclass(frozen=True, slots=True)
class VideoButton:
    """One press under a delivered video; carries the job id only."""

    job_id: int
    action: After

    def encode(self) -> str:
        """The callback_data string."""
        return f"{VIDEO_PREFIX}:{self.job_id}:{self.action.value}"


def decode_video(data: str | None) -> VideoButton | None:
    """Parse a video button's data; None for anything else."""
    parts = (data or "").split(":")
    if len(parts) != 3 or parts[0] != VIDEO_PREFIX:
        return None
    raw_id, raw_action = parts[1], parts[2]
    if not raw_id.isascii() or not raw_id.isdigit() or len(raw_id) > 18:
        return None
    try:
        return VideoButton(int(raw_id), After(raw_action))
    except ValueError:
        return None


LANGUAGE_PREFIX = "l"
# The button that follows the Telegram app's language again.
AUTO_LANGUAGE = "auto"


@dataclass(frozen=True, slots=True)
class LanguageButton:
    """A press on one of /language's buttons: a catalog's code, or AUTO_LANGUAGE."""

    language: str

    def encode(self) -> str:
        """The callback_data string."""
        return f"{LANGUAGE_PREFIX}:{self.language}"


def decode_language(data: str | None, known: tuple[str, ...]) -> LanguageButton | None:
    """Parse a language button's data; None for anything else (a catalog since removed)."""
    kind, _, raw = (data or "").partition(":")
    if kind != LANGUAGE_PREFIX or (raw not in known and raw != AUTO_LANGUAGE):
        return None
    return LanguageButton(raw)


HELP_PREFIX = "h"
# What a help button opens: today the details, /help's text with the price table.
HELP_TOPICS = ("details",)


@dataclass(frozen=True, slots=True)
class HelpButton:
    """A press on /start's button that opens the details (the text of /help)."""

    topic: str = HELP_TOPICS[0]

    def encode(self) -> str:
        """The callback_data string; ValueError if it would break Telegram's limit."""
        data = f"{HELP_PREFIX}:{self.topic}"
        if len(data.encode("utf-8")) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data


def decode_help(data: str | None) -> HelpButton | None:
    """Parse a help button's data; None for anything else."""
    kind, _, raw = (data or "").partition(":")
    if kind != HELP_PREFIX or raw not in HELP_TOPICS:
        return None
    return HelpButton(raw)
