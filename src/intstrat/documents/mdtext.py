"""Record text made safe for Markdown output, and Markdown made safe for any output.

Record text comes from pull requests. In HTML it is autoescaped; in a Markdown
document, which GitHub, GitLab, wikis and Pandoc all turn into HTML, text like
`<script>`, `<img src=x onerror=...>`, `[x](javascript:...)` or `![x](/etc/passwd)`
would become markup, script or a link to a local file. So before a Markdown
template sees a document, every string in it is escaped (`escape`): it reads
exactly as written, and nothing in it is markup. Fields that allow Markdown
(`summary`, result descriptions; marked with `MARKDOWN`) are instead parsed and
written out again (`sanitize`): emphasis, code and http(s)/mailto links are
kept, everything else is text.

Links in every output (also HTML and PDF) are limited to `SAFE_SCHEMES`.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

from markupsafe import Markup

#: The only link targets a record's Markdown may have: no `javascript:`, no `file:`,
#: no paths that a PDF renderer would resolve on the machine that renders it.
SAFE_SCHEMES = ("http://", "https://", "mailto:")

#: Dataclass field metadata for text that is Markdown as written in the record.
MARKDOWN: dict[str, bool] = {"markdown": True}


def safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


@cache
def parser() -> Any:
    """commonmark with tables; raw HTML off, images off, links only to `SAFE_SCHEMES`.

    Raw HTML off: markup typed into a record is shown, never run. No images: they
    would make a page (or WeasyPrint) fetch whatever a record points at.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    md.enable("table").disable("image")
    md.validateLink = safe_link  # type: ignore[method-assign]
    return md


#: Text made of these only, in lines that start and end with none of the other Markdown
#: triggers, is plain paragraphs: the characters that start emphasis, code, links,
#: HTML, entities, escapes, tables, headings and rules are all absent.
_PLAIN_CHARS = re.compile(r"[\w \n,.;:!?'\"()/%–—…’-]+")  # and no "_" (see below)
_LIST_START = re.compile(r"\A(?:[-+]|\d{1,9}[.)])")


def plain_paragraphs(text: str) -> str | None:
    """HTML of `text` when it is plain paragraphs, exactly as Markdown renders it; else None.

    Most record texts are plain prose, and the Markdown parser costs a third of a
    project page of the site and of the report's html. A test checks that this gives
    the parser's output for every text it accepts (tests/test_mdtext.py).
    """
    if "_" in text or not _PLAIN_CHARS.fullmatch(text):  # one class: 9 times the speed
        return None
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line.strip(" "):
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if line != line.strip(" ") or _LIST_START.match(line):
            return None  # indented (code), hard breaks, list items: the parser decides
        paragraphs[-1].append(line)
    return "".join(
        "<p>" + "\n".join(lines).replace('"', "&quot;") + "</p>\n" for lines in paragraphs if lines
    )


_BREAKS = re.compile(r"\s*\n\s*")
#: Characters that start Markdown or HTML anywhere in a line. `$` is math on GitHub.
_SPECIAL = re.compile(r"([\\`*\[\]<>&|~$])")
#: `_` starts emphasis only at the edge of a word (`snake_case` is safe as it is).
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
#: What makes a line a heading, list item, quote or rule when it starts the line.
_LINE_START = re.compile(r"\A([#+\-=]|\d+(?=[.)]))")


def _escape_chars(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return _UNDERSCORE.sub(r"\\_", text)


def escape(text: str) -> str:
    """Plain text as Markdown that reads exactly as written, on one line.

    `<script>` stays the text `<script>`, `*a*` stays `*a*`, `[x](javascript:...)`
    is no link, and a title starting with `#` is no heading.
    """
    return _guard_start(_escape_chars(_BREAKS.sub(" ", text).strip()))


def sanitize(text: str) -> str:
    """Markdown from a record, rewritten as safe Markdown on one line.

    Emphasis, code and links to http(s)/mailto survive; raw HTML, images, other
    links and block structure (headings, lists, quotes) become plain text.
    """
    parts = []
    for token in parser().parse(text):
        if token.type == "inline":
            parts.append(_inline(token.children or []))
        elif token.type in ("fence", "code_block"):
            parts.append(_code(token.content))
        elif token.type == "list_item_open" and token.info:  # an ordered list's number
            parts.append(_escape_chars(f"{token.info}{token.markup}"))
    return _guard_start(" ".join(part for part in parts if part.strip()))


def _guard_start(line: str) -> str:
    """Escape a construct at the very start that would make the line a block."""
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(1)[0].isdigit():  # `2023. A year`: escape the dot, not the digits
        end = match.end()
        return f"{line[:end]}\\{line[end:]}"
    return "\\" + line


def _inline(children: list[Any]) -> str:
    out: list[str] = []
    hrefs: list[str] = []
    for token in children:
        kind = token.type
        if kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "code_inline":
            out.append(_code(token.content))
        elif kind in ("strong_open", "strong_close"):
            out.append("**")
        elif kind in ("em_open", "em_close"):
            out.append("*")
        elif kind == "link_open":
            hrefs.append(str(token.attrs.get("href", "")))
            if out and out[-1].endswith("!"):
                # `![x](https://...)` was parsed as `!` and a link (images are off); written
                # back side by side they would make an image again: a remote picture (a
                # tracking pixel) in every viewer of the Markdown report.
                out[-1] = out[-1][:-1] + "\\!"
            out.append("[")
        elif kind == "link_close":
            out.append(f"](<{hrefs.pop()}>)")
        else:  # text, and anything else shows as the text it is
            out.append(_escape_chars(_BREAKS.sub(" ", token.content)))
    return "".join(out)


def _code(content: str) -> str:
    """A code span that shows `content` literally, whatever backticks it holds."""
    content = _BREAKS.sub(" ", content).strip()
    if not content:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def escape_document(document: Any) -> Any:
    """A copy of a document context (nested dataclasses and named tuples) made safe.

    Strings become `escape(text)`, fields marked `MARKDOWN` become `sanitize(text)`;
    numbers, flags and `Markup` (already safe, e.g. a chart) stay as they are.
    """
    seen: dict[int, Any] = {}

    def walk(value: Any, markdown: bool = False) -> Any:
        if isinstance(value, Markup):
            return value
        if isinstance(value, str):
            return sanitize(value) if markdown else escape(value)
        if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple
            key = id(value)
            if key not in seen:
                seen[key] = type(value)(*(walk(item, markdown) for item in value))
            return seen[key]
        if isinstance(value, list | tuple):
            return type(value)(walk(item, markdown) for item in value)
        if isinstance(value, dict):
            return {key: walk(item, markdown) for key, item in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            key = id(value)
            if key not in seen:
                seen[key] = dataclasses.replace(
                    value,
                    **{
                        f.name: walk(getattr(value, f.name), bool(f.metadata.get("markdown")))
                        for f in dataclasses.fields(value)
                        if f.init
                    },
                )
            return seen[key]
        return value

    return walk(document)
