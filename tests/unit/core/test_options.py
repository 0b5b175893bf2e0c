"""Options carried from one model to another: Continue from a video made from text alone
starts from its last frame, with the model that takes an image."""

from bot.core.drafts import DraftService, IncomingImage, TelegramUser
from bot.core.options import carried, options_of
from bot.veo import DEFAULT_MODEL, MODELS, TEXT_MODEL

IMAGE, TEXT = MODELS[DEFAULT_MODEL], MODELS[TEXT_MODEL]


def test_what_both_models_have_is_kept_and_the_rest_is_the_defaults():
    text = TEXT.read(
        {**TEXT.defaults().args, "mode": "quality", "aspect_ratio": "9:16", "enhance": True}
    )
    image = carried(text, IMAGE)
    assert image.video_model is IMAGE
    assert image.args == {**IMAGE.defaults().args, "mode": "quality", "aspect_ratio": "9:16"}


def test_a_value_the_other_model_does_not_allow_is_its_default():
    image = IMAGE.read({**IMAGE.defaults().args, "aspect_ratio": "auto"})
    assert carried(image, TEXT).args["aspect_ratio"] == TEXT.defaults().args["aspect_ratio"]
    assert carried(image, IMAGE) is image


async def test_each_kind_of_video_starts_from_the_users_last_options_of_its_kind(db):
    drafts = DraftService(db)
    ann = TelegramUser(1, "Ann", None)
    text = await drafts.from_text(user=ann, chat_id=1, source_message_id=1, text="a boat")
    quality = await drafts.change_option(text.id, 1, m="quality")
    await db.drafts.set_message(text.id, 2)
    await drafts.generate(quality.id, 1)
    photo = await drafts.start(
        user=ann,
        chat_id=1,
        source_message_id=3,
        image=IncomingImage("f1", "image/jpeg", 100),
        caption="a fox",
    )
    # The newest job is from text: a photo's card starts from its own model's defaults...
    assert options_of(photo) == IMAGE.defaults()
    await db.drafts.set_message(photo.id, 4)
    await drafts.generate((await drafts.change_option(photo.id, 1, t="4")).id, 1)
    # ...and the next text's card from the last video made from text, though a photo's came
    # after it.
    again = await drafts.from_text(user=ann, chat_id=1, source_message_id=5, text="a ship")
    assert options_of(again).args == {**TEXT.defaults().args, "mode": "quality"}
