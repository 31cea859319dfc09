"""Presentation for a terminal: tables, panels, highlighted hits and bars (rich).

Built from `Text` pieces, never from console markup: the values quote records
from pull requests, and `[bold]` in a title must print as written. The data
comes ready from the library (rows, cards, hits); what is decided here is only
how it fits a terminal: where lines break (`wrap`, not rich, which breaks at
no-break spaces), which columns a table has room for, and saying what it left out.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from intstrat.formats import StatsBy, TableFormat
from intstrat.i18n import N_, _, current_language, language, ngettext

if TYPE_CHECKING:
    from intstrat.domain.vocabulary import Vocabulary
    from intstrat.formats import Language
    from intstrat.i18n import Words
    from intstrat.query.search import Hit
    from intstrat.query.show import Card
    from intstrat.query.tables import Column, Row


def console() -> Console:
    return Console(highlight=False)


_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def for_terminal(text: str) -> str:
    """Text as a terminal shows it best: paragraphs reflowed (the terminal wraps them)."""
    return _LINE_BREAK.sub(" ", text)


#: White space a line may break at: any but the no-break spaces, which hold an amount
#: ("3 200 000 kr"), a date ("15 mars 2021") or a name ("MIS 3") together.
_BREAK = re.compile(r"[^\S\u00a0\u2007\u202f]+")
#: Where a word too long for its line may break: at a soft hyphen (a hyphen where the
#: line breaks), after a hyphen before a letter ("EU-|ansökningar", not "2022-|09"), or
#: after the dash of a range ("2022-09-20–|2022-09-22"; "2018–⁠2021" has a word joiner).
_JOINT = re.compile(r"\u00ad|(?<=-)(?=[^\W\d_])|(?<=–)(?=\w)")
_SOFT_HYPHEN, _WORD_JOINER = "\u00ad", "\u2060"


def _shown(word: str) -> str:
    """A word as the terminal prints it: without the soft hyphens and word joiners that
    only mark where it may or may not break."""
    return word.replace(_SOFT_HYPHEN, "").replace(_WORD_JOINER, "")


def _pieces(word: str) -> list[tuple[str, bool]]:
    """A word's parts between its joints, each with whether a break after it shows a
    hyphen."""
    parts, start = [], 0
    for joint in _JOINT.finditer(word):
        parts.append((_shown(word[start : joint.start()]), joint.group() == _SOFT_HYPHEN))
        start = joint.end()
    parts.append((_shown(word[start:]), False))
    return [(text, hyphen) for text, hyphen in parts if text]


def _words(paragraph: str) -> list[str]:
    return [word for word in _BREAK.split(paragraph) if _shown(word)]


def narrowest(text: str) -> int:
    """The narrowest width at which `wrap` breaks `text` only between words or at their
    joints, never inside a part."""
    return max(
        (
            cell_len(part) + hyphen
            for paragraph in text.split("\n")
            for word in _words(paragraph)
            for part, hyphen in _pieces(word)
        ),
        default=0,
    )


def widest(text: str) -> int:
    """The width of `text`'s longest line when nothing has to break."""
    return max(
        (cell_len(" ".join(map(_shown, _words(line)))) for line in text.split("\n")), default=0
    )


def wrap(text: str, width: int, hang: str = "") -> list[str]:
    """`text` in lines of at most `width` cells, broken between words where a reader
    expects it, and never lost.

    rich breaks at every white space, no-break spaces included, so "3 200 000 kr" came
    out as "3 200" over "000 kr". Here only breaking white space breaks a line; a word
    longer than the line breaks at its joints (`_JOINT`, soft hyphens from
    `Words.compounds`), and only a part longer than the line folds. A line break in
    `text` stays one; `hang` begins every further line of a paragraph (under a bullet).
    """
    width = max(1, width)
    later = max(1, width - cell_len(hang))
    lines: list[str] = []
    for paragraph in text.split("\n"):
        own: list[str] = []  # this paragraph's lines
        line = ""
        for word in _words(paragraph):
            shown = _shown(word)
            limit = later if own else width
            if line and cell_len(line) + 1 + cell_len(shown) <= limit:
                line += " " + shown
                continue
            if line:
                own.append(line)
                limit = later
            if cell_len(shown) <= limit:
                line = shown
                continue
            *full, line = _break_word(word, limit)
            own.extend(full)
        own.append(line)
        lines += [own[0], *(hang + rest for rest in own[1:])]
    return lines


def _break_word(word: str, width: int) -> list[str]:
    """A word longer than `width` in lines: at its joints where they fit, else folded."""
    lines: list[str] = []
    line, hyphen = "", False
    for part, breaks_with_hyphen in _pieces(word):
        if line and cell_len(line + part) + breaks_with_hyphen <= width:
            line, hyphen = line + part, breaks_with_hyphen
            continue
        if line:
            lines.append(line + "-" * hyphen)
        *folded, line = chop_cells(part, width) or [""]
        if breaks_with_hyphen and cell_len(line) + 1 > width > 1:
            *more, line = chop_cells(line, width - 1)
            folded += more
        lines.extend(folded)
        hyphen = breaks_with_hyphen
    return [*lines, line]


class Wrapped:
    """Text in a table cell or panel that rich lays out by `narrowest` and `widest`, and
    that breaks as `wrap` does (rich's own wrapping breaks at no-break spaces).

    Long compounds get their joints first (`compounds`), so a narrow column breaks
    "Utbildnings-/förvaltningen" where a Swedish reader expects, not "…förvaltning/en".
    """

    def __init__(self, text: str, style: str = "", hang: str = "") -> None:
        from intstrat.i18n.words import compounds

        self.text, self.style, self.hang = compounds(text), style, hang

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(narrowest(self.text) + cell_len(self.hang), widest(self.text))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = wrap(self.text, options.max_width, self.hang)
        yield Text("\n".join(lines), style=self.style, no_wrap=True, overflow="crop")


#: The width a title keeps (or all of it, if shorter) before other columns join it.
MIN_WRAP = 24
#: Below this, a title beside the id would be a few letters a line ("Vägar i" over
#: "arbetsm" at 40 columns): each row is then its id over its title.
MIN_TITLE = 16


@dataclass(frozen=True)
class Fit:
    """The columns of a view that a terminal shows, and how wide."""

    shown: list[int]
    """Indexes of the view's columns shown, in the view's order."""
    widths: list[int]
    """The text width of each shown column."""
    left_out: list[int]
    """Indexes of the columns that did not fit, in the view's order."""
    stacked: bool = False
    """No table: each row is its always-shown values, one under the other."""


def _extent(text: str, wraps: bool) -> tuple[int, int]:
    """The narrowest and the widest `text` may be laid out."""
    if not wraps:
        return cell_len(text), cell_len(text)
    from intstrat.i18n.words import compounds

    joined = compounds(text)
    return narrowest(joined), widest(joined)


def fit_columns(view: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> Fit:
    """The columns of `view` that fit in `width`, and their widths.

    The columns of priority 0 (the id, the title) are always shown; the others join
    by priority while the title keeps `MIN_WRAP` and each wrapping column its longest
    word, the others their longest value. The space left goes to the wrapping columns,
    the widest first, so that no value is cut. Too narrow for a title beside the id
    (`MIN_TITLE`), the rows are stacked.
    """
    extents = [
        [_extent(text, column.wrap) for text in (column.heading, *(row[i] for row in cells))]
        for i, column in enumerate(view)
    ]
    least = [max(low for low, _ in extent) for extent in extents]
    natural = [max(high for _, high in extent) for extent in extents]
    always = [i for i, column in enumerate(view) if column.priority == 0]
    title = next((i for i in always if view[i].wrap), None)
    if title is not None:
        least[title] = min(natural[title], MIN_WRAP)
    others = sorted(
        (i for i in range(len(view)) if i not in always), key=lambda i: (view[i].priority, i)
    )

    def need(columns: Sequence[int]) -> int:
        return sum(least[i] if view[i].wrap else natural[i] for i in columns) + 3 * (
            len(columns) - 1
        )

    beside = width - need([i for i in always if i != title]) - 3
    if title is not None and len(always) > 1 and beside < min(natural[title], MIN_TITLE):
        return Fit(always, [natural[i] for i in always], sorted(others), stacked=True)
    shown = list(always)
    for i in others:
        if need([*shown, i]) <= width:
            shown.append(i)
    shown.sort()
    room = width - 3 * (len(shown) - 1) - sum(natural[i] for i in shown if not view[i].wrap)
    wrapping = [i for i in shown if view[i].wrap]
    if title is not None:
        others_least = sum(least[i] for i in wrapping if i != title)
        least[title] = max(1, min(least[title], room - others_least))
    given = _share(room, [least[i] for i in wrapping], [natural[i] for i in wrapping])
    widths = dict(zip(wrapping, given, strict=True))
    return Fit(
        shown,
        [widths.get(i, natural[i]) for i in shown],
        [i for i in range(len(view)) if i not in shown],
    )


def _share(room: int, least: Sequence[int], most: Sequence[int]) -> list[int]:
    """Widths between `least` and `most` that add up to at most `room`: the widest cut
    first, to the same width, as a reader would size the columns by hand."""
    if not least:
        return []
    level = max(most)
    while (
        level > 0
        and sum(max(lo, min(level, hi)) for lo, hi in zip(least, most, strict=True)) > room
    ):
        level -= 1
    widths = [max(lo, min(level, hi)) for lo, hi in zip(least, most, strict=True)]
    spare = room - sum(widths)
    for i, (width, hi) in enumerate(zip(widths, most, strict=True)):
        if spare > 0 and width < hi:
            widths[i] += 1
            spare -= 1
    return widths


def print_rows(
    rows: Sequence[Row],
    output_format: TableFormat,
    view: Sequence[Column] = (),
    vocabulary: Vocabulary | None = None,
    lang: Language = "sv",
    messages: Language | None = None,
) -> None:
    """Rows as a terminal table of `view`'s columns that fit, or in a machine format
    with every key as is.

    The table is in the current language (the document's); what is said about it (the
    rows counted, the columns left out) is a message, in `messages` (default: the same).
    """
    from intstrat.domain.vocabulary import Vocabulary
    from intstrat.query.tables import WRITERS, Column, cell

    if output_format is not TableFormat.TABLE:
        sys.stdout.write(WRITERS[output_format](rows))
        return
    out = console()
    vocabulary = vocabulary or Vocabulary()
    view = list(view) or [Column(k, k, priority=i) for i, k in enumerate(rows[0] if rows else {})]
    view = [replace_heading(column) for column in view]
    cells = [[cell(row, c, vocabulary, lang) for c in view] for row in rows]
    fit = fit_columns(view, cells, out.width)
    if fit.stacked:
        _print_stacked(out, view, cells, fit)
    else:
        table = Table(show_edge=False, pad_edge=False, highlight=False, expand=False)
        for i, width in zip(fit.shown, fit.widths, strict=True):
            column = view[i]
            table.add_column(
                Wrapped(column.heading) if column.wrap else Text(column.heading),
                width=width,
                no_wrap=not column.wrap,
                justify="right" if column.right else "left",
            )
        for row in cells:
            table.add_row(*(Wrapped(row[i]) if view[i].wrap else Text(row[i]) for i in fit.shown))
        out.print(table)
    print_left_out(out, [view[i].heading for i in fit.left_out], messages)
    with language(messages or current_language()):
        out.print(ngettext("{n} row", "{n} rows", len(rows)).format(n=len(rows)), style="dim")


def _print_stacked(
    out: Console, view: Sequence[Column], cells: Sequence[Sequence[str]], fit: Fit
) -> None:
    """Each row as its id, then its title under it, indented."""
    from intstrat.i18n.words import compounds

    for row in cells:
        for n, i in enumerate(fit.shown):
            indent = "  " if n else ""
            lines = wrap(compounds(row[i]), out.width - len(indent)) if view[i].wrap else [row[i]]
            out.print(Text("\n".join(indent + line for line in lines)), soft_wrap=True)


def print_left_out(out: Console, headings: Sequence[str], messages: Language | None = None) -> None:
    """The dim line under a table that names the columns it had no room for (as the table
    heads them), a message in `messages` (default: the current language)."""
    if headings:
        with language(messages or current_language()):
            said = _("columns left out: {columns}; widen the terminal or use -f csv")
        out.print(Text(said.format(columns=", ".join(headings)), style="dim"))


def replace_heading(column: Column) -> Column:
    """The column with its heading in the current language."""
    from dataclasses import replace

    return replace(column, heading=_(column.heading))


def print_card(card: Card, path: str) -> None:
    """One record as a panel: facts as a grid, then its sections, and the file to edit.

    A title or path longer than the panel's border can hold would be cut there, so it
    goes inside the panel (the title) or under it (the path, whole for copying).
    """
    out = console()
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    for label, value in card.facts:
        facts.add_row(label, Wrapped(for_terminal(value)))
    border = out.width - 6  # the panel's corners, and a space either side of a title
    parts: list[RenderableType] = []
    if cell_len(card.title) > border:
        parts += [Wrapped(card.title, style="bold"), Text("")]
    parts.append(facts)
    for heading, lines in card.sections:
        parts.append(Text(""))
        parts.append(Text(heading, style="bold"))
        parts.extend(
            Wrapped(f"• {for_terminal(line)}", hang="  ")
            if len(lines) > 1
            else Wrapped(for_terminal(line))
            for line in lines
        )
    fits = cell_len(path) <= border
    out.print(
        Panel(
            Group(*parts),
            title=Text(card.title, style="bold") if cell_len(card.title) <= border else None,
            subtitle=Text(path) if fits else None,
            title_align="left",
            subtitle_align="right",
        )
    )
    if not fits:
        out.print(Text(path), soft_wrap=True)  # the terminal wraps it: copied, it is one line


#: The kind of a search hit as people read it.
KIND_WORDS = {"project": N_("project"), "partner": N_("partner")}


def print_hits(hits: Sequence[Hit], paths: Sequence[str], messages: Language | None = None) -> None:
    """Search hits: title, kind, id and file, then the snippet with the words highlighted
    (in the current language); the count is a message, in `messages` (default: the same)."""
    out = console()
    for hit, path in zip(hits, paths, strict=True):
        head = Text()
        head.append(hit.title, style="bold")
        head.append(f"  {_(KIND_WORDS.get(hit.kind, hit.kind))} {hit.id}  {path}", style="dim")
        snippet = Text(hit.snippet)
        for start, end in hit.spans:
            snippet.stylize("bold yellow", start, end)
        out.print(head)
        out.print(Text("  ").append_text(snippet))
    with language(messages or current_language()):
        out.print(ngettext("{n} hit", "{n} hits", len(hits)).format(n=len(hits)), style="dim")


#: A group's name keeps its longest word up to this width beside the numbers; narrower,
#: the numbers go to further tables first.
LABEL_KEEP = 24
#: Narrower than this, a group's name would be a few letters a line: a number column
#: that leaves less is left out, and named.
LABEL_FLOOR = 10


def print_stats(
    rows: Sequence[Row],
    words: Words,
    by: StatsBy,
    notes: Sequence[str] = (),
    messages: Language | None = None,
) -> None:
    """Statistics per group as a table; the last row is the total, in bold; then what
    a reader must know before adding up the groups (`notes` too: captions, in the
    table's language). Columns left out are named in `messages`.

    A number is never cut or broken. Where the terminal is too narrow for every column
    (80 columns hold the counts and two currencies, not four reach units besides), the
    funding and the reach are tables of their own, each with the groups, and a part
    still too wide is split again; a column that does not fit even beside the groups'
    names alone is left out, and named under the tables.
    """
    from intstrat.i18n.words import compounds
    from intstrat.query.stats import caption, heading, merge_same_years

    merged = None
    if by is StatsBy.YEAR:
        rows, merged = merge_same_years(list(rows))
    out = console()
    columns = [k for k in rows[0] if k not in ("key", "label")]
    cells = {c: [words.number(row[c]) for row in rows] for c in columns}
    headings = {c: heading(c, by) for c in ["label", *columns]}
    widths = {
        c: max(narrowest(headings[c]), *(cell_len(text) for text in cells[c])) for c in columns
    }
    labels = [compounds(text) for text in (headings["label"], *(row["label"] for row in rows))]
    keep = min(max(map(narrowest, labels)), LABEL_KEEP)
    money = [c for c in columns if not c.startswith("reach_")]
    reach = [c for c in columns if c.startswith("reach_")]
    parts, left_out = _stats_parts([money, reach], widths, keep, out.width)
    for i, part in enumerate(parts):
        room = out.width - sum(widths[c] + 3 for c in part)
        table = Table(show_edge=False, pad_edge=False, highlight=False, expand=False)
        table.add_column(Wrapped(headings["label"]), width=min(max(map(widest, labels)), room))
        for c in part:
            table.add_column(Wrapped(headings[c]), width=widths[c], justify="right", no_wrap=True)
        for n, row in enumerate(rows):
            table.add_row(
                Wrapped(row["label"]),
                *(Text(cells[c][n]) for c in part),
                style="bold" if row["key"] == "" else None,
            )
        if i:
            out.print()
        out.print(table)
    print_left_out(out, [" ".join(headings[c].split()) for c in left_out], messages)
    note = caption(by, merged_years=merged)
    for said in [note, *notes] if note else notes:
        out.print(Text(said, style="dim"))


def _stats_parts(
    groups: Sequence[Sequence[str]], widths: dict[str, int], label: int, width: int
) -> tuple[list[list[str]], list[str]]:
    """The number columns of each table, and those left out: all in one table where
    they fit beside a label of `label` columns; else each group (funding, reach) in
    tables of its own, split where it is still too wide."""

    def fits(part: Sequence[str], label: int) -> bool:
        return label + sum(widths[c] + 3 for c in part) <= width

    every = [c for group in groups for c in group]
    if fits(every, label):
        return [every], []
    parts: list[list[str]] = []
    left_out: list[str] = []
    for group in groups:
        part: list[str] = []
        for column in group:
            if fits([*part, column], label):
                part.append(column)
                continue
            if part:
                parts.append(part)
            part = [column] if fits([column], min(label, LABEL_FLOOR)) else []
            if not part:
                left_out.append(column)
        if part:
            parts.append(part)
    return parts, left_out


def print_bars(rows: Sequence[Row]) -> None:
    """Projects per group as bars scaled to the terminal (the total row left out).

    A group's name wraps beside its bar rather than being cut at 40 letters ("16. Fred,
    rättvisa och starka institutione"), and the bars keep to the terminal's width.
    """
    out = console()
    groups = rows[:-1]
    most = max((r["projects"] for r in groups), default=0) or 1
    digits = len(str(most))
    names = [Wrapped(r["label"]) for r in groups]
    longest = max((widest(name.text) for name in names), default=0)
    label = max(1, min(longest, 40, out.width - 12 - digits))
    width = max(1, min(50, out.width - label - 2 - digits))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=label)
    grid.add_column(no_wrap=True)
    for row, name in zip(groups, names, strict=True):
        bar = Text("█" * max(1, round(row["projects"] / most * width)), style="cyan")
        grid.add_row(name, bar.append(f" {row['projects']}", style=""))
    out.print(grid)
