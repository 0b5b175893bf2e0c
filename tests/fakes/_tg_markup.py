"""Telegram's text formatting: parse_mode HTML / MarkdownV2 / Markdown into text + entities.

Telegram parses the markup server-side, stores plain text plus entities (offsets in UTF-16
code units) and rejects malformed markup with "can't parse entities: ...". Bots that put user
text into HTML without escaping it fail exactly here, so the fake must parse too.
"""

from __future__ import annotations

import re
from typing import Any

from ._tg_request import ApiError, bad_request

_HTML_TAGS = {
    "a": "text_link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
# Only these named HTML entities are understood; any other "&name;" stays literal text.
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);")
_V2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_V2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _error(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


def _boff(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8"))


class _Builder:
    """Accumulates output text and entities with UTF-16 offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[dict[str, Any]] = []

    def add(self, text: str) -> None:
        """Append plain output text."""
        self.parts.append(text)
        self.pos += utf16_len(text)

    def entity(self, etype: str, start: int, **extra: Any) -> None:
        """Close an entity that began at UTF-16 offset `start`."""
        # Telegram drops empty entities instead of failing.
        if self.pos > start:
            self.entities.append(
                {"type": etype, "offset": start, "length": self.pos - start, **extra}
            )

    def result(self) -> tuple[str, list[dict[str, Any]]]:
        """The text and its entities, outer entities first."""
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), self.entities


def _html_attrs(src: str, j: int, begin: int) -> tuple[dict[str, str], int]:
    attrs: dict[str, str] = {}
    n = len(src)
    while True:
        while j < n and src[j].isspace():
            j += 1
        if j >= n:
            raise _error(f"Unclosed start tag at byte offset {_boff(src, begin)}")
        if src[j] == ">":
            return attrs, j
        k = j
        while k < n and src[k] not in "= >" and not src[k].isspace():
            k += 1
        name = src[j:k].lower()
        value = ""
        if k < n and src[k] == "=":
            k += 1
            if k < n and src[k] in "\"'":
                end = src.find(src[k], k + 1)
                if end < 0:
                    raise _error(f"Unclosed start tag at byte offset {_boff(src, begin)}")
                value, k = src[k + 1 : end], end + 1
            else:
                end = k
                while end < n and src[end] != ">" and not src[end].isspace():
                    end += 1
                value, k = src[k:end], end
        attrs[name] = _unescape(value)
        j = k


def _unescape(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        body = m.group(1)
        if body.startswith("#x"):
            return chr(int(body[2:], 16))
        if body.startswith("#"):
            return chr(int(body[1:]))
        return _NAMED.get(body, m.group(0))

    return _ENTITY_RE.sub(repl, text)


def parse_html(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's HTML parse mode."""
    out = _Builder()
    stack: list[tuple[str, int, dict[str, str], bool]] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "&":
            m = _ENTITY_RE.match(src, i)
            if m and (m.group(1)[0] == "#" or m.group(1) in _NAMED):
                out.add(_unescape(m.group(0)))
                i = m.end()
            else:
                out.add("&")
                i += 1
            continue
        if c != "<":
            j = i
            while j < n and src[j] not in "<&":
                j += 1
            out.add(src[i:j])
            i = j
            continue
        begin = i
        if i + 1 < n and src[i + 1] == "/":
            if not stack:
                raise _error(f"Unexpected end tag at byte offset {_boff(src, begin)}")
            j = i + 2
            while j < n and src[j] != ">" and not src[j].isspace():
                j += 1
            name = src[i + 2 : j].lower()
            while j < n and src[j].isspace():
                j += 1
            if j >= n or src[j] != ">":
                raise _error(f"Unclosed end tag at byte offset {_boff(src, begin)}")
            tag, start, attrs, in_pre = stack.pop()
            if name != tag:
                raise _error(
                    f"Unmatched end tag at byte offset {_boff(src, begin)}, "
                    f'expected "</{tag}>", found "</{name}>"'
                )
            _close_html(out, tag, start, attrs, in_pre)
            i = j + 1
            continue
        j = i + 1
        while j < n and src[j] != ">" and not src[j].isspace():
            j += 1
        if j >= n:
            raise _error(f"Unclosed start tag at byte offset {_boff(src, begin)}")
        name = src[i + 1 : j].lower()
        if name not in _HTML_TAGS:
            raise _error(f'Unsupported start tag "{name}" at byte offset {_boff(src, begin)}')
        attrs, j = _html_attrs(src, j, begin)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise _error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_boff(src, begin)}'
            )
        stack.append((name, out.pos, attrs, bool(stack) and stack[-1][0] == "pre"))
        i = j + 1
    if stack:
        raise _error(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _close_html(out: _Builder, tag: str, start: int, attrs: dict[str, str], in_pre: bool) -> None:
    etype = _HTML_TAGS[tag]
    if etype == "text_link":
        if attrs.get("href"):
            out.entity(etype, start, url=attrs["href"])
    elif etype == "code" and in_pre:
        # <pre><code class="language-x"> is one pre entity carrying the language.
        lang = attrs.get("class", "")
        if lang.startswith("language-"):
            out.entities.append({"type": "_lang", "offset": start, "language": lang[9:]})
    elif etype == "pre":
        langs = [e for e in out.entities if e["type"] == "_lang" and e["offset"] >= start]
        for e in langs:
            out.entities.remove(e)
        extra = {"language": langs[0]["language"]} if langs else {}
        out.entity("pre", start, **extra)
    elif etype == "custom_emoji":
        if attrs.get("emoji-id"):
            out.entity(etype, start, custom_emoji_id=attrs["emoji-id"])
    elif etype == "blockquote" and "expandable" in attrs:
        out.entity("expandable_blockquote", start)
    else:
        out.entity(etype, start)


def parse_markdown_v2(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's MarkdownV2 parse mode (links, emphasis, code; no block quotes)."""
    out = _Builder()
    stack: list[tuple[str, int, int]] = []  # type, output start, source byte offset
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        top = stack[-1][0] if stack else None
        if c == "\\" and i + 1 < n and 0 < ord(src[i + 1]) <= 126:
            out.add(src[i + 1])
            i += 2
            continue
        in_code = top in ("code", "pre")
        if c != "`" if in_code else c not in _V2_RESERVED:
            out.add(c)
            i += 1
            continue
        nxt = src[i + 1] if i + 1 < n else ""
        closes = {
            "bold": c == "*",
            "italic": c == "_" and nxt != "_",
            "code": c == "`",
            "pre": src.startswith("```", i),
            "text_link": c == "]",
            "underline": src.startswith("__", i),
            "strikethrough": c == "~",
            "spoiler": src.startswith("||", i),
        }.get(top or "", False)
        if closes:
            etype, start, _ = stack.pop()
            i += {"pre": 3, "underline": 2, "spoiler": 2}.get(etype, 1)
            if etype == "text_link":
                url = ""
                if i < n and src[i] == "(":
                    end = i + 1
                    while end < n and src[end] != ")":
                        end += 2 if src[end] == "\\" else 1
                    if end >= n:
                        raise _error(f"Can't find end of a URL at byte offset {_boff(src, i)}")
                    url = re.sub(r"\\(.)", r"\1", src[i + 1 : end])
                    i = end + 1
                if url:
                    out.entity("text_link", start, url=url)
            else:
                out.entity(etype, start)
            continue
        begin = _boff(src, i)
        if c == "_" and nxt == "_":
            stack.append(("underline", out.pos, begin))
            i += 2
        elif c in "_*~[":
            etype = {"_": "italic", "*": "bold", "~": "strikethrough", "[": "text_link"}[c]
            stack.append((etype, out.pos, begin))
            i += 1
        elif c == "|" and nxt == "|":
            stack.append(("spoiler", out.pos, begin))
            i += 2
        elif src.startswith("```", i):
            end = src.find("\n", i + 3)
            # The rest of the opening line names the language, when it is a single word.
            lang = src[i + 3 : end] if end >= 0 else ""
            i = end + 1 if end >= 0 and lang and " " not in lang else i + 3
            stack.append(("pre", out.pos, begin))
        elif c == "`":
            stack.append(("code", out.pos, begin))
            i += 1
        else:
            raise _error(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
    if stack:
        etype, _, begin = stack[-1]
        raise _error(f"Can't find end of {_V2_NAMES[etype]} entity at byte offset {begin}")
    return out.result()


def parse_markdown(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's legacy Markdown parse mode: *bold* _italic_ `code` ```pre``` [text](url)."""
    out = _Builder()
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "\\" and i + 1 < n and src[i + 1] in "_*`[":
            out.add(src[i + 1])
            i += 2
            continue
        if c not in "_*`[":
            out.add(c)
            i += 1
            continue
        begin = _boff(src, i)
        if src.startswith("```", i):
            end = src.find("```", i + 3)
            etype, body, i = "pre", src[i + 3 : end], end + 3
        elif c == "[":
            end = src.find("]", i + 1)
            if end >= 0 and src.startswith("(", end + 1) and src.find(")", end) >= 0:
                close = src.find(")", end)
                start = out.pos
                out.add(src[i + 1 : end])
                out.entity("text_link", start, url=src[end + 2 : close])
                i = close + 1
                continue
            end = -1
        else:
            end = src.find(c, i + 1)
            etype, body = {"*": "bold", "_": "italic", "`": "code"}[c], src[i + 1 : end]
            i = end + 1
        if end < 0:
            raise _error(f"Can't find end of the entity starting at byte offset {begin}")
        start = out.pos
        out.add(body)
        out.entity(etype, start)
    return out.result()


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    # Telegram strips leading and trailing whitespace from message texts and captions.
    stripped = text.strip()
    if stripped == text:
        return text, entities
    left = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    fixed = []
    for e in entities:
        start = max(0, e["offset"] - left)
        end = min(size, e["offset"] + e["length"] - left)
        if end > start:
            fixed.append({**e, "offset": start, "length": end - start})
    return stripped, fixed


def format_text(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    """The (text, entities) Telegram stores for a text/caption with its formatting options."""
    if entities:
        if not isinstance(entities, list):
            raise bad_request("can't parse entities JSON object")
        result = text, [dict(e) for e in entities]
    elif parse_mode:
        mode = parse_mode.lower()
        if mode == "html":
            result = parse_html(text)
        elif mode == "markdownv2":
            result = parse_markdown_v2(text)
        elif mode == "markdown":
            result = parse_markdown(text)
        else:
            raise bad_request(f'unsupported parse_mode "{parse_mode}"')
    else:
        result = text, []
    return _trim(*result)
