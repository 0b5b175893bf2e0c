"""Extend under a delivered video: offered only where Veo can extend it (720p, under its
ceiling of about 148 s in all), and an extension's video is the whole clip."""

from decimal import Decimal

import pytest

from bot import texts
from bot.core.followups import can_extend
from bot.core.inputs import seconds_of
from bot.telegram.keyboards import video_keyboard
from bot.veo import MODEL_ID, MODELS
from bot.veo.models import EXTEND_MODEL, TEXT_MODEL
from bot.veo.veo31_extend import MAX_SECONDS, SOURCE_SECONDS, VIDEO
from storage import Job, JobStatus

EN = texts.of("en")


def job(model: str = MODEL_ID, inputs: dict | None = None, **args) -> Job:
    """A delivered job of `model` with these args (its defaults otherwise)."""
    options = MODELS[model].read({**MODELS[model].defaults().args, **args})
    return Job(
        id=7, draft_id=1, user_id=1, number=1, chat_id=1, message_id=2, file_id="",
        mime_type="", prompt="a fox", model=model, args=options.args, price=Decimal("0.64"),
        amount=None, provider_job_id="p", status=JobStatus.DELIVERED, error=None,
        result_url="http://cdn/v.mp4", telegram_file_id="v", poll_failures=0, polls=0,
        next_poll_at=None, media_token=None, media_mime=None, callback_secret=None,
        created_at=0.0, submitted_at=None, finished_at=None, delivered_at=None, updated_at=0.0,
        delay_told_at=None, lease_owner=None, lease_until=None, stars=0, inputs=inputs or {},
    )  # fmt: skip


def labels(one: Job) -> list[str]:
    markup = video_keyboard(EN, one.id, with_continue=True, with_extend=can_extend(one))
    return [button.text for row in markup.inline_keyboard for button in row]


def extension(source_seconds: int) -> Job:
    return job(EXTEND_MODEL, {VIDEO: 3, SOURCE_SECONDS: source_seconds})


@pytest.mark.parametrize("model", [MODEL_ID, TEXT_MODEL])
def test_extend_is_offered_under_a_720p_video(model):
    assert can_extend(job(model, resolution="720p"))
    assert labels(job(model)) == ["🔁 Again", "⏭ Continue", "✏️ New prompt", "➕ Extend +7s"]


@pytest.mark.parametrize("resolution", ["1080p", "4k"])
def test_extend_is_not_offered_under_a_1080p_or_4k_video(resolution):
    assert not can_extend(job(resolution=resolution))
    assert "➕ Extend +7s" not in labels(job(resolution=resolution))


def test_an_extension_is_the_whole_clip_and_extend_stops_at_the_ceiling():
    assert seconds_of(job(duration=8)) == 8
    assert seconds_of(extension(8)) == 15  # the source's 8 s and the 7 it added
    # 8 s and twenty extensions: 148 s, Veo's ceiling; one more would pass it.
    assert seconds_of(extension(MAX_SECONDS - 14)) == MAX_SECONDS - 7
    assert can_extend(extension(MAX_SECONDS - 14))
    assert not can_extend(extension(MAX_SECONDS - 7))
    assert "➕ Extend +7s" not in labels(extension(MAX_SECONDS - 7))
