"""Every call checked against the official Bot API's parameter table (botapi_methods.json).

A required parameter missing, or one of the wrong type, is refused before the method runs, as
telegram-bot-api refuses it; parameters the API does not know are ignored, as Telegram does.
Values that pass are typed by the table (Integer -> int, Boolean -> bool, objects parsed), so
a method reads `params["ok"]` as a bool whether or not decode_params knew the name.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from ._tg_request import JsonText, UploadedFile, bad_request

TABLE = Path(__file__).with_name("botapi_methods.json")
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")
_PRIMITIVE = frozenset({"String", "Integer", "Float", "Boolean", "InputFile"})
_TRUE, _FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})

# Required parameters whose absence the method itself reports, in the words Telegram uses for
# it ("chat_id is empty", "message text is empty", "there is no video in the request"...): a
# generic refusal first would hide them. chat_id is the method's in every method.
SELF_CHECKED: dict[str, frozenset[str]] = {
    "sendMessage": frozenset({"text"}),
    "editMessageText": frozenset({"text"}),
    "deleteMessage": frozenset({"message_id"}),
    "answerCallbackQuery": frozenset({"callback_query_id"}),
    "answerPreCheckoutQuery": frozenset({"pre_checkout_query_id"}),
    "sendChatAction": frozenset({"action"}),
    "getFile": frozenset({"file_id"}),
    "sendVideo": frozenset({"video"}),
    "sendDocument": frozenset({"document"}),
    "sendPhoto": frozenset({"photo"}),
    # An empty or missing url is how the real server spells "remove the webhook".
    "setWebhook": frozenset({"url"}),
}


@functools.cache
def methods() -> dict[str, dict[str, dict[str, Any]]]:
    """The table: method -> parameter -> {"types": [...], "required": bool}."""
    return json.loads(TABLE.read_text(encoding="utf-8"))["methods"]


def check_call(
    method: str,
    raw: dict[str, str],
    params: dict[str, Any],
    files: dict[str, UploadedFile],
) -> dict[str, Any]:
    """The call's parameters typed by the table; a 400 for a missing or mistyped one."""
    fields = methods().get(method)
    if fields is None:
        return params
    own = SELF_CHECKED.get(method, frozenset()) | {"chat_id"}
    typed = dict(params)
    for name, spec in fields.items():
        if name not in raw:
            # telegram-bot-api's words for a required argument it did not get.
            if spec["required"] and name not in files and name not in own:
                raise bad_request(f'parameter "{name}" is required')
            continue
        typed[name] = _typed(name, spec["types"], raw[name], params[name])
    return typed


def _typed(name: str, types: list[str], raw: str, decoded: Any) -> Any:
    """One value as its declared type, or a 400 "<name> is invalid"."""
    invalid = bad_request(f"{name} is invalid")
    if "InputFile" in types:
        return decoded  # a file part, an attach:// reference, a file_id or a URL
    if types == ["Integer"]:
        if isinstance(decoded, int) and not isinstance(decoded, bool):
            return decoded  # decode_params knew it (and its special cases, e.g. timeout)
        if _INTEGER.fullmatch(raw):
            return int(raw)
        raise invalid
    if types == ["Float"]:
        try:
            return float(raw)
        except ValueError:
            raise invalid from None
    if types == ["Boolean"]:
        word = raw.strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise invalid
    if set(types) <= _PRIMITIVE:
        # String (or Integer or String, as chat_id): anything but an object or an array that
        # a JSON body really gave; a string holding JSON text is still a string.
        if isinstance(raw, JsonText) and raw.lstrip()[:1] in ("{", "["):
            raise invalid
        return decoded
    if not isinstance(decoded, str):
        return decoded  # decode_params parsed it; the method judges its shape itself
    try:
        value = json.loads(raw)
    except ValueError:
        raise bad_request(f"can't parse {name} JSON object") from None
    arrays = [t.startswith("Array of ") for t in types]
    if (all(arrays) and not isinstance(value, list)) or (
        not any(arrays) and not isinstance(value, dict)
    ):
        raise invalid
    return value
