"""The log formatter removes secrets from every line, tracebacks included."""

import logging

from bot.ops.logs import REDACTED, RedactingFormatter, Throttled, redact

KEY = "sk-live-0123456789abcdef"
# Built here rather than written out, so no token-shaped string sits in the repository.
TOKEN = "7012345678:" + "AAH" + "q" * 32


def formatted(message: str, *args, exc: BaseException | None = None) -> str:
    formatter = RedactingFormatter("%(levelname)s %(message)s", [KEY, "short"])
    record = logging.LogRecord(
        "t", logging.ERROR, __file__, 1, message, args, (type(exc), exc, None) if exc else None
    )
    return formatter.format(record)


def test_our_secrets_and_any_token_shape_are_removed():
    line = formatted(
        "GET https://api.telegram.org/bot%s/getMe key=%s other=123456:%s",
        TOKEN,
        KEY,
        "B" * 35,
    )
    assert TOKEN not in line and KEY not in line and "B" * 35 not in line
    assert line.count(REDACTED) == 3


def test_bearer_credentials_are_removed():
    assert "abc.def" not in formatted("headers: {'Authorization': 'Bearer abc.def'}")


def test_exception_text_is_redacted_too():
    try:
        raise RuntimeError(f"failed for https://x/file/bot{TOKEN}/photos/1.jpg")
    except RuntimeError as exc:
        line = formatted("boom", exc=exc)
    assert "RuntimeError" in line and TOKEN not in line


def test_a_too_short_value_is_not_treated_as_a_secret():
    assert formatted("a short word") == "ERROR a short word"


def test_a_throttled_line_is_logged_once_per_interval_with_what_was_left_out(caplog):
    now = [0.0]
    note = Throttled(logging.getLogger("t"), logging.WARNING, every=60, clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="t"):
        for second in range(150):  # three a second for 150 s
            now[0] = float(second)
            for _ in range(3):
                note("forged request from %s", "1.2.3.4")
    assert [r.getMessage() for r in caplog.records] == [
        "forged request from 1.2.3.4",
        "forged request from 1.2.3.4 (179 more like it left out of the log)",
        "forged request from 1.2.3.4 (179 more like it left out of the log)",
    ]


def test_a_short_secret_is_redacted_only_where_it_stands_alone():
    # A database password the operator chose may be short: the words around it stay whole.
    assert redact("Name or service not known", ["k"]) == "Name or service not known"
    assert redact("login as veo_bot failed", ["bot"]) == "login as veo_bot failed"
    assert redact("postgresql://veo:pw1@db/x, pw1 refused", ["pw1"]) == (
        f"postgresql://veo:{REDACTED}@db/x, {REDACTED} refused"
    )


def test_a_long_secret_is_redacted_even_glued_to_other_text():
    assert redact(f"GET /bot{KEY}/getMe", [KEY]) == f"GET /bot{REDACTED}/getMe"
    assert redact(f"GET /file/bot{TOKEN}/x.jpg", []) == f"GET /file/bot{REDACTED}/x.jpg"
