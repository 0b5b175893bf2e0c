"""Settings from the environment and an optional .env file."""

import base64
import difflib
import hashlib
import hmac
import re
from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from dotenv import dotenv_values
from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.core.pricing import StarPricing, dearest_video
from bot.payments.invoices import MAX_INVOICE_STARS, MIN_INVOICE_STARS
from storage.sql import redact_url

# Telegram's own Bot API server sends webhooks only over https, and only to these ports. A
# self-hosted telegram-bot-api server in --local mode also takes http, any port and local
# addresses, so the rule is checked only when the bot talks to Telegram's server.
OFFICIAL_BOT_API_HOST = "api.telegram.org"
WEBHOOK_PORTS = (443, 80, 88, 8443)
# What Telegram accepts as a webhook's secret_token.
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
# The message a webhook secret is derived from when none is set; changing it changes the secret.
_WEBHOOK_SECRET_PURPOSE = b"veo-photo-bot webhook"
# @BotFather's tokens are `<the bot's id>:<35 of A-Z a-z 0-9 _ ->`; this is the shape the log
# redactor removes from every line, so any token the bot accepts is redacted by shape too.
_BOT_TOKEN = re.compile(r"[0-9]{5,}:[A-Za-z0-9_-]{30,}")
# ShortAPI's keys are long random strings: anything shorter is a placeholder or half a paste.
MIN_API_KEY = 16
# The compose files' own variables, which share deploy/.env with the bot's settings.
COMPOSE_VARIABLES = frozenset({"TELEGRAM_API_ID", "TELEGRAM_API_HASH", "POSTGRES_PASSWORD"})
# How alike a name must be to one of the settings' to be taken for a mistyped setting.
_NEAR_MISS = 0.8


class Settings(BaseSettings):
    """Everything an operator can set. Built once in __main__, never at import time."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr
    # Required unless SHORTAPI_SANDBOX=true, which makes no ShortAPI call.
    shortapi_key: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    shortapi_base_url: str = "https://api.shortapi.ai"
    # Try the bot for free: no ShortAPI call at all; each Generate is simulated (the statuses,
    # a short sample video made from the user's photo, the buttons under it), nothing is
    # charged, and every card and video says it is a sandbox.
    shortapi_sandbox: bool = False
    database_path: Path = Path("data/bot.sqlite3")
    database_url: SecretStr | None = None
    # PostgreSQL: connections this process keeps open (each replica has its own pool).
    database_pool_size: int = Field(default=10, ge=1, le=200)
    # How long a replica's claim on a job lasts unless renewed; a replica that dies leaves
    # its jobs to the others after at most this long.
    job_lease: float = Field(default=30.0, ge=1, le=600)
    allowed_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    job_poll_interval: float = Field(default=10.0, gt=0, le=3600)
    # Queries slow down from JOB_POLL_INTERVAL up to this cap (0: 1.5 × JOB_POLL_INTERVAL).
    job_poll_max_interval: float = Field(default=0.0, ge=0, le=3600)
    job_timeout: float = Field(default=1800.0, gt=0)
    # After JOB_TIMEOUT a late video is still delivered if it comes within this many seconds.
    job_late_grace: float = Field(default=3600.0, ge=0)
    # How long a finished video's delivery is retried through Telegram faults (0: as long as
    # JOB_TIMEOUT + JOB_LATE_GRACE, the time the API is asked about a job).
    job_delivery_timeout: float = Field(default=0.0, ge=0)
    user_daily_budget: Decimal = Field(default=Decimal("10.00"), ge=0, decimal_places=2)
    # A fresh bot has a cap on what all users together may spend a day; 0 (set) means none.
    daily_budget: Decimal = Field(default=Decimal("20.00"), ge=0, decimal_places=2)
    max_active_jobs_per_user: int = Field(default=2, ge=0)
    # With payments off, whether users see what a video costs the bot (they may think they
    # are charged); with payments on, prices in Stars are always shown.
    show_prices: bool = False
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    telegram_local_mode: bool = False
    # Telegram fetches a finished video from ShortAPI's URL itself (up to 20 MB), so the bot
    # moves no bytes; false: the bot always downloads and uploads it.
    video_by_url: bool = True
    # Turns on the HTTP server: hosted photos, ShortAPI callbacks, /healthz, and the webhook.
    public_base_url: str | None = None
    web_host: str = "0.0.0.0"
    web_port: int = Field(default=8080, ge=1, le=65535)
    # With PUBLIC_BASE_URL, a video too big for Telegram is kept here and served at
    # {PUBLIC_BASE_URL}/v/<token>.mp4 for 30 days. Unset: `videos` beside the SQLite file.
    # Replicas must share it (one volume), as any of them may be asked for the file.
    big_videos_dir: Path | None = None
    # The largest such video the bot downloads to keep, in MB (an 8 s 4K video is about 50).
    big_video_max_mb: int = Field(default=2000, ge=1, le=100_000)
    telegram_webhook: bool = False
    # Unset: derived from the bot token, so every replica with the token has the same one.
    telegram_webhook_secret: SecretStr | None = None
    # GET /metrics (Prometheus): on the HTTP server above, or (METRICS_PORT) on its own.
    metrics: bool = True
    metrics_port: int = Field(default=0, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"
    log_level: str = "INFO"
    # Telegram Stars: 0 turns payments off. Above 0 a video costs ceil(price in USD × this),
    # which must stay within one invoice's 10,000 Stars for every video (at most 2604.16).
    stars_per_usd: Decimal = Field(default=Decimal("0"), ge=0, le=100_000)
    star_packs: Annotated[tuple[int, ...], NoDecode] = (100, 500, 1000)
    # What one Star brings the operator when withdrawn, for the margin /stats shows.
    star_withdrawal_usd: Decimal = Field(default=Decimal("0.013"), ge=0, le=1)
    paysupport_text: str | None = None
    terms_text: str | None = None

    @field_validator("public_base_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with https:// (or http://)")
        return value

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        url = value.get_secret_value().strip()
        if not url.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a postgresql://user:password@host:port/database URL")
        return SecretStr(url)

    @property
    def database(self) -> str | Path:
        """What the store opens: the PostgreSQL URL if set, else the SQLite file."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return self.database_path

    @property
    def database_where(self) -> str:
        """The store as a log line may name it: the path, or the URL without its password."""
        if self.database_url is not None:
            return redact_url(self.database_url.get_secret_value())
        return str(self.database_path)

    def secrets(self) -> list[str]:
        """Every secret value a log line, a message or a chat must never show."""
        found = [self.telegram_bot_token.get_secret_value()]
        if self.shortapi_key is not None:
            found.append(self.shortapi_key.get_secret_value())
        if self.database_url is not None:
            password = urlsplit(self.database_url.get_secret_value()).password
            if password:
                found.append(password)
        found.append(webhook_secret(self))
        return found

    @field_validator("big_videos_dir", mode="before")
    @classmethod
    def _blank_dir(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def videos_dir(self) -> Path:
        """Where videos too big for Telegram are kept (BIG_VIDEOS_DIR, else beside the data)."""
        return self.big_videos_dir or self.data_dir / "videos"

    @property
    def data_dir(self) -> Path:
        """Where the bot keeps files beside its database: video downloads in progress."""
        return self.database_path.parent

    @model_validator(mode="after")
    def _key_unless_sandbox(self) -> "Settings":
        if self.shortapi_key is None and not self.shortapi_sandbox:
            raise ValueError(
                "SHORTAPI_KEY is required but not set (or set SHORTAPI_SANDBOX=true to try"
                " the bot without ShortAPI)"
            )
        return self

    @model_validator(mode="after")
    def _webhook_needs_url(self) -> "Settings":
        if not self.telegram_webhook:
            return self
        if self.public_base_url is None:
            raise ValueError("TELEGRAM_WEBHOOK=true needs PUBLIC_BASE_URL")
        if urlsplit(self.telegram_api_url).hostname != OFFICIAL_BOT_API_HOST:
            return self
        public = urlsplit(self.public_base_url)
        if public.scheme != "https":
            raise ValueError(
                "TELEGRAM_WEBHOOK=true needs an https:// PUBLIC_BASE_URL"
                " (Telegram sends webhooks only over https)"
            )
        try:
            port = public.port or 443
        except ValueError:
            port = 0
        if port not in WEBHOOK_PORTS:
            raise ValueError(
                "TELEGRAM_WEBHOOK=true needs PUBLIC_BASE_URL on port 443, 80, 88 or 8443"
                " (the only ports Telegram sends webhooks to)"
            )
        return self

    @model_validator(mode="after")
    def _metrics_port_free(self) -> "Settings":
        if (
            self.metrics
            and self.public_base_url is not None
            and self.metrics_port == self.web_port
        ):
            raise ValueError(
                "METRICS_PORT must differ from WEB_PORT (METRICS_PORT=0 serves /metrics there)"
            )
        return self

    @model_validator(mode="after")
    def _poll_cap(self) -> "Settings":
        if self.job_poll_max_interval == 0:
            # 1.5×: a finished video waits at most one and a half intervals to be noticed.
            self.job_poll_max_interval = 1.5 * self.job_poll_interval
        elif self.job_poll_max_interval < self.job_poll_interval:
            raise ValueError("JOB_POLL_MAX_INTERVAL must not be below JOB_POLL_INTERVAL")
        return self

    @field_validator("telegram_bot_token", "shortapi_key")
    @classmethod
    def _not_blank(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        # Also refuses a value too short to be real: it is a mistake, and a secret of a few
        # letters would be redacted out of ordinary words. The value is never repeated.
        if value is None:  # only SHORTAPI_KEY may be unset (in the sandbox: checked below)
            return None
        secret = value.get_secret_value().strip()
        if not secret and info.field_name == "shortapi_key":
            # `SHORTAPI_KEY=` as deploy/.env.example leaves it: not set, which the sandbox
            # allows and anything else refuses (below, naming the sandbox).
            return None
        if not secret:
            raise ValueError("must not be empty")
        if info.field_name == "telegram_bot_token" and not _BOT_TOKEN.fullmatch(secret):
            raise ValueError(
                "is not a bot token: @BotFather's look like 123456789:AAH… (the bot's id, a"
                " colon, then 35 letters, digits, _ or -)"
            )
        if info.field_name == "shortapi_key" and len(secret) < MIN_API_KEY:
            raise ValueError(
                f"is {len(secret)} characters, too short to be a ShortAPI key (they are long"
                f" random strings, at least {MIN_API_KEY}): copy it whole from your dashboard"
            )
        return SecretStr(secret)

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not _WEBHOOK_SECRET.fullmatch(value.get_secret_value().strip()):
            # Telegram's own rule for secret_token; the value is not repeated (it is a secret).
            raise ValueError("must be 1-256 characters, each a letter A-Z or a-z, a digit, _ or -")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("telegram_api_url", "shortapi_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("allowed_user_ids", "admin_user_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        # An operator writes "123,456"; pydantic-settings would otherwise expect JSON.
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("must be comma-separated numeric Telegram user ids") from None
        return value

    @field_validator("star_packs", mode="before")
    @classmethod
    def _packs(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                value = tuple(int(p) for p in value.split(",") if p.strip())
            except ValueError:
                raise ValueError("must be comma-separated numbers of Stars") from None
        if isinstance(value, tuple | list):
            if not value or any(
                not MIN_INVOICE_STARS <= int(p) <= MAX_INVOICE_STARS for p in value
            ):
                raise ValueError(
                    f"each pack must be {MIN_INVOICE_STARS} to {MAX_INVOICE_STARS} Stars"
                    " (a Stars invoice's bounds)"
                )
            return tuple(sorted(set(int(p) for p in value)))
        return value

    @field_validator("stars_per_usd")
    @classmethod
    def _every_video_in_one_invoice(cls, value: Decimal) -> Decimal:
        # The invoice for a video asks at most its price; Telegram refuses one above 10,000.
        dearest = dearest_video()
        stars = StarPricing(value).stars(dearest)
        if stars > MAX_INVOICE_STARS:
            highest = (MAX_INVOICE_STARS / dearest).quantize(Decimal("0.01"), ROUND_FLOOR)
            raise ValueError(
                f"{value} prices the dearest video (${dearest}) at {stars} Stars, over the"
                f" {MAX_INVOICE_STARS} one Stars invoice can ask; set at most {highest}"
            )
        return value

    @field_validator("paysupport_text", "terms_text")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @property
    def payments(self) -> bool:
        """Whether users pay for their videos with Telegram Stars."""
        return self.stars_per_usd > 0

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.strip().upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return value


def webhook_secret(settings: Settings) -> str:
    """The secret Telegram sends with each webhook update: TELEGRAM_WEBHOOK_SECRET, or else
    one derived from the bot token (the same on every replica, unknown to anyone without it).
    """
    if settings.telegram_webhook_secret is not None:
        return settings.telegram_webhook_secret.get_secret_value()
    token = settings.telegram_bot_token.get_secret_value().encode()
    digest = hmac.new(token, _WEBHOOK_SECRET_PURPOSE, hashlib.sha256).digest()
    # 43 characters of A-Z a-z 0-9 _ -, all allowed in a secret_token.
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class ConfigurationError(Exception):
    """A setting the outside world refused at start (a port taken, a webhook URL Telegram
    will not use): the text names the setting."""


def describe_access(settings: Settings) -> str:
    """One line: who may use the bot, and what it may spend a day per user and in all."""
    count = len(settings.allowed_user_ids)
    if not count:
        who = "everyone may use the bot (ALLOWED_USER_IDS is empty)"
    else:
        who = f"{count} allowed user{'' if count == 1 else 's'} may use the bot (ALLOWED_USER_IDS)"
    per_user = _cap(settings.user_daily_budget, "per user", "USER_DAILY_BUDGET")
    in_all = _cap(settings.daily_budget, "in all", "DAILY_BUDGET")
    return f"access: {who}; spending per UTC day: {per_user}, {in_all}"


def describe_sandbox(settings: Settings) -> str | None:
    """One line when the bot runs in its sandbox (SHORTAPI_SANDBOX=true), else None."""
    if not settings.shortapi_sandbox:
        return None
    return (
        "sandbox: SHORTAPI_SANDBOX=true, no ShortAPI call is made; every video is a simulated"
        " sample, marked as such, and nothing is charged"
    )


def _cap(amount: Decimal, whose: str, name: str) -> str:
    return f"${amount:.2f} {whose} ({name})" if amount else f"no cap {whose} ({name}=0)"


def misnamed_settings(environ: Iterable[str], env_file: Path | None) -> list[str]:
    """A warning for each variable (in `environ` or the .env file) named like one of the
    settings but not one: a typo the bot would otherwise ignore without a word."""
    known = {name.upper() for name in Settings.model_fields}
    names = list(environ)
    if env_file is not None and env_file.is_file():
        names += [name for name in dotenv_values(env_file) if name not in names]
    warnings = []
    for name in dict.fromkeys(n.upper() for n in names):
        if name in known or name in COMPOSE_VARIABLES:
            continue
        # Alike as a whole (ALLOWED_USER_ID), or the tail of one (BOT_TOKEN): only the bot's
        # own names are ever suggested, so PATH or LANG never match anything.
        like = difflib.get_close_matches(name, sorted(known), n=2, cutoff=_NEAR_MISS)
        if not like and "_" in name:
            like = sorted(k for k in known if k.endswith("_" + name))
        if like:
            warnings.append(
                f"{name} is not a setting of this bot; did you mean {' or '.join(like)}?"
            )
    return warnings


def describe_error(error: ValidationError) -> str:
    """One line naming each bad variable, without echoing its value (it may be a secret)."""
    parts = []
    for item in error.errors():
        if not item["loc"]:  # a check across fields names its variables in the message
            parts.append(_plain(item["msg"]))
            continue
        name = str(item["loc"][0]).upper()
        reason = "is required but not set" if item["type"] == "missing" else _plain(item["msg"])
        parts.append(f"{name} {reason}" if item["type"] == "missing" else f"{name}: {reason}")
    return "configuration error: " + "; ".join(parts)


def _plain(message: str) -> str:
    # pydantic prefixes validator messages with "Value error, "; a person needs only the reason.
    return message.removeprefix("Value error, ")


__all__ = [
    "ConfigurationError",
    "Settings",
    "describe_access",
    "describe_error",
    "describe_sandbox",
    "misnamed_settings",
    "webhook_secret",
]
