"""Presentation for a terminal: tables, panels, highlighted hits and bars (rich).

Built from `Text` pieces, never from console markup: the values quote records
from pull requests, and `[bold]` in a title must print as written. The data
comes ready from the library (rows, cards, hits); nothing here computes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from intstrat.formats import StatsBy, TableFormat
from intstrat.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from intstrat.domain.vocabulary import Vocabulary
    from intstrat.formats import Language
    from intstrat.i18n import Words
    from intstrat.query.search import Hit
    from intstrat.query.show import Card
    from intstrat.query.tables import Column, Row

#: The narrowest the wrapping column (a title, a name) may become before columns go.
MIN_WRAP = 24


def console() -> Console:
    return Console(highlight=False)


def fit_columns(view: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> list[int]:
    """The columns of `view` that fit in `width`: the first and the wrapping one always,
    then the others in their order while the wrapping one keeps `MIN_WRAP`."""
    natural = [
        max([len(column.heading), *(len(row[i]) for row in cells)]) for i, column in enumerate(view)
    ]
    keep = {0} | {i for i, column in enumerate(view) if column.wrap}
    used = sum(natural[i] + 3 for i in keep if not view[i].wrap)
    wrap_width = max((min(natural[i], MIN_WRAP) for i in keep if view[i].wrap), default=0)
    for i in range(len(view)):
        if i not in keep and used + natural[i] + 3 + wrap_width <= width:
            keep.add(i)
            used += natural[i] + 3
    return sorted(keep)


def print_rows(
    rows: Sequence[Row],
    output_format: TableFormat,
    view: Sequence[Column] = (),
    vocabulary: Vocabulary | None = None,
    lang: Language = "sv",
) -> None:
    """Rows as a terminal table of `view`'s columns that fit, or in a machine format
    with every key as is."""
    from intstrat.domain.vocabulary import Vocabulary
    from intstrat.query.tables import WRITERS, Column, cell

    if output_format is not TableFormat.TABLE:
        sys.stdout.write(WRITERS[output_format](rows))
        return
    out = console()
    vocabulary = vocabulary or Vocabulary()
    view = list(view) or [Column(key, key) for key in (rows[0] if rows else {})]
    view = [replace_heading(column) for column in view]
    cells = [[cell(row, c, vocabulary, lang) for c in view] for row in rows]
    chosen = fit_columns(view, cells, out.width)
    table = Table(show_edge=False, pad_edge=False, highlight=False, expand=False)
    for i in chosen:
        column = view[i]
        narrowest = min(MIN_WRAP, max((len(r[i]) for r in cells), default=0))
        table.add_column(
            column.heading,
            no_wrap=not column.wrap,
            overflow="fold" if column.wrap else "ellipsis",
            ratio=1 if column.wrap else None,
            min_width=narrowest if column.wrap else None,
            justify="right" if column.right else "left",
        )
    for row in cells:
        table.add_row(*(Text(row[i]) for i in chosen))
    out.print(table)
    out.print(ngettext("{n} row", "{n} rows", len(rows)).format(n=len(rows)), style="dim")


def replace_heading(column: Column) -> Column:
    """The column with its heading in the current language."""
    from dataclasses import replace

    return replace(column, heading=_(column.heading))


_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def for_terminal(text: str) -> str:
    """Text as a terminal shows it best: paragraphs reflowed (the terminal wraps them)."""
    return _LINE_BREAK.sub(" ", text)


#: White space a line may break at: any but the no-break spaces, which hold an amount
#: ("3 200 000 kr"), a date ("15 mars 2021") or a name ("MIS 3") together.
_BREAK = re.compile(r"[^\S\u00a0\u2007\u202f]+")
#: Where a word too long for its line may break: at a soft hyphen (a hyphen where the
#: line breaks), or after a hyphen or dash inside it ("EU-|ansökningar").
_JOINT = re.compile(r"\u00ad|(?<=[-–])(?=\w)")
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


def print_hits(hits: Sequence[Hit], paths: Sequence[str]) -> None:
    """Search hits: title, kind, id and file, then the snippet with the words highlighted."""
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
    out.print(ngettext("{n} hit", "{n} hits", len(hits)).format(n=len(hits)), style="dim")


def print_stats(rows: Sequence[Row], words: Words, by: StatsBy) -> None:
    """Statistics per group as a table; the last row is the total, in bold; then what
    a reader must know before adding up the groups.

    Where the terminal is too narrow for every column (80 columns hold the counts and two
    currencies, not four reach units besides), the funding and the reach are two tables
    with the groups in each, rather than one whose numbers break over lines.
    """
    from rich.measure import Measurement

    from intstrat.query.stats import caption, merge_same_years

    merged = None
    if by is StatsBy.YEAR:
        rows, merged = merge_same_years(list(rows))
    out = console()
    columns = [k for k in rows[0] if k != "key"]
    tables = [_stats_table(rows, words, by, columns)]
    unbounded = out.options.update_width(1_000_000)
    reach = ["label", *(c for c in columns if c.startswith("reach_"))]
    if Measurement.get(out, unbounded, tables[0]).minimum > out.width and len(reach) > 1:
        money = [c for c in columns if not c.startswith("reach_")]
        tables = [_stats_table(rows, words, by, money), _stats_table(rows, words, by, reach)]
    for i, table in enumerate(tables):
        if i:
            out.print()
        out.print(table)
    note = caption(by, merged_years=merged)
    if note:
        out.print(Text(note, style="dim"))


def _stats_table(rows: Sequence[Row], words: Words, by: StatsBy, columns: Sequence[str]) -> Table:
    from intstrat.query.stats import heading

    table = Table(show_edge=False, pad_edge=False, highlight=False)
    cells = [[row[c] if c == "label" else words.number(row[c]) for c in columns] for row in rows]
    for i, column in enumerate(columns):
        # A group's name wraps between words, never inside one ("aktivite/t"); a number
        # never wraps at all (its heading may shorten instead).
        widest = max(
            len(part) for row in cells for part in (row[i].split() if i == 0 else [row[i]])
        )
        table.add_column(
            heading(column, by),
            justify="left" if column == "label" else "right",
            overflow="fold" if column == "label" else "ellipsis",
            min_width=min(widest, 24),
        )
    for row, line in zip(rows, cells, strict=True):
        table.add_row(*line, style="bold" if row["key"] == "" else None)
    return table


def print_bars(rows: Sequence[Row]) -> None:
    """Projects per group as bars scaled to the terminal (the total row left out)."""
    out = console()
    groups = rows[:-1]
    widest = max((r["projects"] for r in groups), default=0) or 1
    width = max(10, min(50, out.width - 50))
    for row in groups:
        line = Text(f"{row['label'][:40]:<40} ")
        line.append("█" * max(1, round(row["projects"] / widest * width)), style="cyan")
        line.append(f" {row['projects']}")
        out.print(line)
