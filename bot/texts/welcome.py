"""A user's first minutes, in one language: /start's greeting, the bot's descriptions, the
answer to a command it does not know, and what /terms and /paysupport say when the operator
wrote nothing of their own."""

from collections.abc import Sequence

from bot.core.pricing import StarPricing
from bot.texts.limits import fit
from bot.texts.menu import MenuWords
from bot.texts.words import Say
from bot.veo import VideoModel


class WelcomeWords(MenuWords):
    """The greeting and the default answers, in the language of `code`."""

    details_label = Say("button-details")
    details_label_unpriced = Say("button-details-unpriced")
    bot_description = Say("bot-description")
    bot_short_description = Say("bot-short-description")

    def start_text(self, pricing: StarPricing | None, model: VideoModel) -> str:
        """/start: what the bot does, an example, what a video costs from (no price with
        `pricing` None) and how to begin."""
        last = self.message("start-begin")
        if pricing is not None and pricing.shown:
            cheapest = min(model.price_of(options) for options in model.every())
            price = self.cost(pricing.cost(cheapest))
            last = f"{self.message('start-price', price=price)} {last}"
        return fit(f"{self.message('start')}\n\n{last}")

    def unknown_command(self, commands: Sequence[str], *, priced: bool = True) -> str:
        """A command the bot does not know: the ones it does, each with what it does (no word
        of prices when users see none: `priced` False)."""
        lines = [self.message("unknown-command")]
        lines += [
            f"/{name} — {self.command_description(name, priced=priced)}" for name in commands
        ]
        lines += ["", self.message("unknown-command-photo")]
        return fit("\n".join(lines))

    def operators(self, usernames: Sequence[str]) -> str:
        """`@ann, @bob`, or "the bot's operator" when no admin's username is known: never a
        numeric id, which a user cannot write to."""
        if not usernames:
            return self.message("paysupport-operator")
        return ", ".join(f"@{name}" for name in usernames)

    def terms_default(self, usernames: Sequence[str]) -> str:
        """/terms when TERMS_TEXT is not set: there are none, where a photo goes, whom to ask."""
        return fit(self.message("terms-none", who=self.operators(usernames)))

    def paysupport_default(self, usernames: Sequence[str]) -> str:
        """/paysupport when PAYSUPPORT_TEXT is not set: the admins by @username, else the
        operator."""
        who = (
            self.message("paysupport-admins", names=self.operators(usernames))
            if usernames
            else self.message("paysupport-operator")
        )
        return fit(self.message("paysupport", who=who))
