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
    shown: bool = True  # False: payments off and the operator keeps prices to themself
    sandbox: bool = False  # SHORTAPI_SANDBOX: what it would cost; the simulated video is free


@dataclass(frozen=True, slots=True)
class StarPricing:
    """STARS_PER_USD: 0 means payments are off and users see prices in USD if `show_usd`
    (SHOW_PRICES)."""

    rate: Decimal = Decimal(0)
    show_usd: bool = True
    # SHORTAPI_SANDBOX: videos are simulated, so none is charged or counted as spent.
    sandbox: bool = False

    @property
    def enabled(self) -> bool:
        """Whether videos are paid for with Stars."""
        return self.rate > 0

    @property
    def shown(self) -> bool:
        """Whether users see prices: always in Stars, in USD only if the operator wants."""
        return self.enabled or self.show_usd

    def stars(self, usd: Decimal) -> int:
        """ceil(price × STARS_PER_USD): the user never pays less than the rate says."""
        return int((usd * self.rate).to_integral_value(rounding=ROUND_CEILING))

    def cost(self, usd: Decimal) -> Cost:
        """The price as the user sees it."""
        return Cost(usd, self.stars(usd) if self.enabled else None, self.shown, self.sandbox)

    def of(self, options: Options) -> Cost:
        """The price of a video with these options."""
        return self.cost(price_of(options))
