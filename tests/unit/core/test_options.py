"""Options carried from one model to another: Continue from a video made from text alone
starts from its last frame, with the model that takes an image."""

from bot.core.options import carried
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
