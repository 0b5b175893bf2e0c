"""A ShortAPI video model as data: its inputs, its args (allowed values, default, how each goes on
the wire, the ids of its words), its rules, its price and how long its videos take.

One module per model declares one VideoModel (bot/veo/veo31_image.py). Everything else is derived
from the declaration: the card's buttons and options line, the price, the create call's args,
the expected time, what a draft and a job store.
"""

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, create_model, model_validator

Value = str | int | bool
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of an arg and its words: a catalog message id (`word`), or a label
    that reads the same in every language (`text`); `button` when its button says it otherwise."""

    value: Value
    word: str = ""
    text: str = ""
    button: str = ""


@dataclass(frozen=True, slots=True)
class Arg:
    """One option the user chooses, with its values in button order."""

    name: str  # its key in the stored args document
    code: str  # its key in callback data: short, and unique within the model
    choices: tuple[Choice, ...]
    default: Value
    wire: str = ""  # its name in the create call, when that is not `name`
    as_text: bool = False  # held as a number, sent as a string ("8")
    toggle: bool = False  # two values on one button that flips between them

    @property
    def wire_name(self) -> str:
        """The arg's name in the create call."""
        return self.wire or self.name

    def choice(self, value: object) -> Choice:
        """The declared choice for a value; ValueError if it is not allowed."""
        for choice in self.choices:
            # True == 1: a boolean is only ever a boolean arg's value.
            if choice.value == value and isinstance(value, bool) == isinstance(choice.value, bool):
                return choice
        raise ValueError(f"{self.name}: {value!r} is not one of its values")

    def callback_text(self, value: Value) -> str:
        """How a press on this value names it in callback data (a toggle names none)."""
        return "" if self.toggle else str(value)

    def parse(self, text: str) -> Value | None:
        """The value a press names, or None when it names none of this arg's."""
        for choice in self.choices:
            if not self.toggle and str(choice.value) == text:
                return choice.value
        return None

    def on_wire(self, value: Value) -> Value:
        """The value as the create call carries it."""
        return str(value) if self.as_text else value


# What a draft's inputs document holds under each kind of input, besides its photo:
# "image" under `key` a Telegram file id (the last frame); "images" a list of file ids (an
# album's photos, in order); "video" the id of the job whose delivered video it is; "text"
# the user's words ("what to avoid").
InputKind = Literal["image", "images", "video", "text"]


@dataclass(frozen=True, slots=True)
class Input:
    """Something the create call carries besides the prompt and the args: a file, or words
    the user types (not chosen with a button).

    `key` names it in the draft's and job's inputs document; an image with no key is the
    draft's own photo. A required input the draft lacks keeps Generate from being offered."""

    wire: str  # its name in the create call's args
    kind: InputKind = "image"
    key: str = ""
    required: bool = True

    @property
    def photo(self) -> bool:
        """Whether it is the draft's own photo (its file id column, not the document)."""
        return self.kind == "image" and not self.key


@dataclass(frozen=True, slots=True)
class Rule:
    """A constraint between args: when the args match `when`, each arg of `then` must take one
    of the values given for it."""

    when: Mapping[str, tuple[Value, ...]]
    then: Mapping[str, tuple[Value, ...]]

    def holds(self, args: Mapping[str, Value]) -> bool:
        """Whether these args keep the rule."""
        if not _matches(self.when, args):
            return True
        return _matches(self.then, args)


@dataclass(frozen=True, slots=True)
class Rate:
    """USD per second of video, for the args that match `when`."""

    usd: Decimal
    when: Mapping[str, tuple[Value, ...]]


@dataclass(frozen=True, slots=True)
class PerSecond:
    """A price per second of video: the first rate the args match, times the seconds arg.

    `row_words` is the catalog message of one row of the /help price table, with one variable
    per arg of a rate's `when` (named as `row_names` says, else as the arg)."""

    seconds: str
    rates: tuple[Rate, ...]
    row_words: str = "help-price-row"
    row_names: Mapping[str, str] = field(default_factory=dict)

    def rate(self, args: Mapping[str, Value]) -> Decimal:
        """USD per second for these args."""
        for rate in self.rates:
            if _matches(rate.when, args):
                return rate.usd
        raise ValueError(f"no rate for {dict(args)}")

    def price(self, args: Mapping[str, Value]) -> Decimal:
        """The exact price of one video with these args, in USD."""
        return (self.rate(args) * int(args[self.seconds])).quantize(_CENT)


@dataclass(frozen=True, slots=True)
class Timing:
    """How long a video takes: the args that change it (this bot's history of finished jobs is
    kept by them) and a built-in guess in seconds, keyed by the values of `guess_by`, until
    there is history."""

    by: tuple[str, ...]
    guess_by: tuple[str, ...]
    guesses: Mapping[tuple[Value, ...], float]

    def guess(self, args: Mapping[str, Value]) -> float:
        """The built-in seconds for these args."""
        return self.guesses[tuple(args[name] for name in self.guess_by)]


@dataclass(frozen=True, slots=True)
class Shape:
    """A video's frame in pixels and its length in seconds, as its options declare them; no
    width and height when the provider chooses the frame."""

    seconds: int
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True, slots=True)
class Frame:
    """How the args give a video's frame and length: `seconds` names the arg of its length,
    `short_side` gives the frame's short side in pixels by the value of the `resolution` arg,
    `ratios` its width:height by the value of the `aspect` arg. A value with no ratio (auto)
    leaves the frame to the provider, so none is declared for it."""

    seconds: str
    resolution: str
    short_side: Mapping[Value, int]
    aspect: str
    ratios: Mapping[Value, tuple[int, int]]

    def shape(self, args: Mapping[str, Value]) -> Shape:
        """The frame and length of the video these args make."""
        seconds = int(args[self.seconds])
        ratio = self.ratios.get(args[self.aspect])
        if ratio is None:
            return Shape(seconds)
        wide, high = ratio
        short = self.short_side[args[self.resolution]]
        long = round(short * max(wide, high) / min(wide, high))
        return Shape(seconds, long, short) if wide >= high else Shape(seconds, short, long)


class Options(BaseModel):
    """One validated choice of every arg of one model: the document a draft and a job store.

    Each model has its own subclass (VideoModel.options), with one field per arg."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    video_model: ClassVar["VideoModel"]

    @model_validator(mode="after")
    def _keeps_the_rules(self) -> "Options":
        if not self.video_model.allows(self.args):
            raise ValueError(f"{self.video_model.id}: {self.args} break one of its rules")
        return self

    @property
    def args(self) -> dict[str, Value]:
        """The args document: arg name -> value."""
        return self.model_dump()

    def to_args(
        self, *, prompt: str, inputs: Mapping[str, object] | None = None
    ) -> dict[str, object]:
        """The `args` object of a create call: the prompt, each declared input present in
        `inputs` (by its wire name: a URL, a list of URLs, the user's words), the args."""
        body: dict[str, object] = {"prompt": prompt}
        given = inputs or {}
        for one in self.video_model.inputs:
            if given.get(one.wire) not in (None, "", []):
                body[one.wire] = given[one.wire]
        values = self.args
        for arg in self.video_model.args:
            body[arg.wire_name] = arg.on_wire(values[arg.name])
        return body


@dataclass(frozen=True, eq=False)
class VideoModel:
    """One ShortAPI model, declared once (eq=False: a declaration is its own identity)."""

    id: str
    inputs: tuple[Input, ...]
    args: tuple[Arg, ...]
    price: PerSecond
    timing: Timing
    rules: tuple[Rule, ...] = ()
    frame: Frame | None = None  # None: the model declares no frame or length of its videos
    # The catalog word that names what it makes ("🎬 Video from your photo"): the card's title.
    title: str = "title-image"
    # The model that makes the same video, with the same args, ending on a last frame the
    # user gives ("Last frame" on the card); "" when there is none.
    last_frame: str = ""
    # The catalog word for the same in a list of videos (/jobs): "from a photo".
    kind: str = "kind-image"
    options: type[Options] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        codes = [a.code for a in self.args]
        if len(set(codes)) != len(codes):
            raise ValueError(f"{self.id}: two args share a callback code")
        fields: dict[str, Any] = {
            a.name: (Literal[tuple(c.value for c in a.choices)], a.default) for a in self.args
        }
        options = create_model(f"Options[{self.id}]", __base__=Options, **fields)
        options.video_model = self
        object.__setattr__(self, "options", options)

    @property
    def takes_image(self) -> bool:
        """Whether the create call carries the draft's photo (a model from text alone takes
        none; one from references takes its photos as a list)."""
        return any(one.photo for one in self.inputs)

    def input(self, key: str) -> Input | None:
        """The declared input kept under this key of the inputs document, if any."""
        return next((one for one in self.inputs if one.key == key), None)

    def lacks(self, inputs: Mapping[str, object]) -> list[Input]:
        """The required inputs of the document that an inputs document does not hold (the
        draft's photo is not in it: it is always there for a model that takes one)."""
        return [one for one in self.inputs if one.required and one.key and not inputs.get(one.key)]

    def arg(self, name: str) -> Arg:
        """The declared arg of this name."""
        return next(a for a in self.args if a.name == name)

    def by_code(self, code: str) -> Arg | None:
        """The arg a press's callback code names, if this model has it."""
        return next((a for a in self.args if a.code == code), None)

    def choice(self, name: str, value: Value) -> Choice:
        """The declared choice of one arg's value (for its words)."""
        return self.arg(name).choice(value)

    def defaults(self) -> Options:
        """The args a new user starts with."""
        return self.options()

    def read(self, args: Mapping[str, object]) -> Options:
        """A stored args document, validated against this declaration.

        Remembered for the documents seen most: the job poller and a card's every answer read
        options again and again, and pydantic's validation was 1-2% of the bot's CPU there
        (py-spy). Options are frozen, so one can be handed out again. The key holds each
        value's type too: True and 1 are equal in Python, not to the validation."""
        try:
            key = tuple(sorted((name, type(value), value) for name, value in args.items()))
            hash(key)
        except TypeError:  # not a document of plain values: validation says what is wrong
            return self.options.model_validate(dict(args))
        return _read(self, key)

    def price_of(self, options: Options) -> Decimal:
        """The exact price of one video with these options, in USD."""
        return self.price.price(options.args)

    def allows(self, args: Mapping[str, Value]) -> bool:
        """Whether these args keep every rule of the model."""
        return all(rule.holds(args) for rule in self.rules)

    def every(self) -> Iterator[Options]:
        """Every choice of args the declaration allows."""
        names = [a.name for a in self.args]
        for values in product(*([c.value for c in a.choices] for a in self.args)):
            args = dict(zip(names, values, strict=True))
            if self.allows(args):
                yield self.read(args)

    def history_key(self, options: Options) -> str:
        """The key of the history of jobs that take as long as these options' video:
        `<model>|<arg>=<value>|...` over timing.by, booleans as 1/0 (storage/migrations.py
        fills the same key in for the jobs made before the args were a document)."""
        args = options.args
        parts = (f"{name}={_plain(args[name])}" for name in self.timing.by)
        return "|".join((self.id, *parts))

    def shape_of(self, options: Options) -> Shape | None:
        """The frame and length these options' video will have, as the model declares them."""
        return self.frame.shape(options.args) if self.frame is not None else None

    def expected_seconds(self, options: Options) -> float:
        """The built-in guess of how long these options' video takes."""
        return self.timing.guess(options.args)


def _plain(value: Value) -> str:
    return str(int(value)) if isinstance(value, bool) else str(value)


def _matches(condition: Mapping[str, tuple[Value, ...]], args: Mapping[str, Value]) -> bool:
    return all(args[name] in values for name, values in condition.items())


@functools.lru_cache(maxsize=1024)
def _read(model: "VideoModel", key: tuple[tuple[str, type, object], ...]) -> Options:
    """VideoModel.read's validation, remembered per model and document (a validation error is
    raised again each time, not remembered)."""
    return model.options.model_validate({name: value for name, _, value in key})
