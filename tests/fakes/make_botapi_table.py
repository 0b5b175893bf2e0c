"""Derive tests/fakes/botapi_methods.json from the official Bot API, as data.

The fake Telegram checks every call against that table: a required parameter missing, or one
of the wrong type, is refused the way Telegram refuses it. The table is committed because CI
does not have the source; regenerate it when the Bot API changes:

    python tests/fakes/make_botapi_table.py [path/to/api.json]

The source is `api.json` of the telegram-bot-api-spec project (a scrape of the official Bot
API page; /work/shared/botapi/api.json here). Only facts are carried over: each method's
parameters with their types and whether they are required, not Telegram's descriptions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT_SOURCE = Path("/work/shared/botapi/api.json")
TARGET = Path(__file__).with_name("botapi_methods.json")


def build(api: dict) -> dict:
    """The table: {"version", "methods": {method: {param: {"types", "required"}}}}."""
    methods = {
        name: {
            field["name"]: {"types": list(field["types"]), "required": bool(field["required"])}
            for field in method.get("fields", [])
        }
        for name, method in sorted(api["methods"].items())
    }
    return {"version": api.get("version", ""), "methods": methods}


def render(table: dict) -> str:
    """JSON with one line per parameter, so a Bot API update reads as a small diff."""
    lines = ["{", f'  "version": {json.dumps(table["version"])},', '  "methods": {']
    methods = list(table["methods"].items())
    for i, (name, fields) in enumerate(methods):
        close = "}" + ("," if i < len(methods) - 1 else "")
        if not fields:
            lines.append(f"    {json.dumps(name)}: {{{close}")
            continue
        lines.append(f"    {json.dumps(name)}: {{")
        items = list(fields.items())
        for j, (param, spec) in enumerate(items):
            comma = "," if j < len(items) - 1 else ""
            lines.append(f"      {json.dumps(param)}: {json.dumps(spec)}{comma}")
        lines.append(f"    {close}")
    lines += ["  }", "}", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """Read the source given (or the default one) and write the table next to this file."""
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    table = build(json.loads(source.read_text(encoding="utf-8")))
    text = render(table)
    assert json.loads(text) == table  # the hand-made layout must still be the same data
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET}: {len(table['methods'])} methods of {table['version']}")


if __name__ == "__main__":
    main(sys.argv)
