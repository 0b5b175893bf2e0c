"""The bot's profile texts in the fake Telegram: setMyDescription, setMyShortDescription and
their getters, per language_code (empty: the default, shown to every other language)."""

from __future__ import annotations

import re
from typing import Any

from ._tg_markup import utf16_len
from ._tg_request import bad_request
from ._tg_users import TelegramUsers

# The Bot API's limits: the description shown in an empty chat, and the profile's "About".
MAX_DESCRIPTION = 512
MAX_SHORT_DESCRIPTION = 120
# A two-letter ISO 639-1 code, or empty for the default.
_LANGUAGE = re.compile(r"(?:[a-z]{2})?")


class TelegramProfile(TelegramUsers):
    """The description and short description the bot set, by language_code."""

    def __init__(self, token: str, bot_user_id: int | None, bot_username: str) -> None:
        super().__init__(token, bot_user_id, bot_username)
        # (kind, language_code) -> text; kind is "description" or "short_description".
        self._profile: dict[tuple[str, str], str] = {}
        for name in (
            "setMyDescription",
            "getMyDescription",
            "setMyShortDescription",
            "getMyShortDescription",
        ):
            self._methods[name.lower()] = (name, getattr(self, f"_api_{name}"))

    def description(self, language_code: str = "") -> str:
        """What an empty chat shows a user of this language before Start ("" if unset)."""
        return self._profile.get(("description", language_code), "")

    def short_description(self, language_code: str = "") -> str:
        """The "About" of the bot's profile for this language ("" if unset)."""
        return self._profile.get(("short_description", language_code), "")

    def _set_profile(self, kind: str, limit: int, params: dict[str, Any]) -> bool:
        language = params.get("language_code") or ""
        if not _LANGUAGE.fullmatch(language):
            raise bad_request("invalid language code specified")
        text = params.get(kind) or ""
        if utf16_len(text) > limit:
            raise bad_request(f"{kind.replace('_', ' ')} is too long")
        if text:
            self._profile[(kind, language)] = text
        else:
            # An empty text removes the one of this language (the default shows instead).
            self._profile.pop((kind, language), None)
        self._notify()
        return True

    def _get_profile(self, kind: str, params: dict[str, Any]) -> dict[str, str]:
        language = params.get("language_code") or ""
        # The text set for exactly this language_code ("" when none is).
        return {kind: self._profile.get((kind, language), "")}

    async def _api_setMyDescription(self, params: dict[str, Any], files: dict) -> Any:
        return self._set_profile("description", MAX_DESCRIPTION, params)

    async def _api_getMyDescription(self, params: dict[str, Any], files: dict) -> Any:
        return self._get_profile("description", params)

    async def _api_setMyShortDescription(self, params: dict[str, Any], files: dict) -> Any:
        return self._set_profile("short_description", MAX_SHORT_DESCRIPTION, params)

    async def _api_getMyShortDescription(self, params: dict[str, Any], files: dict) -> Any:
        return self._get_profile("short_description", params)
