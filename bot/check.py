"""`python -m bot check`: try the settings against Telegram, ShortAPI and the database, one line
each, before going live. Costs nothing: no job is created and no message is sent.
"""

import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from bot.config import Settings, describe_access, describe_sandbox
from bot.ops import version
from bot.ops.logs import redact
from bot.veo import (
    APICodeError,
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    ShortAPIClient,
)
from bot.web.client import AiohttpTransport
from storage import Database, open_errors

# Long enough for a slow link, short enough that a firewall dropping packets is named quickly.
TIMEOUT = httpx.Timeout(10.0, read=20.0)
SHORTAPI_TIMEOUT = aiohttp.ClientTimeout(total=None, sock_connect=10.0, sock_read=20.0)
# The API's codes (in the envelope or as HTTP status) that mean the key itself was refused.
_KEY_REFUSED = (401, 403)


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's outcome: the line to print and whether it passed."""

    ok: bool
    line: str


async def run_checks(settings: Settings, mistyped: Iterable[str] = ()) -> list[Finding]:
    """Every check, in the order they are printed; secrets are removed from every line.

    `mistyped` (config.misnamed_settings) are warnings: the bot starts with them, so they do
    not fail the check."""
    findings = [Finding(True, f"version: {version.describe()}")]
    findings += [Finding(True, f"warning: {line}") for line in mistyped]
    async with httpx.AsyncClient(timeout=TIMEOUT) as http:
        findings.append(await check_telegram(http, settings))
    findings.append(await check_shortapi(settings))
    findings.append(await check_database(settings))
    if settings.public_base_url is not None:
        findings.append(check_public_url(settings))
        findings.append(check_videos_dir(settings))
    findings.append(Finding(True, describe_access(settings)))
    sandbox = describe_sandbox(settings)
    if sandbox is not None:
        findings.append(Finding(True, sandbox))
    return [Finding(f.ok, redact(f.line, settings.secrets())) for f in findings]


async def check_telegram(http: httpx.AsyncClient, settings: Settings) -> Finding:
    """getMe and getWebhookInfo: the token is accepted, and whether a webhook is set."""
    url = settings.telegram_api_url
    base = f"{url}/bot{settings.telegram_bot_token.get_secret_value()}"
    try:
        me = await http.get(f"{base}/getMe")
        if me.status_code in (401, 404):
            # Telegram answers 401 for a revoked or wrong token and 404 for a malformed one.
            return Finding(False, f"telegram: token refused ({_status(me)})")
        bot = _result(me)
        hook = _result(await http.get(f"{base}/getWebhookInfo"))
    except httpx.TimeoutException:
        return Finding(False, f"telegram: cannot reach {url}: timed out")
    except httpx.TransportError as exc:
        return Finding(False, f"telegram: cannot reach {url}: {_reason(exc)}")
    except _Unexpected as exc:
        return Finding(False, f"telegram: unexpected answer from {url}: {exc}")
    webhook = hook.get("url") or "none"
    return Finding(True, f"telegram: ok, @{bot.get('username')} (webhook: {webhook})")


async def check_shortapi(settings: Settings) -> Finding:
    """Query a job id that cannot exist: the answer says whether the key was accepted."""
    url = settings.shortapi_base_url
    if settings.shortapi_key is None:  # only the sandbox runs without one
        return Finding(True, "shortapi: not asked (no SHORTAPI_KEY; the sandbox needs none)")
    transport = AiohttpTransport(1, SHORTAPI_TIMEOUT)
    api = ShortAPIClient(
        transport, base_url=url, api_key=settings.shortapi_key.get_secret_value(), query_attempts=1
    )
    try:
        return await _ask_shortapi(api, url)
    finally:
        await transport.close()


async def _ask_shortapi(api: ShortAPIClient, url: str) -> Finding:
    try:
        await api.query(f"preflight-check-{secrets.token_hex(8)}")
    except APICodeError as exc:
        if exc.code in _KEY_REFUSED:
            return Finding(False, f"shortapi: key refused ({exc.code})")
        # "job not found" and the like: the key got past authentication.
        return Finding(True, "shortapi: ok, key accepted")
    except APIStatusError as exc:
        if exc.status_code in _KEY_REFUSED:
            return Finding(False, f"shortapi: key refused ({exc.status_code})")
        return Finding(False, f"shortapi: {url} answered HTTP {exc.status_code}: {exc.message}")
    except APITimeoutError:
        return Finding(False, f"shortapi: cannot reach {url}: timed out")
    except APIConnectionError as exc:
        return Finding(False, f"shortapi: cannot reach {url}: {_reason(exc)}")
    except APIResponseError as exc:
        return Finding(False, f"shortapi: unexpected answer from {url}: {exc}")
    # An answer with a status for a made-up id: odd, but the key was accepted.
    return Finding(True, "shortapi: ok, key accepted")


async def check_database(settings: Settings) -> Finding:
    """Open and migrate the store, as the bot does at start; a SQLite file that does not exist
    yet is not created (a check changes nothing), only its folder's permissions are checked."""
    where = settings.database_where
    if settings.database_url is None and not settings.database_path.exists():
        return _new_sqlite_file(settings.database_path)
    try:
        db = await Database.open(settings.database, settings.database_pool_size)
        try:
            version = await db.schema_version()
        finally:
            await db.close()
    except open_errors() as exc:
        reason = redact(str(exc), settings.secrets())
        return Finding(False, f"database: error ({where}): {reason}")
    return Finding(True, f"database: ok, {db.store} {where} (schema {version})")


def _new_sqlite_file(path: Path) -> Finding:
    # The bot creates missing folders too: what must be writable is the nearest that exists.
    folder = probe = path.parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    probe = probe if probe == folder else probe.absolute()  # not "." for data/bot.sqlite3
    if not probe.is_dir():
        return Finding(False, f"database: sqlite {path} cannot be created: {probe} is a file")
    if not os.access(probe, os.W_OK | os.X_OK):
        why = f"{probe} is not writable by uid {os.getuid()}"
        return Finding(False, f"database: sqlite {path} cannot be created: {why}")
    how = f"{folder} is writable" if probe == folder else f"with its folder; {probe} is writable"
    return Finding(True, f"database: sqlite {path} will be created at start ({how})")


def check_public_url(settings: Settings) -> Finding:
    """Report PUBLIC_BASE_URL; Settings already refused a combination that cannot work."""
    how = "webhook" if settings.telegram_webhook else "polling; hosted photos and callbacks"
    return Finding(True, f"public url: {settings.public_base_url} ({how})")


def check_videos_dir(settings: Settings) -> Finding:
    """Where videos too big for Telegram are kept: writable, and shared between replicas."""
    folder = settings.videos_dir.absolute()
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not os.access(existing, os.W_OK | os.X_OK):
        return Finding(False, f"big videos: {folder} is not writable (BIG_VIDEOS_DIR)")
    line = f"big videos: kept in {folder} for 30 days"
    if settings.database_url is not None and settings.big_videos_dir is None:
        line += "; with several replicas set BIG_VIDEOS_DIR to a folder they share"
    return Finding(True, line)


def print_findings(findings: Iterable[Finding]) -> int:
    """Print each line; 0 when every check passed, else 1."""
    ok = True
    for finding in findings:
        print(finding.line, flush=True)
        ok = ok and finding.ok
    return 0 if ok else 1


class _Unexpected(Exception):
    """The Bot API answered, but not with `{"ok": true, "result": {...}}`."""


def _result(resp: httpx.Response) -> dict[str, Any]:
    try:
        payload = resp.json()
    except ValueError:
        payload = None
    if not isinstance(payload, dict) or payload.get("ok") is not True:
        text = payload.get("description") if isinstance(payload, dict) else None
        raise _Unexpected(f"{_status(resp)}{': ' + text if text else ''}")
    result = payload.get("result")
    return result if isinstance(result, dict) else {}


def _status(resp: httpx.Response) -> str:
    return f"{resp.status_code} {resp.reason_phrase}".strip()


def _reason(exc: BaseException) -> str:
    # httpx's ConnectError reads "All connection attempts failed"; some errors have no text.
    return str(exc) or type(exc).__name__
