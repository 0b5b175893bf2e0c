"""GET /metrics: the real bot process's counters move with what users and the fakes see."""

import asyncio
import contextlib
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY
from pydantic import ValidationError
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.config import Settings
from bot.ops import metrics
from bot.telegram.transport import AiohttpRequest
from bot.veo import DEFAULT_MODEL, MODELS, ShortAPIError, VideoOptions
from tests.chat import button, open_options
from tests.e2e.disk import unwritable
from tests.e2e.metrics import Samples, scrape, value
from tests.e2e.stars import ADMIN, STARS_PER_USD, balance, buy
from tests.images import jpeg
from tests.process import API_KEY, BOT_TOKEN, free_port
from tests.shortapi_stub import ShortAPIStubs

# Distinctive, so that finding it anywhere in a label means a label carries it.
USER = 48151623
PROMPT = "A copper fox juggling paper lanterns"
# The model of a video from a captioned photo: the jobs' metrics count it under its id.
PHOTO = DEFAULT_MODEL


async def scrape_until(url: str, done: Callable[[Samples], bool]) -> tuple[str, Samples]:
    """Scrape until `done` holds (at most 100 times, 10 s)."""
    for _ in range(100):
        text, samples = await scrape(url)
        if done(samples):
            return text, samples
        await asyncio.sleep(0.1)
    raise AssertionError(f"the metrics never got there:\n{text}")


async def generate(telegram, caption: str = PROMPT) -> dict:
    """USER sends a captioned photo and presses Generate; the options message."""
    user = telegram.user(USER, "Vera")
    _, options = await open_options(telegram, USER, user, caption=caption)
    telegram.press(USER, user, options["message_id"], button(options, "Generate"))
    return options


def status_says(telegram, options: dict, word: str) -> bool:
    return word in telegram.message(USER, options["message_id"])["text"]


def assert_nothing_private(text: str, samples: Samples, shortapi) -> None:
    """No label names a user, chat, prompt, job or secret; the veo_ labels stay in their sets."""
    secrets = [PROMPT, BOT_TOKEN, BOT_TOKEN.split(":")[1], API_KEY, *shortapi.jobs]
    for secret in secrets:
        assert secret not in text
    allowed = {
        "outcome": set(metrics.OUTCOMES),
        "call": set(metrics.SHORTAPI_CALLS),
        "result": set(metrics.SHORTAPI_RESULTS),
        "kind": set(metrics.TELEGRAM_ERRORS),
        "reason": set(metrics.UPDATES_DELAYED_REASONS),
        "move": set(metrics.STAR_MOVES),
        "model": set(MODELS),
    }
    for name, labels in samples:
        for label, label_value in labels:
            assert str(USER) not in label_value, (name, labels)
            if name.startswith("veo_") and label != "le":
                assert label_value in allowed[label], (name, labels)


async def test_one_video_moves_each_counter_once(public, bot, telegram, shortapi):
    # The first query is held for 3 s: a job step the process has in hand, for the gauge.
    shortapi.fail_next_query(http_status=None, delay=3)
    options = await generate(telegram)
    await shortapi.wait_for(lambda: shortapi.queries, timeout=10)
    await scrape_until(public, lambda s: value(s, "veo_jobs_in_flight") == 1)
    await telegram.wait_for(lambda: status_says(telegram, options, "delivered"), timeout=20)
    text, samples = await scrape_until(public, lambda s: value(s, "veo_jobs_in_flight") == 0)

    [job] = shortapi.jobs.values()
    assert value(samples, "veo_jobs_created_total", model=PHOTO) == 1
    finished = {
        o: value(samples, "veo_jobs_finished_total", model=PHOTO, outcome=o)
        for o in metrics.OUTCOMES
    }
    assert finished == {"delivered": 1, "failed": 0, "expired": 0, "unknown": 0}
    assert Decimal(str(value(samples, "veo_spend_usd_total", model=PHOTO))) == Decimal(job.amount)
    assert value(samples, "veo_job_duration_seconds_count", model=PHOTO) == 1
    assert value(samples, "veo_delivery_delay_seconds_count", model=PHOTO) == 1
    # The API's finish comes after Generate: the delay is a part of the whole.
    assert value(samples, "veo_delivery_delay_seconds_sum", model=PHOTO) <= value(
        samples, "veo_job_duration_seconds_sum", model=PHOTO
    )
    # Every other model the bot declares is there from the start, and made nothing.
    for other in set(MODELS) - {PHOTO}:
        assert value(samples, "veo_jobs_created_total", model=other) == 0
        assert value(samples, "veo_spend_usd_total", model=other) == 0
        assert value(samples, "veo_jobs_finished_total", model=other, outcome="delivered") == 0
    requests = {
        (call, result): value(samples, "veo_shortapi_requests_total", call=call, result=result)
        for call in metrics.SHORTAPI_CALLS
        for result in metrics.SHORTAPI_RESULTS
    }
    assert {k: v for k, v in requests.items() if v} == {
        ("create", "ok"): len(shortapi.creates),
        ("query", "ok"): len(shortapi.queries),
    }
    assert len(shortapi.creates) == 1 and len(shortapi.queries) >= 1
    # Every update was handled as it came.
    for reason in metrics.UPDATES_DELAYED_REASONS:
        assert value(samples, "veo_updates_delayed_total", reason=reason) == 0
    for process_metric in ("process_resident_memory_bytes", "process_open_fds", "python_info"):
        assert any(name == process_metric for name, _ in samples), process_metric
    assert any(name.startswith("python_gc_") for name, _ in samples)
    assert_nothing_private(text, samples, shortapi)


async def test_a_failed_job_counts_as_failed_with_metrics_on_their_own_port(
    bot_env, bot_process, telegram, shortapi
):
    # Polling mode without PUBLIC_BASE_URL: no other HTTP server, /metrics on its own port.
    port = free_port()
    bot_env.update(METRICS_PORT=str(port))
    await bot_process.start()
    shortapi.script([0, {"status": 3, "error": "content policy violation"}])
    options = await generate(telegram)
    await telegram.wait_for_bot_message(USER, lambda m: "content policy" in m.get("text", ""))
    assert status_says(telegram, options, "failed")
    url = f"http://127.0.0.1:{port}"
    text, samples = await scrape(url)
    finished = {
        o: value(samples, "veo_jobs_finished_total", model=PHOTO, outcome=o)
        for o in metrics.OUTCOMES
    }
    assert finished == {"delivered": 0, "failed": 1, "expired": 0, "unknown": 0}
    # Accepted, so paid: created and spent, though it failed at the API.
    assert value(samples, "veo_jobs_created_total", model=PHOTO) == 1
    assert Decimal(str(value(samples, "veo_spend_usd_total", model=PHOTO))) == Decimal(
        next(iter(shortapi.jobs.values())).amount
    )
    assert value(samples, "veo_job_duration_seconds_count", model=PHOTO) == 0
    assert_nothing_private(text, samples, shortapi)


@pytest.mark.parametrize(
    ("code", "times", "kind"), [(500, 2, "server"), (429, 1, "retry_after")], ids=["5xx", "429"]
)
async def test_telegram_faults_on_the_upload_are_counted(
    public, bot, telegram, shortapi, code, times, kind
):
    wait = 1 if code == 429 else None
    telegram.fail_next("sendVideo", error_code=code, retry_after=wait, times=times)
    options = await generate(telegram)
    await telegram.wait_for(lambda: status_says(telegram, options, "delivered"), timeout=30)
    _, samples = await scrape(public)
    refused = [c for c in telegram.calls if c.http_status == code]
    assert len(refused) == times, [c.short() for c in telegram.calls]
    assert value(samples, "veo_telegram_errors_total", kind=kind) == times
    assert value(samples, "veo_jobs_finished_total", model=PHOTO, outcome="delivered") == 1


async def test_metrics_false_turns_the_endpoint_off(bot_env, public, bot_process):
    bot_env.update(METRICS="false")
    await bot_process.start()
    async with httpx.AsyncClient() as http:
        assert (await http.get(f"{public}/healthz")).status_code == 200
        assert (await http.get(f"{public}/metrics")).status_code == 404


async def test_metrics_port_moves_the_endpoint_off_the_public_server(bot_env, public, bot_process):
    port = free_port()
    bot_env.update(METRICS_PORT=str(port), DAILY_BUDGET="12.50")
    await bot_process.start()
    _, samples = await scrape(f"http://127.0.0.1:{port}")
    for model in MODELS:
        assert value(samples, "veo_jobs_created_total", model=model) == 0
    # The cap the "spend near the cap" alert compares today's spend with.
    assert value(samples, "veo_daily_budget_usd") == 12.5
    assert any(name == "process_cpu_seconds_total" for name, _ in samples)
    async with httpx.AsyncClient() as http:
        assert (await http.get(f"{public}/healthz")).status_code == 200
        assert (await http.get(f"{public}/metrics")).status_code == 404


@pytest.mark.parametrize("bot_store", ["sqlite"], indirect=True)  # a file made unwritable
async def test_a_polling_bot_without_a_public_address_answers_healthz_beside_its_metrics(
    bot_env, bot_process, telegram
):
    # No PUBLIC_BASE_URL: the metrics server is the only HTTP server, and the image's
    # HEALTHCHECK asks it (deploy/healthcheck.py), so its /healthz must say the truth.
    port = free_port()
    bot_env.update(METRICS_PORT=str(port))
    await bot_process.start()
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"http://127.0.0.1:{port}/healthz")
        assert answer.status_code == 200, answer.text
        assert answer.json() == {
            "database": "ok",
            "poller": "ok",
            "store": "sqlite",
            "updates": "polling",
            "leader": True,
        }
        with unwritable(Path(bot_env["DATABASE_PATH"])):
            # A photo meets the unwritable file: its sender is told to wait, and health says so.
            telegram.send_photo(USER, telegram.user(USER), jpeg(1), caption="A fox in the snow")
            await telegram.wait_for_bot_message(USER, lambda m: "no need to send" in m["text"])
            answer = await http.get(f"http://127.0.0.1:{port}/healthz")
            assert answer.status_code == 503 and answer.json()["database"].startswith("error: ")


async def test_stars_paid_in_and_paid_back_are_counted_once(
    bot_env, public, bot_process, telegram
):
    bot_env.update(STARS_PER_USD=STARS_PER_USD, ADMIN_USER_IDS=str(ADMIN))
    await bot_process.start()
    ann, admin = telegram.user(USER, "Ann"), telegram.user(ADMIN, "Op")
    paid = await buy(telegram, ann, 500)
    telegram.redeliver(paid.update_id, same_id=False)  # the same payment again: counted once
    assert await balance(telegram, ann) == 500  # Ann's updates in order: handled by now
    telegram.send_text(ADMIN, admin, f"/refund {paid.charge_id}")
    await telegram.wait_for_bot_message(USER, lambda m: "refunded" in m.get("text", ""))
    _, samples = await scrape(public)
    moved = {m: value(samples, "veo_stars_total", move=m) for m in metrics.STAR_MOVES}
    assert moved == {"purchase": 500, "refund": 500, "refund_voided": 0}


def test_metrics_port_must_not_be_the_web_port():
    secrets = {"telegram_bot_token": "1234567:" + "x" * 35, "shortapi_key": "k" * 32}
    public = {"public_base_url": "https://bot.example.com", "web_port": 8080}
    with pytest.raises(ValidationError, match="METRICS_PORT must differ from WEB_PORT"):
        Settings(_env_file=None, **secrets, **public, metrics_port=8080)
    assert Settings(_env_file=None, **secrets, metrics_port=8080).metrics_port == 8080
    assert not Settings(
        _env_file=None, **secrets, **public, metrics_port=8080, metrics=False
    ).metrics


def test_the_api_client_and_the_metrics_import_no_telegram():
    code = (
        "import sys, bot.veo, bot.ops.metrics; print([m for m in sys.modules if m == 'telegram'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def telegram_errors() -> dict[str, float]:
    return {
        kind: REGISTRY.get_sample_value("veo_telegram_errors_total", {"kind": kind}) or 0.0
        for kind in metrics.TELEGRAM_ERRORS
    }


@pytest.mark.parametrize(
    ("code", "error", "kind"),
    [
        (429, RetryAfter, "retry_after"),
        (400, BadRequest, "bad_request"),
        (403, Forbidden, "forbidden"),
        (409, Conflict, "other"),
        (500, NetworkError, "server"),
        (502, NetworkError, "server"),
    ],
)
async def test_each_refused_bot_api_request_counts_once_by_kind(telegram, code, error, kind):
    request = AiohttpRequest()
    await request.initialize()
    url = f"{telegram.base_url}/bot{BOT_TOKEN}/getMe"
    try:
        before = telegram_errors()
        await request.post(url)  # a success counts nothing
        assert telegram_errors() == before
        telegram.fail_next("getMe", error_code=code, retry_after=1 if code == 429 else None)
        with pytest.raises(error):
            await request.post(url)
    finally:
        await request.shutdown()
    after = telegram_errors()
    assert {k: after[k] - before[k] for k in after if after[k] != before[k]} == {kind: 1}


async def test_timeouts_and_network_errors_of_the_bot_api_are_counted(telegram):
    request = AiohttpRequest()
    await request.initialize()
    before = telegram_errors()
    try:
        telegram.stall_next("getMe", 2)
        with pytest.raises(TimedOut):
            await request.post(f"{telegram.base_url}/bot{BOT_TOKEN}/getMe", read_timeout=0.2)
        with pytest.raises(NetworkError):  # nothing listens there
            await request.post(f"http://127.0.0.1:{free_port()}/bot{BOT_TOKEN}/getMe")
    finally:
        await request.shutdown()
    after = telegram_errors()
    assert {k: after[k] - before[k] for k in after if after[k] != before[k]} == {
        "timed_out": 1,
        "network": 1,
    }


def shortapi_requests() -> dict[tuple[str, str], float]:
    return {
        (call, result): REGISTRY.get_sample_value(
            "veo_shortapi_requests_total", {"call": call, "result": result}
        )
        or 0.0
        for call in metrics.SHORTAPI_CALLS
        for result in metrics.SHORTAPI_RESULTS
    }


def answer_with(answer: httpx.Response | Exception):
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handler


@pytest.mark.parametrize(
    ("answer", "result"),
    [
        (httpx.Response(200, json={"code": 0, "data": {"job_id": "j1"}}), "ok"),
        (httpx.Response(200, json={"code": 400, "message": "bad prompt"}), "api_code"),
        (httpx.Response(401, json={"message": "invalid api key"}), "http_4xx"),
        (httpx.Response(503, text="busy"), "http_5xx"),
        (httpx.Response(200, text="<html>"), "bad_response"),
        (httpx.Response(200, json={"code": 0, "data": {}}), "bad_response"),  # no job_id
        (httpx.ReadTimeout("slow"), "timeout"),
        (httpx.ConnectError("refused"), "network"),
    ],
)
async def test_each_create_request_counts_once_by_result(answer, result):
    stubs = ShortAPIStubs()
    if isinstance(answer, httpx.ConnectError):
        api = stubs.unreachable(on_request=metrics.shortapi_request)
    else:
        api = await stubs.client(answer_with(answer), on_request=metrics.shortapi_request)
    before = shortapi_requests()
    with contextlib.suppress(ShortAPIError):
        await api.create(VideoOptions(), prompt="a cat", image="https://x.test/a.jpg")
    await stubs.close()
    after = shortapi_requests()
    assert {k: after[k] - before[k] for k in after if after[k] != before[k]} == {
        ("create", result): 1
    }


async def test_each_query_attempt_counts_retries_included():
    answers = iter(
        [
            httpx.Response(502, text="bad gateway"),
            httpx.Response(200, json={"code": 0, "data": {}}),  # no status
            httpx.Response(200, json={"code": 0, "data": {"status": 1}}),
        ]
    )
    stubs = ShortAPIStubs()
    api = await stubs.client(
        lambda request: next(answers), backoff=0.001, on_request=metrics.shortapi_request
    )
    before = shortapi_requests()
    state = await api.query("j1")
    await stubs.close()
    assert state.in_progress
    after = shortapi_requests()
    assert {k: after[k] - before[k] for k in after if after[k] != before[k]} == {
        ("query", "http_5xx"): 1,
        ("query", "bad_response"): 1,
        ("query", "ok"): 1,
    }
