"""The operator's documentation: README.md is the short first page and docs/ the reference; every
relative link between them resolves, and docs/settings.md names every setting the bot reads."""

import re
from decimal import Decimal
from pathlib import Path

from bot import texts
from bot.config import Settings
from bot.core.pricing import StarPricing
from bot.core.progress import expected_seconds
from bot.telegram.keyboards import draft_keyboard
from bot.veo import DEFAULT_MODEL, MODELS
from storage.records import Draft, DraftStatus

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
# The first page stays a page: what the bot is, the two commands, the settings that matter,
# how to deploy and test, and links. Everything longer belongs in docs/.
README_MAX_LINES = 180

_FENCE = re.compile(r"^(```|~~~)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE_SPAN = re.compile(r"`[^`]*`")


def _pages() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def _prose(path: Path) -> list[str]:
    """The file's lines outside fenced code blocks, with inline code spans blanked."""
    lines, fenced = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line.lstrip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(_CODE_SPAN.sub("", line))
    return lines


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the file's headings: lower case, punctuation dropped, spaces
    as hyphens, a repeated one numbered."""
    found: set[str] = set()
    for line in _prose(path) if path.suffix == ".md" else []:
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not heading:
            continue
        slug = re.sub(r"[^\w\- ]", "", heading.group(1).lower()).replace(" ", "-")
        base, n = slug, 0
        while slug in found:
            n += 1
            slug = f"{base}-{n}"
        found.add(slug)
    return found


def _links(path: Path) -> list[str]:
    return [target for line in _prose(path) for target in _LINK.findall(line)]


def _broken_links(path: Path) -> list[str]:
    broken = []
    for target in _links(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:: not ours to check
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and anchor not in _anchors(linked):
            broken.append(f"{target} (no heading #{anchor} in {linked.name})")
    return broken


def test_every_relative_link_and_anchor_resolves() -> None:
    assert DOCS.is_dir()
    broken = {
        str(page.relative_to(ROOT)): found for page in _pages() if (found := _broken_links(page))
    }
    assert not broken


def test_every_reference_page_is_linked_from_the_readme() -> None:
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in _links(README)}
    unlinked = [p.name for p in DOCS.glob("*.md") if p.resolve() not in linked]
    assert not unlinked


def test_every_setting_has_a_row_in_docs_settings() -> None:
    rows: set[str] = set()
    for line in (DOCS / "settings.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            rows.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    names = {(field.alias or name).upper() for name, field in Settings.model_fields.items()}
    assert names - rows == set()


def test_the_readme_shows_the_card_the_bot_sends() -> None:
    # The example is the English card for a new user's photo with SHOW_PRICES=true and no
    # history yet: its text, then one line of [ buttons ] per keyboard row.
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## What a user sees\n", 1)[1]
    shown = section.split("```\n", 1)[1].split("\n```", 1)[0]
    prompt = re.search(r"^Prompt: (.*)$", shown, flags=re.M)
    assert prompt
    model = MODELS[DEFAULT_MODEL]
    options = model.defaults()
    draft = Draft(
        id=1,
        user_id=1,
        chat_id=1,
        source_message_id=1,
        message_id=2,
        file_id="f",
        mime_type="image/jpeg",
        prompt=prompt.group(1),
        model=model.id,
        args=dict(options.args),
        status=DraftStatus.OPEN,
        created_at=0.0,
    )
    t = texts.of("en")
    cost = StarPricing(Decimal(0), show_usd=True).of(options)
    text = t.draft_text(draft, options, cost, expected_seconds(options, []))
    keyboard = draft_keyboard(t, draft.id, options, cost).inline_keyboard
    rows = [" ".join(f"[ {button.text} ]" for button in row) for row in keyboard]
    assert shown == text + "\n\n" + "\n".join(rows)


def test_the_readme_stays_a_first_page() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, (
        f"README.md has {len(lines)} lines; move reference text into docs/"
    )
