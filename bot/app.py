"""The one wiring point: builds every concrete object, registers handlers, runs the poller."""

import asyncio
import contextlib
import functools
import logging

import httpx
from telegram import Update
from telegram.error import BadRequest
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import (
    ConfigurationError,
    Settings,
    describe_access,
    describe_sandbox,
    webhook_secret,
)
from bot.core.albums import Albums
from bot.core.card_inputs import CardInputs
from bot.core.drafts import Budget, DraftService
from bot.core.followups import AfterVideo
from bot.core.hosting import Hosting
from bot.core.operators import Operators
from bot.core.pricing import StarPricing
from bot.core.reports import Reports
from bot.handlers import SERVICES_KEY, Services
from bot.handlers.access import make_gate
from bot.handlers.albums import IN_ALBUM, on_album_photo
from bot.handlers.albums import sweep_forever as sweep_albums
from bot.handlers.buttons import on_button
from bot.handlers.errors import on_error, tell_waiting
from bot.handlers.followups import on_video_button
from bot.handlers.help import on_details_press, on_help, on_start, on_unknown_command
from bot.handlers.jobs import on_cancel, on_jobs, on_stats
from bot.handlers.language import describe_bot, on_language, on_language_press
from bot.handlers.payments import add_payment_handlers, on_buy_press, on_terms
from bot.handlers.photo import on_document, on_other_media, on_photo, on_text
from bot.handlers.repeats import on_repeated_press
from bot.jobs import JobRunner, PollPolicy
from bot.jobs.generate import Generate
from bot.jobs.kept import BigVideos, KeptVideos
from bot.media.sample import make_sample
from bot.ops import metrics, version
from bot.ops.metrics import ListenError
from bot.payments.service import PaymentService
from bot.telegram.callback_data import BUY_PREFIX, HELP_PREFIX, LANGUAGE_PREFIX, VIDEO_PREFIX
from bot.telegram.files import TelegramImages, TelegramVideos
from bot.telegram.inbox import Inbox
from bot.telegram.leader import Leadership, LockLeader, SoleLeader
from bot.telegram.notifier import TelegramNotifier
from bot.telegram.payments import TelegramStars, reconcile_forever
from bot.telegram.polling import poll_while_leading, run_until_signalled
from bot.telegram.transport import AiohttpRequest
from bot.telegram.updates import PerUserUpdates
from bot.texts.languages import Languages
from bot.veo import DEFAULT_MODEL, MODELS, ShortAPIClient
from bot.veo.download import still_served
from bot.veo.sandbox import SANDBOX_ORIGIN, Sandbox, SandboxFiles
from bot.web.client import AiohttpTransport
from bot.web.health import Health
from bot.web.metrics import MetricsServer
from bot.web.server import WEBHOOK_PATH, Webhook, WebServer
from storage import Database

log = logging.getLogger(__name__)

# The Bot API refuses uploads over 50 MB; a self-hosted telegram-bot-api server allows 2000 MB.
UPLOAD_LIMIT = 50 * 1024 * 1024
LOCAL_UPLOAD_LIMIT = 2000 * 1024 * 1024
# How long a stop waits for job steps in hand (a video upload) before cancelling them.
SHUTDOWN_GRACE = 60.0
FLOOD_RETRIES = 3
# Updates handled at once (each person's in order). Each mostly waits, on Telegram or on a
# disk sync, so many overlap on one core: with 32, 200 people at once queued behind each other
# and got 0.57x a bare PTB bot's answers a second at 1.8x its latency, with 256 1.0x at 1.03x
# (benchmark, docs/performance.md). Memory is not what bounds it: the photos in hand have a
# bound of their own (IMAGE_BYTES_IN_FLIGHT), and an update otherwise holds a few kilobytes.
UPDATE_CONCURRENCY = 256
# Job steps (a query, a delivery) in hand at once; uploads have a smaller bound of their own.
# The poller claims due jobs a batch at a time as steps end: with 16, 20,000 jobs in flight
# cost 0.65 ms of CPU a query, with 64 0.53 (fewer, larger claims; benchmark, 10 s interval).
JOB_CONCURRENCY = 64
# Connections to the Bot API: one for every update and job step in hand, and a few for the
# rest (status edits, the album sweep), so none waits for a free one (PTB's pool timeout is
# 1 s, after which the request fails).
BOT_API_CONNECTIONS = UPDATE_CONCURRENCY + JOB_CONCURRENCY + 16
# Bytes of users' photos held in memory at once, from their download until the create call is
# answered: two of the largest (20 MB) photos, or many ordinary ones.
IMAGE_BYTES_IN_FLIGHT = 48 * 1024 * 1024
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
# With payments on, Telegram asks before each payment (and waits 10 s for the answer).
PAYMENT_UPDATES = [*ALLOWED_UPDATES, Update.PRE_CHECKOUT_QUERY]
_DB, _HTTP, _POLLER, _WEB, _METRICS = "_db", "_http", "_poller", "_web", "_metrics"
_API_TRANSPORT, _UPDATES_REQUEST = "_api_transport", "_updates_request"
_LEADER, _RECONCILE, _ALLOWED = "_leader", "_reconcile", "_allowed_updates"
_INBOX, _INBOX_TASK = "_inbox", "_inbox_task"
_ALBUMS = "_album_sweep"
# A hosted photo is served for at most this long (the API fetches it at submission).
MEDIA_MAX_AGE = 3600.0


def build_application(settings: Settings, model: str = DEFAULT_MODEL) -> Application:
    """The configured PTB application; resources open in post_init and close in post_shutdown.

    `model` is the ShortAPI model new drafts use, by id (one of bot.veo.MODELS)."""
    api_url = settings.telegram_api_url
    updates_request = AiohttpRequest(connection_pool_size=1)
    app = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        .local_mode(settings.telegram_local_mode)
        # On aiohttp (a quarter of httpx's CPU), counting failed requests.
        .request(AiohttpRequest(connection_pool_size=BOT_API_CONNECTIONS))
        .get_updates_request(updates_request)
        # Flood control: waits out Telegram's 429 retry_after and repeats the call, and keeps
        # under 20 messages a minute in each group. No bot-wide cap: Telegram has no global
        # limit on answers (its ~30/s is for broadcasts, which this bot does not send), and
        # a cap of 30 calls/s made every user wait behind everyone else's answers.
        .rate_limiter(AIORateLimiter(overall_max_rate=0, max_retries=FLOOD_RETRIES))
        .concurrent_updates(PerUserUpdates(UPDATE_CONCURRENCY))
        .post_init(lambda application: _open(application, settings, model))
        .post_stop(_stop_poller)
        .post_shutdown(_close)
        .build()
    )
    # The poller makes getUpdates itself, on the transport PTB opens and closes for it.
    app.bot_data[_UPDATES_REQUEST] = updates_request
    app.add_handler(TypeHandler(Update, make_gate(settings.allowed_user_ids)), group=-2)
    app.add_handler(CallbackQueryHandler(on_repeated_press), group=-1)
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(CommandHandler("help", on_help))
    app.add_handler(CommandHandler("jobs", on_jobs))
    app.add_handler(CommandHandler("cancel", on_cancel))
    app.add_handler(CommandHandler("stats", on_stats))
    app.add_handler(CommandHandler("language", on_language))
    app.add_handler(CommandHandler("terms", on_terms))
    if settings.payments:
        add_payment_handlers(app)
    # After every command handler: a command none of them took.
    app.add_handler(MessageHandler(filters.COMMAND, on_unknown_command))
    # An album's photos make one card between them: before the handlers of a single photo.
    app.add_handler(
        MessageHandler((filters.PHOTO | filters.Document.ALL) & IN_ALBUM, on_album_photo)
    )
    app.add_handler(MessageHandler(filters.PHOTO, on_photo))
    app.add_handler(MessageHandler(filters.Document.ALL, on_document))
    app.add_handler(
        MessageHandler(
            filters.VIDEO
            | filters.AUDIO
            | filters.VOICE
            | filters.VIDEO_NOTE
            | filters.Sticker.ALL
            | filters.ANIMATION,
            on_other_media,
        )
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    if settings.payments:
        app.add_handler(CallbackQueryHandler(on_buy_press, pattern=f"^{BUY_PREFIX}:"))
    app.add_handler(CallbackQueryHandler(on_video_button, pattern=f"^{VIDEO_PREFIX}:"))
    app.add_handler(CallbackQueryHandler(on_language_press, pattern=f"^{LANGUAGE_PREFIX}:"))
    app.add_handler(CallbackQueryHandler(on_details_press, pattern=f"^{HELP_PREFIX}:"))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_error_handler(on_error)
    return app


async def _open(app: Application, settings: Settings, model: str) -> None:
    app.bot_data[_ALLOWED] = PAYMENT_UPDATES if settings.payments else ALLOWED_UPDATES
    db = await Database.open(settings.database, settings.database_pool_size)
    app.bot_data[_DB] = db
    samples = settings.data_dir / "sandbox"
    http = httpx.AsyncClient(
        timeout=httpx.Timeout(connect=10.0, read=60.0, write=120.0, pool=60.0),
        # The job runner's steps in hand plus room for create calls: httpcore checks every
        # pooled connection on each request, so a pool larger than needed costs CPU.
        limits=httpx.Limits(max_connections=JOB_CONCURRENCY + 8),
        follow_redirects=True,
        # The sandbox's videos, read by the delivery like any other (always: a simulated job
        # is delivered after the sandbox is turned off too).
        mounts={SANDBOX_ORIGIN: SandboxFiles(samples)},
    )
    app.bot_data[_HTTP] = http
    live = None
    if settings.shortapi_key is not None:
        # The API's calls have a transport of their own (bot/web/client.py says why).
        transport = AiohttpTransport(JOB_CONCURRENCY + 8)
        app.bot_data[_API_TRANSPORT] = transport
        live = ShortAPIClient(
            transport,
            base_url=settings.shortapi_base_url,
            api_key=settings.shortapi_key.get_secret_value(),
            on_request=metrics.shortapi_request,
        )
    # Each job is asked of whoever made it: ShortAPI, or the sandbox (by its id).
    api = Sandbox(samples, make_sample, live=live, enabled=settings.shortapi_sandbox)
    languages = Languages(db)
    # One answer to what users see of prices: the card, the status message and the video.
    pricing = StarPricing(settings.stars_per_usd, settings.show_prices, settings.shortapi_sandbox)
    notifier = TelegramNotifier(
        app.bot,
        languages,
        video_by_url=settings.video_by_url,
        show_prices=pricing.shown,
        sandbox=settings.shortapi_sandbox,
    )
    hosting = None
    kept = None
    if settings.public_base_url is not None:
        hosting = Hosting(db, settings.public_base_url, MEDIA_MAX_AGE)
        # What Telegram will not carry the bot serves itself (a local Bot API server
        # carries up to 2000 MB, so little is left over for this).
        kept = KeptVideos(
            settings.videos_dir, settings.public_base_url, settings.big_video_max_mb * 1024**2
        )
    runner = JobRunner(
        db,
        api,
        http,
        TelegramImages(app.bot),
        notifier,
        policy=PollPolicy(
            interval=settings.job_poll_interval,
            max_interval=settings.job_poll_max_interval,
            timeout=settings.job_timeout,
            late_grace=settings.job_late_grace,
            delivery_timeout=settings.job_delivery_timeout,
        ),
        upload_limit=LOCAL_UPLOAD_LIMIT if settings.telegram_local_mode else UPLOAD_LIMIT,
        # Next to the database rather than in /tmp: videos can be large, and a self-hosted
        # Bot API server in local mode reads files by path, so it needs to see this folder.
        download_dir=settings.data_dir / "downloads",
        hosting=hosting,
        kept=kept,
        videos=TelegramVideos(app.bot),
        concurrency=JOB_CONCURRENCY,
        image_bytes=IMAGE_BYTES_IN_FLIGHT,
        lease_seconds=settings.job_lease,
    )
    budget = Budget(
        user_daily=settings.user_daily_budget,
        daily=settings.daily_budget,
        max_active_per_user=settings.max_active_jobs_per_user,
    )
    metrics.daily_budget(settings.daily_budget)
    metrics.declare_models(MODELS)
    drafts = DraftService(db, budget, pricing=pricing, model=model)
    payments = PaymentService(
        db,
        drafts,
        settings.star_packs,
        settings.admin_user_ids,
        TelegramStars(app.bot),
        support_text=settings.paysupport_text,
        terms_text=settings.terms_text,
    )
    star_value = settings.star_withdrawal_usd if settings.payments else None
    inbox = Inbox(
        db,
        app.bot,
        app.update_queue,
        owner=runner.owner,
        lease_seconds=settings.job_lease,
        tell_waiting=tell_waiting,
    )
    app.bot_data[_INBOX] = inbox
    processor = app.update_processor
    if isinstance(processor, PerUserUpdates):
        processor.inbox = inbox
    app.bot_data[SERVICES_KEY] = Services(
        drafts=drafts,
        inputs=CardInputs(db, drafts),
        albums=Albums(db, drafts),
        generate=Generate(drafts, payments, runner),
        reports=Reports(db, settings.admin_user_ids, star_value),
        runner=runner,
        notifier=notifier,
        payments=payments,
        after=AfterVideo(
            db,
            drafts,
            TelegramVideos(app.bot),
            hosted=hosting is not None,
            served=functools.partial(still_served, http),
        ),
        languages=languages,
        operators=Operators(db, settings.admin_user_ids),
        big_videos=(
            BigVideos.VIDEO
            if settings.telegram_local_mode
            else BigVideos.KEPT
            if kept is not None
            else BigVideos.LINK
        ),
    )
    leadership: Leadership | None = None
    if not settings.telegram_webhook:
        # Telegram takes one getUpdates at a time: with replicas on PostgreSQL, one polls.
        url = settings.database_url
        leadership = SoleLeader() if url is None else LockLeader(url.get_secret_value())
        app.bot_data[_LEADER] = leadership
    health = None
    if hosting is not None or (settings.metrics and settings.metrics_port):
        health = Health(db, runner, db.store, leadership)
    if settings.metrics and settings.metrics_port:
        app.bot_data[_METRICS] = MetricsServer(
            settings.metrics_host, settings.metrics_port, health
        )
        await _listen(app.bot_data[_METRICS], "METRICS_PORT", settings.metrics_port)
    webhook = None
    if hosting is not None:
        if settings.telegram_webhook:
            webhook = Webhook(webhook_secret(settings), lambda data: inbox.receive([data]))
        server = WebServer(
            host=settings.web_host,
            port=settings.web_port,
            db=db,
            runner=runner,
            hosting=hosting,
            webhook=webhook,
            with_metrics=settings.metrics and not settings.metrics_port,
            store=db.store,
            leadership=leadership,
            health=health,
            kept=kept,
        )
        await _listen(server, "WEB_PORT", settings.web_port)
        app.bot_data[_WEB] = server
    # Jobs start only once every server listens: a port that is taken ends the start before
    # any job step could be cut off by the database closing.
    await describe_bot(app.bot, settings.payments, pricing.shown)
    await runner.resume()
    app.bot_data[_POLLER] = asyncio.create_task(runner.run(), name="job-poller")
    # What a process that is gone left in the inbox is handled first; then, every third of a
    # lease, what another replica left.
    app.bot_data[_INBOX_TASK] = asyncio.create_task(inbox.run(), name="update-inbox")
    # Albums whose last photo came before a restart (or to a replica now gone) open their card.
    app.bot_data[_ALBUMS] = asyncio.create_task(sweep_albums(app), name="album-sweep")
    if settings.payments:
        app.bot_data[_RECONCILE] = asyncio.create_task(
            reconcile_forever(payments, notifier, languages, inbox), name="stars-reconciliation"
        )
    if webhook is not None:
        # The same URL and secret from every replica: setting it again as one starts leaves
        # the others' webhook working. A request without it is not from Telegram.
        hook_url = f"{settings.public_base_url}{WEBHOOK_PATH}"
        try:
            await app.bot.set_webhook(
                hook_url, secret_token=webhook.secret, allowed_updates=app.bot_data[_ALLOWED]
            )
        except BadRequest as exc:  # its reason (an http URL, a port) names a setting at fault
            await _stop_poller(app)  # what started above ends before the database closes
            raise ConfigurationError(
                f"Telegram refused the webhook {hook_url} (PUBLIC_BASE_URL with"
                f" TELEGRAM_WEBHOOK=true): {exc.message}"
            ) from exc
    log.info(
        "%s: bot @%s started on %s %s as replica %s; polling jobs every %ss",
        version.describe(),
        app.bot.username,
        db.store,
        db.where,
        runner.owner,
        settings.job_poll_interval,
    )
    # Open to strangers with no cap on the day's total deserves more than an INFO line.
    wide_open = not settings.allowed_user_ids and not settings.daily_budget
    log.log(logging.WARNING if wide_open else logging.INFO, "%s", describe_access(settings))
    sandbox = describe_sandbox(settings)
    if sandbox is not None:
        log.warning("%s", sandbox)


async def _listen(server: "WebServer | MetricsServer", setting: str, port: int) -> None:
    try:
        await server.start()
    except ListenError as exc:  # named with its setting: the port may be the operator's to change
        raise ListenError(f"{setting}={port}: {exc}") from exc


async def serve_webhook(app: Application) -> None:
    """Run with Telegram's webhook instead of long polling, until SIGTERM or SIGINT."""
    await run_until_signalled(app, lambda stop: stop.wait())


async def serve_polling(app: Application) -> None:
    """Run with long polling while this replica is the polling leader, until SIGTERM or SIGINT.

    Every replica handles jobs and serves HTTP; only the leader polls (bot/telegram/leader.py).
    """
    await run_until_signalled(
        app,
        lambda stop: poll_while_leading(
            app,
            app.bot_data[_LEADER],
            stop,
            app.bot_data[_ALLOWED],
            app.bot_data[_INBOX],
            app.bot_data[_UPDATES_REQUEST],
        ),
    )


async def _stop_poller(app: Application) -> None:
    # Updates still in the inbox (waiting for the database) are the next start's, or,
    # once this replica's lease has run out, another replica's.
    for key in (_RECONCILE, _INBOX_TASK, _ALBUMS):
        task: asyncio.Task[None] | None = app.bot_data.pop(key, None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    for key in (_WEB, _METRICS):
        server: WebServer | MetricsServer | None = app.bot_data.pop(key, None)
        if server is not None:
            await server.stop()
    poller: asyncio.Task[None] | None = app.bot_data.pop(_POLLER, None)
    if poller is not None:
        poller.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await poller
    services: Services | None = app.bot_data.get(SERVICES_KEY)
    if services is not None:
        await services.runner.shutdown(grace=SHUTDOWN_GRACE)


async def _close(app: Application) -> None:
    http: httpx.AsyncClient | None = app.bot_data.pop(_HTTP, None)
    if http is not None:
        await http.aclose()
    transport: AiohttpTransport | None = app.bot_data.pop(_API_TRANSPORT, None)
    if transport is not None:
        await transport.close()
    leadership: Leadership | None = app.bot_data.pop(_LEADER, None)
    if leadership is not None:
        await leadership.release()
    db: Database | None = app.bot_data.pop(_DB, None)
    if db is not None:
        await db.close()
