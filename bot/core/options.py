"""A stored draft's or job's model and args, read and written as one validated document."""

from collections.abc import Mapping

from bot.veo import Options, VideoModel, read_options
from storage import Draft, Job


def options_of(item: Draft | Job) -> Options:
    """The typed options stored on a draft or job, validated against its model's declaration."""
    return read_options(item.model, item.args)


def document(options: Options) -> dict[str, object]:
    """What a draft stores for these options: its model, its args, and the key of the history
    of jobs that take as long (bot/core/estimates.py)."""
    model = options.video_model
    return {"model": model.id, "args": options.args, "estimate_key": model.history_key(options)}


def carried(options: Options, model: VideoModel) -> Options:
    """`options` as another model's: each of its args that `model` has, where `model` allows
    that value (and its rules keep), the rest `model`'s defaults. Continue from a video made
    from text alone starts from its last frame, with a model that takes an image."""
    if options.video_model is model:
        return options
    values = options.args
    args = model.defaults().args
    for arg in model.args:
        if arg.name in values:
            try:
                arg.choice(values[arg.name])
            except ValueError:
                continue
            args[arg.name] = values[arg.name]
    return model.read(args) if model.allows(args) else model.defaults()


def changed(current: Options, change: Mapping[str, str]) -> Options:
    """The options after one press ({callback code: value text}; a toggle names no value);
    ValueError when the press names nothing these options' model has."""
    model = current.video_model
    args = current.args
    for code, text in change.items():
        arg = model.by_code(code)
        if arg is None:
            raise ValueError(f"{model.id} has no arg {code!r}")
        if arg.toggle:
            others = [c.value for c in arg.choices if c.value != args[arg.name]]
            args[arg.name] = others[0]
            continue
        value = arg.parse(text)
        if value is None:
            raise ValueError(f"{model.id}: {arg.name} has no value {text!r}")
        args[arg.name] = value
    if not model.allows(args):
        return current  # a combination one of the model's rules forbids: nothing changes
    return model.read(args)
