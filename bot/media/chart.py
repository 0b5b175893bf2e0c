"""The admin /stats chart: per day, income and spend as bars and the margin as a dot, as a PNG."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Pillow is imported by the first chart drawn, not by every start of the bot.
    from PIL import ImageDraw, ImageFont

    Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

# Well inside sendPhoto's limits (width + height <= 10000, ratio <= 20, <= 10 MB).
WIDTH, HEIGHT = 800, 450
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 58, 30
BACKGROUND = (255, 255, 255)
TEXT = (40, 40, 40)
GRID = (226, 226, 226)
ZERO = (0, 0, 0)
INCOME = (44, 160, 44)
SPENT = (214, 39, 40)
MARGIN = (31, 119, 180)
# Tried first for the chart's words: DejaVu Sans (on most Linux systems, and in the image)
# has Cyrillic, Arabic and Persian letters; Pillow's built-in font has Latin ones only.
FONT_FILES = ("DejaVuSans.ttf",)


class NoFont(ValueError):
    """No font here has letters for these words: draw the chart in the fallback language."""


@dataclass(frozen=True, slots=True)
class ChartDay:
    """One day's money; day is the UTC date as "2026-12-01"."""

    day: str
    income_usd: Decimal  # Stars taken in that day, valued in USD
    spent_usd: Decimal  # spent at ShortAPI that day


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """The words on the chart, from bot/texts.py: the legend and the value axis's unit."""

    income: str
    spent: str
    margin: str
    unit: str  # above the value axis, e.g. "USD"


def _step(span: Decimal) -> Decimal:
    """A round tick step (1, 2 or 5 times a power of ten) giving five to ten ticks over span."""
    raw = span / 8
    magnitude = Decimal(1).scaleb(raw.adjusted())
    for factor in (1, 2, 5):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _tick_text(value: Decimal, step: Decimal) -> str:
    """The tick's value with as many decimals as the step needs ("0.5", "20")."""
    decimals = max(0, -step.normalize().as_tuple().exponent)
    return f"{value:.{decimals}f}"


def money_chart(days: Sequence[ChartDay], title: str, labels: ChartLabels) -> bytes:
    """A PNG: per day, a bar for income and one for spend, and the margin marked."""
    if not days:
        raise ValueError("a chart needs at least one day")
    margins = [d.income_usd - d.spent_usd for d in days]
    values = [v for d in days for v in (d.income_usd, d.spent_usd)] + margins
    # The axis always holds zero; an all-zero chart gets a unit span instead of dividing by 0.
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    if high == low:
        high = Decimal(1)
    step = _step(high - low)
    low = (low / step).to_integral_value(ROUND_FLOOR) * step
    high = (high / step).to_integral_value(ROUND_CEILING) * step

    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    plot_left, plot_right = LEFT, WIDTH - RIGHT

    def y(value: Decimal) -> int:
        share = float((value - low) / (high - low))
        return round(plot_bottom - share * (plot_bottom - plot_top))

    from PIL import Image, ImageDraw

    font, big = _fonts([title, labels.income, labels.spent, labels.margin, labels.unit])
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((plot_left, 8), title, fill=TEXT, font=big)
    draw.text((8, TOP - 22), labels.unit, fill=TEXT, font=font)
    _legend(draw, font, labels, top=TOP - 22)

    tick = low
    while tick <= high:
        draw.line([(plot_left, y(tick)), (plot_right, y(tick))], fill=GRID)
        text = _tick_text(tick, step)
        draw.text((plot_left - 6, y(tick)), text, fill=TEXT, font=font, anchor="rm")
        tick += step

    slot = (plot_right - plot_left) / len(days)
    bar = min(slot * 0.3, 48.0)
    gap = slot * 0.16
    centres = [plot_left + slot * (i + 0.5) for i in range(len(days))]
    dots = [(c, y(m)) for c, m in zip(centres, margins, strict=True)]
    # Drawn before the bars, so the line between the dots shows only in the gaps and never
    # hides where a bar ends.
    if len(dots) > 1:
        draw.line(dots, fill=MARGIN, width=1)
    zero = y(Decimal(0))
    for centre, day in zip(centres, days, strict=True):
        for left, value, colour in (
            (centre - gap / 2 - bar, day.income_usd, INCOME),
            (centre + gap / 2, day.spent_usd, SPENT),
        ):
            top, bottom = sorted((y(value), zero))
            if bottom > top:
                draw.rectangle([round(left), top, round(left + bar) - 1, bottom - 1], fill=colour)
    draw.line([(plot_left, zero), (plot_right, zero)], fill=ZERO)
    radius = max(2.0, min(5.0, slot * 0.12))
    for x, dot_y in dots:
        draw.ellipse([x - radius, dot_y - radius, x + radius, dot_y + radius], fill=MARGIN)

    _day_labels(draw, font, [d.day[5:] for d in days], centres, slot, plot_bottom + 6)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _legend(draw: ImageDraw.ImageDraw, font: Font, labels: ChartLabels, top: int) -> None:
    """Swatch and word for income, spent and margin, right-aligned above the plot."""
    entries = [(labels.income, INCOME), (labels.spent, SPENT), (labels.margin, MARGIN)]
    x = WIDTH - RIGHT
    for text, colour in reversed(entries):
        x -= draw.textlength(text, font=font)
        draw.text((x, top), text, fill=TEXT, font=font)
        x -= 16
        box = [x, top + 2, x + 10, top + 12]
        if colour == MARGIN:
            draw.ellipse(box, fill=colour)
        else:
            draw.rectangle(box, fill=colour)
        x -= 16


def _day_labels(
    draw: ImageDraw.ImageDraw,
    font: Font,
    texts: list[str],
    centres: list[float],
    slot: float,
    top: int,
) -> None:
    """The "12-01" labels under the bars; with many days every k-th one, the newest always."""
    width = max(draw.textlength(text, font=font) for text in texts) + 8
    every = max(1, int(-(-width // slot)))
    newest = len(texts) - 1
    for i, (text, centre) in enumerate(zip(texts, centres, strict=True)):
        if (newest - i) % every == 0:
            draw.text((centre, top), text, fill=TEXT, font=font, anchor="mt")


def _fonts(words: Sequence[str]) -> tuple[Font, Font]:
    """The chart's small and large font: the first that has a letter for every character of
    the words (and, for right-to-left words, a layout engine that joins their letters)."""
    from PIL import ImageFont, features

    letters = {ch for word in words for ch in word if not ch.isspace()}
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in letters) and not (
        features.check("raqm")
    ):
        raise NoFont("right-to-left words need Pillow's raqm layout engine")
    candidates: list[Callable[[int], Font]] = [
        *(partial(ImageFont.truetype, name) for name in FONT_FILES),
        lambda size: ImageFont.load_default(size=size),
    ]
    for make in candidates:
        try:
            small = make(12)
        except OSError:
            continue  # not installed here
        missing = bytes(small.getmask("\ue000"))  # a private-use character: the empty box
        if all(bytes(small.getmask(ch)) != missing for ch in letters):
            return small, make(16)
    raise NoFont(f"no font has every letter of {words!r}")
