"""The /stats chart, read back as an image: its bars, its zero line and its margin marks."""

import dataclasses
import io
from decimal import Decimal

import pytest
from PIL import Image

from bot import texts
from bot.media import chart
from bot.media.chart import INCOME, MARGIN, SPENT, ZERO, ChartDay, ChartLabels, money_chart

LABELS = ChartLabels(income="Income", spent="Spent", margin="Margin", unit="USD")


def render(*days: tuple[str, str]) -> Image.Image:
    """The chart of (income, spent) pairs, one per day from 2026-12-01, decoded."""
    chart_days = [
        ChartDay(f"2026-12-{i + 1:02d}", Decimal(income), Decimal(spent))
        for i, (income, spent) in enumerate(days)
    ]
    png = money_chart(chart_days, "Money", LABELS)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image.convert("RGB")


def zero_row(image: Image.Image) -> int:
    """The row of the zero line: the one mostly in the zero line's colour."""
    width, height = image.size
    pixels = list(image.getdata())
    counts = [pixels[y * width : (y + 1) * width].count(ZERO) for y in range(height)]
    row = max(range(height), key=counts.__getitem__)
    assert counts[row] > width / 2, "no zero line"
    return row


def bars(image: Image.Image, colour: tuple[int, int, int], zero: int) -> list[range]:
    """The columns of each bar standing on the zero line in colour, left to right."""
    found: list[range] = []
    start = None
    for x in range(image.size[0] + 1):
        on = x < image.size[0] and image.getpixel((x, zero - 1)) == colour
        if on and start is None:
            start = x
        elif not on and start is not None:
            found.append(range(start, x))
            start = None
    return found


def height(image: Image.Image, columns: range, colour: tuple[int, int, int], zero: int) -> int:
    """How many pixels the bar rises above the zero line, in its middle column."""
    x = columns[len(columns) // 2]
    y = zero - 1
    while y >= 0 and image.getpixel((x, y)) == colour:
        y -= 1
    return zero - 1 - y


def margin_rows(image: Image.Image, x: int) -> list[int]:
    """The rows where column x is in the margin's colour."""
    return [y for y in range(image.size[1]) if image.getpixel((x, y)) == MARGIN]


def test_a_png_telegram_takes_as_a_photo():
    png = money_chart([ChartDay("2026-12-01", Decimal("3.50"), Decimal("1.25"))], "Money", LABELS)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    width, height = image.size
    assert (width, height) == (800, 450)
    # sendPhoto: width + height <= 10000, ratio <= 20, at most 10 MB.
    assert width + height <= 10000 and max(width, height) / min(width, height) <= 20
    assert len(png) < 10 * 1024 * 1024


def test_a_bigger_spend_has_a_taller_bar_in_proportion():
    image = render(("5", "1"), ("5", "4"), ("5", "2"))
    zero = zero_row(image)
    spent = bars(image, SPENT, zero)
    assert len(spent) == 3
    heights = [height(image, columns, SPENT, zero) for columns in spent]
    assert heights[1] > heights[2] > heights[0] > 0
    assert abs(heights[1] - 4 * heights[0]) <= 3
    # Every income is 5: five times the first spend.
    income = [height(image, c, INCOME, zero) for c in bars(image, INCOME, zero)]
    assert len(income) == 3 and all(abs(h - 5 * heights[0]) <= 3 for h in income)


def test_a_negative_margin_is_marked_below_the_zero_line():
    image = render(("5", "2"), ("1", "4"))
    zero = zero_row(image)
    income, spent = bars(image, INCOME, zero), bars(image, SPENT, zero)
    assert len(income) == len(spent) == 2
    # The mark sits between the day's two bars.
    gained, lost = ((i.stop + s.start) // 2 for i, s in zip(income, spent, strict=True))
    assert margin_rows(image, lost) and all(y > zero for y in margin_rows(image, lost))
    assert margin_rows(image, gained) and all(y < zero for y in margin_rows(image, gained))


def test_an_all_zero_chart_renders_with_no_bars():
    image = render(*[("0", "0")] * 7)
    zero = zero_row(image)
    assert bars(image, INCOME, zero) == [] and bars(image, SPENT, zero) == []


def test_31_days_render_oldest_left_to_newest_right():
    image = render(*[("0.50", f"{i + 1}") for i in range(31)])
    zero = zero_row(image)
    spent = bars(image, SPENT, zero)
    assert len(spent) == 31 and len(bars(image, INCOME, zero)) == 31
    heights = [height(image, columns, SPENT, zero) for columns in spent]
    assert heights == sorted(heights) and len(set(heights)) == 31


def test_no_days_is_refused():
    with pytest.raises(ValueError):
        money_chart([], "Money", LABELS)


@pytest.mark.parametrize("code", texts.LANGUAGES)
def test_the_chart_draws_every_languages_words_with_real_letters(code):
    """Each language's legend is drawn by a font that has its letters (DejaVu Sans here): no
    word comes out as empty boxes."""
    t = texts.of(code)
    labels = t.chart_labels()
    small, _ = chart._fonts([t.chart_title, *dataclasses.astuple(labels)])
    box = bytes(small.getmask("\ue000"))
    for word in (t.chart_title, *dataclasses.astuple(labels)):
        assert all(bytes(small.getmask(ch)) != box for ch in word if not ch.isspace()), word
    days = [ChartDay("2026-12-01", Decimal("3.50"), Decimal("1.25"))]
    assert money_chart(days, t.chart_title, labels).startswith(b"\x89PNG")


def test_without_a_font_for_its_letters_the_chart_says_so(monkeypatch):
    """Pillow's own font has Latin letters only: Russian words would be boxes, so the chart
    refuses them (the handler then draws it in English) and still draws English ones."""
    monkeypatch.setattr(chart, "FONT_FILES", ())
    days = [ChartDay("2026-12-01", Decimal("3.50"), Decimal("1.25"))]
    ru = texts.of("ru")
    with pytest.raises(chart.NoFont):
        money_chart(days, ru.chart_title, ru.chart_labels())
    en = texts.of("en")
    assert money_chart(days, en.chart_title, en.chart_labels()).startswith(b"\x89PNG")
