"""The words of a model's options, from its declaration (bot/veo): each value's label, the
options line of a card, the rows of the /help price table."""

from collections.abc import Callable
from decimal import Decimal

from bot.texts.catalog import Catalog
from bot.veo import Choice, Options, VideoModel


class OptionWords:
    """Labels and lines of options, in the language of `message` (set by Words)."""

    message: Catalog

    def choice_label(self, choice: Choice) -> str:
        """`Fast` in the language, or `720p` as it is everywhere."""
        return self.message(choice.word) if choice.word else choice.text

    def button_label(self, choice: Choice) -> str:
        """The label of a value's button: a toggle's says its state (`🔇 Audio off`)."""
        return self.message(choice.button) if choice.button else self.choice_label(choice)

    def options_line(self, options: Options) -> str:
        """`Fast · 8s · 720p · 16:9 · Audio off`: every arg's value, in the declared order."""
        args = options.args
        return " · ".join(
            self.choice_label(arg.choice(args[arg.name])) for arg in options.video_model.args
        )

    def price_rows(self, model: VideoModel, price: Callable[[Decimal], str]) -> list[str]:
        """One line per rate of the model's price rule: what it applies to, and the price of
        each length of video on a line of its own, so that neither wraps on a phone
        (`Fast 720p/1080p no audio:` and `4s $0.32 · 6s $0.48 · 8s $0.64`)."""
        rule = model.price
        seconds = model.arg(rule.seconds)
        lines = []
        for rate in rule.rates:
            words: dict[str, str] = {}
            for name, values in rate.when.items():
                arg = model.arg(name)
                if all(isinstance(v, bool) for v in values):
                    said = "yes" if values[0] else "no"  # a selector in the message
                else:
                    said = "/".join(self.choice_label(arg.choice(v)) for v in values)
                words[rule.row_names.get(name, name)] = said
            prices = " · ".join(
                f"{self.choice_label(c)} {price(rate.usd * int(c.value))}" for c in seconds.choices
            )
            lines.append(self.message(rule.row_words, prices=prices, **words))
        return lines
