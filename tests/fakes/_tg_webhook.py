"""Webhooks of the fake Telegram: setWebhook and friends, and pushing updates to the bot.

Like the real server, updates go one at a time and in order; an update leaves the queue only
when the bot answers 2xx, and removing or replacing the webhook ends the request in flight
(its update stays pending, for getUpdates or the new webhook).
"""

from __future__ import annotations

import asyncio
import copy
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from . import _outbound
from ._tg_profile import TelegramProfile
from ._tg_request import ApiError, bad_request, now

WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
POST_TIMEOUT = 10.0
HTTPS_ONLY = "bad webhook: An HTTPS URL must be provided for webhook"
# api.telegram.org sends webhooks to these ports only.
WEBHOOK_PORTS = (443, 80, 88, 8443)
WEBHOOK_PORT_REFUSED = "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"


@dataclass
class WebhookDelivery:
    """One attempt to POST an update to the webhook: HTTP status, or why there was none."""

    update_id: int
    status: int | None
    error: str | None


class TelegramWebhook(TelegramProfile):
    """setWebhook/deleteWebhook/getWebhookInfo and the task that delivers queued updates."""

    # Provided by the server half (FakeServer).
    _changed: asyncio.Event

    def __init__(self, token: str, bot_user_id: int | None, bot_username: str) -> None:
        super().__init__(token, bot_user_id, bot_username)
        self._webhook: dict[str, Any] | None = None
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.webhook_dropped: list[int] = []
        # Telegram retries for hours with growing pauses; a test must know the outcome in
        # seconds. Tests may lower these.
        self.webhook_retry_delay = 0.2
        self.webhook_max_attempts = 50
        # The real server takes only https on WEBHOOK_PORTS (a telegram-bot-api server run with
        # --local takes http on any port). The loopback tests need http, so the fake takes it
        # until a test sets this to False.
        self.webhook_over_http = True
        self._webhook_error: tuple[int, str] | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._webhook_post: asyncio.Task[_outbound.Answer] | None = None
        for name in ("setWebhook", "deleteWebhook", "getWebhookInfo"):
            self._methods[name.lower()] = (name, getattr(self, f"_api_{name}"))

    # -- Bot API methods ---------------------------------------------------------------------

    async def _api_setWebhook(self, params: dict[str, Any], files: dict) -> Any:
        url = params.get("url") or ""
        if not url:
            # An empty URL is how the Bot API spells "remove the webhook".
            return await self._api_deleteWebhook(params, files)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise bad_request(HTTPS_ONLY)
        if not self.webhook_over_http:
            if parts.scheme != "https":
                raise bad_request(HTTPS_ONLY)
            if (parts.port or 443) not in WEBHOOK_PORTS:
                raise bad_request(WEBHOOK_PORT_REFUSED)
        secret = params.get("secret_token") or None
        if secret is not None and not _SECRET.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        if allowed is not None and not isinstance(allowed, list):
            raise bad_request("can't parse allowed_updates JSON object")
        if allowed is not None:
            # Shared with getUpdates; leaving it out keeps the previous setting.
            self._allowed_updates = list(allowed) or None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        hook = {
            "url": url,
            "secret_token": secret,
            "max_connections": min(max(params.get("max_connections", 40), 1), 100),
            # A self-signed certificate is accepted and otherwise ignored.
            "has_custom_certificate": "certificate" in files or bool(params.get("certificate")),
        }
        self._replace_webhook(hook)
        return True

    async def _api_deleteWebhook(self, params: dict[str, Any], files: dict) -> Any:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self._replace_webhook(None)
        return True

    async def _api_getWebhookInfo(self, params: dict[str, Any], files: dict) -> Any:
        hook = self._webhook
        info: dict[str, Any] = {
            "url": hook["url"] if hook else "",
            "has_custom_certificate": bool(hook and hook["has_custom_certificate"]),
            "pending_update_count": len(self._updates),
        }
        if hook:
            info["max_connections"] = hook["max_connections"]
            info["ip_address"] = "127.0.0.1"
        # As on the real server, listed only when not the default.
        if self._allowed_updates is not None:
            info["allowed_updates"] = list(self._allowed_updates)
        if self._webhook_error is not None:
            info["last_error_date"], info["last_error_message"] = self._webhook_error
        return info

    async def _api_getUpdates(self, params: dict[str, Any], files: dict) -> Any:
        if self._webhook is not None:
            raise ApiError(409, WEBHOOK_ACTIVE)
        return await super()._api_getUpdates(params, files)

    def _replace_webhook(self, hook: dict[str, Any] | None) -> None:
        if hook != self._webhook:
            if self._webhook_post is not None:
                self._webhook_post.cancel()
            self._webhook = hook
        self._notify()

    # -- delivery ----------------------------------------------------------------------------

    def _start_webhook_worker(self) -> None:
        if self._webhook_task is None:
            self._webhook_task = asyncio.create_task(self._webhook_worker())

    async def _stop_webhook_worker(self) -> None:
        task, self._webhook_task = self._webhook_task, None
        if task is not None:
            task.cancel()
            await asyncio.wait({task})  # unlike awaiting it, does not re-raise its cancellation

    async def _webhook_worker(self) -> None:
        failures: tuple[int, int] = (0, 0)  # (update_id, failed attempts in a row)
        while True:
            event = self._changed  # taken before the checks so no change can slip between
            hook = self._webhook
            if hook is not None:
                self._drop_unwanted()  # when polling, getUpdates does this with its own setting
            if hook is None or not self._updates:
                await event.wait()
                continue
            update = self._updates[0]
            update_id = update["update_id"]
            status, error = await self._deliver(hook, update)
            self.webhook_deliveries.append(WebhookDelivery(update_id, status, error))
            if status is not None and 200 <= status < 300:
                self._updates = [u for u in self._updates if u["update_id"] != update_id]
                failures = (0, 0)
                self._notify()
                continue
            if hook is not self._webhook:
                self._notify()  # cut short by a new webhook: the update just stays pending
                continue
            self._webhook_error = (now(), error or "")
            attempts = failures[1] + 1 if failures[0] == update_id else 1
            failures = (update_id, attempts)
            if attempts >= self.webhook_max_attempts:
                self._updates = [u for u in self._updates if u["update_id"] != update_id]
                self.webhook_dropped.append(update_id)
                failures = (0, 0)
            self._notify()
            if attempts < self.webhook_max_attempts:
                await asyncio.sleep(self.webhook_retry_delay)

    async def _deliver(self, hook: dict[str, Any], update: dict[str, Any]) -> tuple:
        """(HTTP status or None, error text or None) of one POST of the update."""
        post = asyncio.create_task(self._post(hook["url"], update, hook["secret_token"]))
        self._webhook_post = post
        try:
            await asyncio.wait({post})
        finally:
            self._webhook_post = None
            post.cancel()  # only does something when the worker itself is being cancelled
        if post.cancelled():
            return None, "the webhook was removed or replaced during the request"
        exc = post.exception()
        if exc is not None:
            # Anything else would be a bug of the fake; recorded too, so the worker lives on.
            return None, _outbound.describe_error(exc)
        answer = post.result()
        if 200 <= answer.status < 300:
            return answer.status, None
        return answer.status, f"Wrong response from the webhook: {answer.status} {answer.reason}"

    @staticmethod
    async def _post(url: str, update: dict[str, Any], secret: str | None) -> _outbound.Answer:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[SECRET_HEADER] = secret
        return await _outbound.request(
            "POST", url, body=update, headers=headers, timeout=POST_TIMEOUT
        )

    # -- driver ------------------------------------------------------------------------------

    @property
    def webhook(self) -> dict[str, Any] | None:
        """The webhook set (url, secret_token, allowed_updates), or None when polling."""
        if self._webhook is None:
            return None
        allowed = list(self._allowed_updates) if self._allowed_updates is not None else None
        return {
            "url": self._webhook["url"],
            "secret_token": self._webhook["secret_token"],
            "allowed_updates": allowed,
        }

    async def post_raw_update(self, update: dict[str, Any], secret: str | None) -> int:
        """POST any JSON to the webhook with that secret header (None: none); its HTTP status."""
        if self._webhook is None:
            raise RuntimeError("no webhook is set")
        answer = await self._post(self._webhook["url"], copy.deepcopy(update), secret)
        return answer.status
