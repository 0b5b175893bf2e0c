"""A model is data: a second, made-up model is declared here, with one more option and its own
words, and goes through the app as bot/app.py wires it (card, a press, price, the create call)
with no change to any source file."""

import asyncio
from decimal import Decimal

import pytest

from bot import texts
from bot.app import build_application
from bot.texts.catalog import catalog
from bot.veo import MODELS, Arg, Choice
from bot.veo.model import Input, PerSecond, Rate, Timing, VideoModel
from bot.veo.veo31_image import VEO31_IMAGE
from tests.chat import button, chosen, keyboard_labels, price_in
from tests.fakes.shortapi import MODEL_ID, Schema
from tests.images import jpeg
from tests.inprocess import fake_settings, start, stop

OWNER = 601
# The seed's args and one more: where the camera goes.
CAMERA = Arg(
    "camera",
    "c",
    (Choice("static", word="camera-static"), Choice("pan", word="camera-pan")),
    default="static",
)
ACME = VideoModel(
    id="acme/veo-test",
    inputs=(Input("image"),),
    args=(*VEO31_IMAGE.args, CAMERA),
    price=PerSecond(
        seconds="duration",
        rates=(
            Rate(Decimal("0.05"), {"camera": ("static",)}),
            Rate(Decimal("0.10"), {"camera": ("pan",)}),
        ),
        row_words="acme-price-row",
    ),
    timing=Timing(
        by=("duration",), guess_by=("duration",), guesses={(4,): 40, (6,): 50, (8,): 60}
    ),
)
# Its words, given to the English catalog as its .ftl would give them.
WORDS = {
    "camera-static": "camera-static = Static\n",
    "camera-pan": "camera-pan = Pan\n",
    "acme-price-row": "acme-price-row = { $camera }: { $prices }\n",
}


@pytest.fixture
def acme(monkeypatch, shortapi):
    """The made-up model known to the bot, its words to the catalog, its schema to ShortAPI."""
    monkeypatch.setitem(MODELS, ACME.id, ACME)
    for message_id, entry in WORDS.items():
        monkeypatch.setitem(catalog("en")._sources, message_id, entry)
    seed = shortapi.schemas[MODEL_ID]
    shortapi.schemas[ACME.id] = Schema(
        seed.args | {"camera"},
        seed.required,
        {**seed.choices, "camera": ("static", "pan")},
        seed.booleans,
        lambda args: str(Decimal("0.10") * int(args["duration"])),
    )
    return ACME


@pytest.fixture
async def app(tmp_path, telegram, shortapi, acme):
    """The application as bot/app.py wires it, making new drafts with the made-up model."""
    app = build_application(
        fake_settings(tmp_path, telegram, shortapi, show_prices=True), model=acme.id
    )
    await start(app)
    yield app
    await stop(app)


async def deliver(app, offset: list[int]) -> None:
    """Fetch the pending updates as the poller would, and handle them."""
    for update in await app.bot.get_updates(offset=offset[0], timeout=0):
        offset[0] = update.update_id + 1
        await app.process_update(update)


async def test_a_declared_model_goes_from_card_to_create_call(app, telegram, shortapi):
    user, offset = telegram.user(OWNER), [0]
    telegram.send_text(OWNER, user, "/help")
    await deliver(app, offset)
    help_text = telegram.bot_messages(OWNER)[-1]["text"]
    assert "Static: 4s 0.20 · 6s 0.30 · 8s 0.40" in help_text
    assert "Pan: 4s 0.40 · 6s 0.60 · 8s 0.80" in help_text

    telegram.send_photo(OWNER, user, jpeg(), caption="A fox in the snow")
    await deliver(app, offset)
    card = next(m for m in telegram.bot_messages(OWNER) if m.get("reply_markup"))

    # The card: the seed's rows, then the camera's, its default chosen; its price.
    rows = keyboard_labels(card)
    assert ["✅ Static", "Pan"] in rows and rows.index(["✅ Static", "Pan"]) == 5
    assert "Fast · 8s · 720p · 16:9 · Audio off · Static" in card["text"]
    assert price_in(card["text"]) == "$0.40"

    # A press on the new option: the card is drawn again with it chosen, at its price.
    telegram.press(OWNER, user, card["message_id"], button(card, "Pan"))
    await deliver(app, offset)
    card = telegram.message(OWNER, card["message_id"])
    assert "✅ Pan" in chosen(card) and "Static" in keyboard_labels(card)[5]
    assert "· Audio off · Pan" in card["text"] and price_in(card["text"]) == "$0.80"

    # Generate: ShortAPI is asked for the made-up model, with the new arg on the wire.
    telegram.press(OWNER, user, card["message_id"], button(card, "Generate"))
    await deliver(app, offset)
    for _ in range(500):
        if shortapi.creates:
            break
        await asyncio.sleep(0.01)
    body = shortapi.creates[0].body
    assert body["model"] == "acme/veo-test"
    assert {k: v for k, v in body["args"].items() if k not in ("prompt", "image")} == {
        "mode": "fast",
        "duration": "8",
        "resolution": "720p",
        "aspect_ratio": "16:9",
        "generate_audio": False,
        "camera": "pan",
    }
    assert body["args"]["prompt"] == "A fox in the snow"
    assert shortapi.creates[0].response["code"] == 0


def test_its_price_table_and_every_choice_come_from_the_declaration(acme):
    rows = texts.of("en").price_rows(acme, lambda usd: f"${usd}")
    assert rows == [
        "Static: 4s $0.20 · 6s $0.30 · 8s $0.40",
        "Pan: 4s $0.40 · 6s $0.60 · 8s $0.80",
    ]
    assert len(list(acme.every())) == 2 * 3 * 3 * 3 * 2 * 2
