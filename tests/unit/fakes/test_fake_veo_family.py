"""FakeShortAPI serves the whole Veo 3.1 family (../shared/seed/veo-3.1-family.md): each model's
args checked as strictly as the seed's, its inputs fetched (or decoded) at create, its price
per the table; and a test can make it refuse a combination as Google's API might."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from telegram import Bot

from tests.fakes import FakeShortAPI, FakeTelegram
from tests.fakes.shortapi import (
    EXTEND_MODEL,
    FRAMES_MODEL,
    MODEL_ID,
    REFERENCE_MODEL,
    TEXT_MODEL,
    amount,
)
from tests.fakes.telegram import DEFAULT_TOKEN
from tests.images import jpeg, png
from tests.unit.fakes.calls import create

pytestmark = pytest.mark.asyncio

RED, BLUE, GREEN = jpeg(1), jpeg(2), jpeg(3)


def uri(data: bytes) -> str:
    """A JPEG as a base64 data URI."""
    return "data:image/jpeg;base64," + base64.b64encode(data).decode()


# A valid create of each model: its required args only.
MINIMAL: dict[str, dict[str, Any]] = {
    MODEL_ID: {"mode": "fast", "prompt": "waves", "image": uri(RED)},
    TEXT_MODEL: {"mode": "fast", "prompt": "waves"},
    FRAMES_MODEL: {"mode": "fast", "prompt": "waves", "image": uri(RED), "image_tail": uri(BLUE)},
    REFERENCE_MODEL: {"prompt": "waves", "images": [uri(RED)]},
    EXTEND_MODEL: {"mode": "fast", "prompt": "waves", "video": "<set by the test>"},
}
# Every arg each model takes, with a valid value.
FULL: dict[str, dict[str, Any]] = {
    MODEL_ID: {
        **MINIMAL[MODEL_ID],
        "duration": "4",
        "aspect_ratio": "auto",
        "resolution": "1080p",
        "generate_audio": True,
    },
    TEXT_MODEL: {
        **MINIMAL[TEXT_MODEL],
        "negative_prompt": "rain",
        "duration": "6",
        "aspect_ratio": "9:16",
        "resolution": "4k",
        "generate_audio": True,
        "expand_prompt": True,
    },
    FRAMES_MODEL: {
        **MINIMAL[FRAMES_MODEL],
        "duration": "6",
        "aspect_ratio": "auto",
        "resolution": "720p",
        "generate_audio": False,
    },
    REFERENCE_MODEL: {
        "prompt": "waves",
        "images": [uri(RED), uri(BLUE), uri(GREEN)],
        "duration": "8",
        "aspect_ratio": "9:16",
        "resolution": "4k",
        "generate_audio": True,
    },
    EXTEND_MODEL: {
        **MINIMAL[EXTEND_MODEL],
        "negative_prompt": "rain",
        "duration": "7",
        "aspect_ratio": "auto",
        "resolution": "720p",
        "generate_audio": True,
    },
}


async def a_video_url(http: httpx.AsyncClient, api: FakeShortAPI) -> str:
    """The result URL of a finished image-to-video job: a Veo video to extend."""
    job_id = (await create(http, {"model": MODEL_ID, "args": MINIMAL[MODEL_ID]}))["data"]["job_id"]
    api.jobs[job_id].finished = True
    return f"{api.base_url}/files/{job_id}.mp4"


async def args_of(
    http: httpx.AsyncClient, api: FakeShortAPI, model: str, args: dict[str, Any]
) -> dict[str, Any]:
    if args.get("video") == "<set by the test>":
        args = {**args, "video": await a_video_url(http, api)}
    return args


@pytest.mark.parametrize("model", list(MINIMAL))
@pytest.mark.parametrize("which", [MINIMAL, FULL], ids=["required-only", "every-arg"])
async def test_each_model_takes_its_valid_args(
    http: httpx.AsyncClient, api: FakeShortAPI, model: str, which: dict[str, Any]
) -> None:
    args = await args_of(http, api, model, which[model])
    answer = await create(http, {"model": model, "args": args})
    assert answer["code"] == 0, answer
    job = api.jobs[answer["data"]["job_id"]]
    assert job.args == args and answer["data"]["amount"] == job.amount == amount(model, args)


REFUSED = [
    # Unknown args: each model's own list, nothing borrowed from a sibling.
    (MODEL_ID, {"negative_prompt": "rain"}, "unknown argument"),
    (MODEL_ID, {"image_tail": uri(BLUE)}, "unknown argument"),
    (TEXT_MODEL, {"image": uri(RED)}, "unknown argument"),
    (TEXT_MODEL, {"seed": 3}, "unknown argument"),
    (FRAMES_MODEL, {"images": [uri(RED)]}, "unknown argument"),
    (REFERENCE_MODEL, {"mode": "quality"}, 'unknown argument "args.mode"'),
    (REFERENCE_MODEL, {"negative_prompt": "rain"}, "unknown argument"),
    (EXTEND_MODEL, {"image": uri(RED)}, "unknown argument"),
    (EXTEND_MODEL, {"expand_prompt": True}, "unknown argument"),
    # Values outside each model's sets.
    (TEXT_MODEL, {"aspect_ratio": "auto"}, "args.aspect_ratio must be one of"),
    (TEXT_MODEL, {"duration": "7"}, "args.duration must be one of"),
    (TEXT_MODEL, {"duration": 8}, "args.duration must be one of"),
    (TEXT_MODEL, {"expand_prompt": "true"}, "args.expand_prompt must be a boolean"),
    (TEXT_MODEL, {"negative_prompt": 3}, "args.negative_prompt must be a string"),
    (FRAMES_MODEL, {"resolution": "1440p"}, "args.resolution must be one of"),
    (FRAMES_MODEL, {"image_tail": "not a url"}, "args.image_tail must be an http(s) URL"),
    (REFERENCE_MODEL, {"duration": "4"}, "args.duration must be one of"),
    (REFERENCE_MODEL, {"aspect_ratio": "auto"}, "args.aspect_ratio must be one of"),
    (REFERENCE_MODEL, {"images": [uri(RED)] * 4}, "args.images must be a list of 1 to 3"),
    (REFERENCE_MODEL, {"images": []}, "args.images must be a list of 1 to 3"),
    (REFERENCE_MODEL, {"images": uri(RED)}, "args.images must be a list of 1 to 3"),
    (REFERENCE_MODEL, {"images": [uri(RED), "nope"]}, "args.images must be a list of 1 to 3"),
    (EXTEND_MODEL, {"duration": "8"}, "args.duration must be one of"),
    (EXTEND_MODEL, {"resolution": "1080p"}, "args.resolution must be one of"),
    (EXTEND_MODEL, {"resolution": "4k"}, "args.resolution must be one of"),
    (EXTEND_MODEL, {"video": uri(RED)}, "args.video must be an http(s) URL"),
    (EXTEND_MODEL, {"generate_audio": 1}, "args.generate_audio must be a boolean"),
    # Required args left out (None: the arg is removed).
    (TEXT_MODEL, {"prompt": None}, "args.prompt is required"),
    (TEXT_MODEL, {"mode": None}, "args.mode is required"),
    (FRAMES_MODEL, {"image_tail": None}, "args.image_tail is required"),
    (FRAMES_MODEL, {"image": None}, "args.image is required"),
    (REFERENCE_MODEL, {"images": None}, "args.images is required"),
    (REFERENCE_MODEL, {"prompt": None}, "args.prompt is required"),
    (EXTEND_MODEL, {"video": None}, "args.video is required"),
    (EXTEND_MODEL, {"prompt": "  "}, "args.prompt must be a non-empty string"),
]


@pytest.mark.parametrize(
    ("model", "change", "words"),
    REFUSED,
    ids=[f"{m.rsplit('/', 1)[1]}-{','.join(c)}" for m, c, _ in REFUSED],
)
async def test_each_model_refuses_what_is_not_in_its_schema(
    http: httpx.AsyncClient, api: FakeShortAPI, model: str, change: dict[str, Any], words: str
) -> None:
    args = await args_of(http, api, model, MINIMAL[model])
    jobs_before = len(api.jobs)
    args = {k: v for k, v in {**args, **change}.items() if v is not None}
    answer = await create(http, {"model": model, "args": args})
    assert answer["code"] != 0 and "data" not in answer, answer
    assert words in answer["message"]
    assert len(api.jobs) == jobs_before  # nothing made, nothing charged


@pytest.mark.parametrize(
    ("model", "args", "expected"),
    [
        # image-to-video, first-last-frame, text-to-video share one table.
        (TEXT_MODEL, {"mode": "fast", "duration": "4"}, "0.32"),
        (TEXT_MODEL, {"mode": "fast", "generate_audio": True, "duration": "6"}, "0.72"),
        (TEXT_MODEL, {"mode": "quality", "resolution": "4k", "generate_audio": True}, "3.84"),
        (TEXT_MODEL, {"mode": "fast", "resolution": "4k", "duration": "4"}, "0.96"),
        (FRAMES_MODEL, {"mode": "quality", "resolution": "1080p", "duration": "6"}, "0.96"),
        (FRAMES_MODEL, {"mode": "quality", "generate_audio": True}, "2.56"),
        (FRAMES_MODEL, {"mode": "fast", "resolution": "4k", "generate_audio": True}, "2.24"),
        # reference: Quality's rates only, 8 s only.
        (REFERENCE_MODEL, {}, "1.28"),
        (REFERENCE_MODEL, {"generate_audio": True, "resolution": "1080p"}, "2.56"),
        (REFERENCE_MODEL, {"resolution": "4k"}, "2.56"),
        (REFERENCE_MODEL, {"resolution": "4k", "generate_audio": True}, "3.84"),
        # extend: 7 s at 720p.
        (EXTEND_MODEL, {"mode": "fast"}, "0.56"),
        (EXTEND_MODEL, {"mode": "fast", "generate_audio": True}, "0.84"),
        (EXTEND_MODEL, {"mode": "quality"}, "1.12"),
        (EXTEND_MODEL, {"mode": "quality", "generate_audio": True}, "2.24"),
    ],
)
async def test_amounts_per_the_table(
    http: httpx.AsyncClient, api: FakeShortAPI, model: str, args: dict[str, Any], expected: str
) -> None:
    args = await args_of(http, api, model, {**MINIMAL[model], **args})
    answer = await create(http, {"model": model, "args": args})
    assert answer["data"]["amount"] == expected == amount(model, args)


async def telegram_file_url(tg: FakeTelegram, ptb: Bot, data: bytes) -> str:
    """A file's download URL on the fake Telegram, as the bot would hand it to ShortAPI."""
    file = await ptb.get_file(tg.add_file(data))
    assert file.file_path and file.file_path.startswith(f"{tg.base_url}/file/bot{DEFAULT_TOKEN}/")
    return file.file_path  # PTB makes it the whole URL


async def test_both_frames_are_fetched_and_recorded(
    http: httpx.AsyncClient, api: FakeShortAPI, tg: FakeTelegram, ptb: Bot
) -> None:
    first = await telegram_file_url(tg, ptb, RED)
    args = {**MINIMAL[FRAMES_MODEL], "image": first, "image_tail": uri(BLUE)}
    answer = await create(http, {"model": FRAMES_MODEL, "args": args})
    assert answer["code"] == 0, (answer, api.image_fetches)
    [record] = api.creates
    assert record.inputs == {"image": RED, "image_tail": BLUE}  # fetched, and decoded
    assert [(f.arg, f.url, f.status, f.data) for f in record.fetches] == [
        ("image", first, 200, RED)
    ]
    assert api.image_fetches == record.fetches and api.video_fetches == []

    last = await telegram_file_url(tg, ptb, BLUE)
    args = {**args, "image": uri(RED), "image_tail": last}
    assert (await create(http, {"model": FRAMES_MODEL, "args": args}))["code"] == 0
    assert api.creates[1].inputs == {"image": RED, "image_tail": BLUE}
    assert [f.arg for f in api.creates[1].fetches] == ["image_tail"]

    args = {**args, "image_tail": f"{tg.base_url}/file/bot{DEFAULT_TOKEN}/photos/gone.jpg"}
    answer = await create(http, {"model": FRAMES_MODEL, "args": args})
    assert answer == {"code": 400, "message": "failed to fetch image"} and len(api.jobs) == 2


async def test_reference_images_are_each_fetched_or_decoded(
    http: httpx.AsyncClient, api: FakeShortAPI, tg: FakeTelegram, ptb: Bot
) -> None:
    urls = [await telegram_file_url(tg, ptb, data) for data in (RED, GREEN)]
    args = {"prompt": "waves", "images": [urls[0], uri(BLUE), urls[1]]}
    assert (await create(http, {"model": REFERENCE_MODEL, "args": args}))["code"] == 0
    [record] = api.creates
    assert record.inputs == {"images": [RED, BLUE, GREEN]}
    assert [(f.arg, f.url) for f in record.fetches] == [
        ("images[0]", urls[0]),
        ("images[2]", urls[1]),
    ]
    args["images"][2] = "http://127.0.0.1:9/nobody.jpg"
    answer = await create(http, {"model": REFERENCE_MODEL, "args": args})
    assert answer == {"code": 400, "message": "failed to fetch image images[2]"}
    assert len(api.jobs) == 1 and api.creates[1].fetches[-1].error == "Connection refused"


async def test_extend_fetches_the_video_and_refuses_one_it_cannot_get(
    http: httpx.AsyncClient, api: FakeShortAPI
) -> None:
    video = await a_video_url(http, api)
    source = next(iter(api.jobs.values()))
    args = {**MINIMAL[EXTEND_MODEL], "video": video}
    answer = await create(http, {"model": EXTEND_MODEL, "args": args})
    assert answer["code"] == 0 and len(api.jobs) == 2
    [fetch] = api.video_fetches
    assert (fetch.arg, fetch.url, fetch.status) == ("video", video, 200)
    assert fetch.data == source.video_content() == api.creates[-1].inputs["video"]
    assert api.creates[-1].fetches == [fetch] and api.image_fetches == []
    # Its own result URL fetched by the fake is not a download of the bot's.
    assert api.downloads == []

    for url, why in [
        ("http://127.0.0.1:9/video.mp4", "Connection refused"),
        (f"{api.base_url}/files/{'0' * 32}.mp4", "HTTP 404 Not Found"),
        ("https://example.com/video.mp4", "loopback"),  # a fake never leaves this machine
    ]:
        answer = await create(http, {"model": EXTEND_MODEL, "args": {**args, "video": url}})
        assert answer["code"] == 400 and "data" not in answer
        assert answer["message"].startswith("failed to fetch video (video): ")
        assert why in answer["message"] and why in (api.video_fetches[-1].error or "")
    assert len(api.jobs) == 2 and len(api.video_fetches) == 4


async def test_an_expired_result_url_answers_404_and_cannot_be_extended(
    http: httpx.AsyncClient, api: FakeShortAPI
) -> None:
    video = await a_video_url(http, api)
    [source] = api.jobs
    assert (await http.get(video)).status_code == 200
    api.expire(source)
    assert (await http.get(video)).status_code == 404
    # The job itself is still known: only its file is gone.
    query = await http.get(
        f"{api.base_url}/api/v1/job/query",
        params={"id": source},
        headers={"Authorization": f"Bearer {api.api_key}"},
    )
    assert query.json()["data"]["status"] == 2
    args = {**MINIMAL[EXTEND_MODEL], "video": video}
    answer = await create(http, {"model": EXTEND_MODEL, "args": args})
    assert answer == {"code": 400, "message": "failed to fetch video (video): HTTP 404 Not Found"}
    assert len(api.jobs) == 1 and api.video_fetches[-1].status == 404


async def test_a_refused_combination_answers_its_message_and_charges_nothing(
    http: httpx.AsyncClient, api: FakeShortAPI
) -> None:
    message = "1080p and 4k are only available with an 8 second duration"
    api.refuse_combination(MODEL_ID, {"resolution": "1080p", "duration": "4"}, message)
    args = {**MINIMAL[MODEL_ID], "resolution": "1080p"}
    refused = await create(http, {"model": MODEL_ID, "args": {**args, "duration": "4"}})
    assert refused == {"code": 400, "message": message} and not api.jobs
    # An arg left out does not match; other values and other models are not refused.
    for model, taken in [
        (MODEL_ID, args),
        (MODEL_ID, {**args, "duration": "8"}),
        (TEXT_MODEL, {"mode": "fast", "prompt": "p", "resolution": "1080p", "duration": "4"}),
    ]:
        assert (await create(http, {"model": model, "args": taken}))["code"] == 0
    assert len(api.jobs) == 3
    with pytest.raises(ValueError, match="does not serve"):
        api.refuse_combination("google/veo-9", {}, "no")


async def test_a_png_data_uri_is_decoded_too(http: httpx.AsyncClient, api: FakeShortAPI) -> None:
    image = png(4, 4)
    data = "data:image/png;base64," + base64.b64encode(image).decode()
    args = {**MINIMAL[MODEL_ID], "image": data}
    assert (await create(http, {"model": MODEL_ID, "args": args}))["code"] == 0
    assert api.creates[0].inputs == {"image": image} and api.creates[0].fetches == []
