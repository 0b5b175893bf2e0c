"""What a video costs the user: its price in USD from its model's declaration (bot/veo), and in
Telegram Stars when payments are on. No telegram here."""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from bot.veo import MODELS, Options, price_of


def dearest_video() -> Decimal:
    """The price in USD of the dearest video any choice of options of any model makes."""
    return max(price_of(options) for model in MODELS.values() for options in model.every())


@dataclass(frozen=True, slots=True)
class Cost:
    """What a video costs the user: in USD, and in Stars when payments are on."""

    usd: Decimal
    stars: int | None = None


@dataclass(frozen=True, slots=True)
class StarPricing:
    """STARS_PER_USD: 0 means payments are off and users see prices in USD."""

    rate: Decimal = Decimal(0)

    @property
    def enabled(self) -> bool:
        """Whether videos are paid for with Stars."""
        return self.rate > 0

    def stars(self, usd: Decimal) -> int:
        """ceil(price × STARS_PER_USD): the user never pays less than the rate says."""
        return int((usd * self.rate).to_integral_value(rounding=ROUND_CEILING))

    def cost(self, usd: Decimal) -> Cost:
        """The price as the user sees it."""
        return Cost(usd, self.stars(usd) if self.enabled else None)

    def of(self, options: Options) -> Cost:
        """The price of a video with these options."""
        return self.cost(price_of(options))
