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

from rich.console import Console, Group
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


#: Characters for print that only get in a terminal's way: the word joiner and soft hyphen.
_PRINT_ONLY = str.maketrans("", "", "\u2060\u00ad")
_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def for_terminal(text: str) -> str:
    """Text as a terminal shows it best: paragraphs reflowed (the terminal wraps them),
    print-only characters left out."""
    return _LINE_BREAK.sub(" ", text.translate(_PRINT_ONLY))


def print_card(card: Card, path: str) -> None:
    """One record as a panel: facts as a grid, then its sections, and the file to edit."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    for label, value in card.facts:
        facts.add_row(label, for_terminal(value))
    parts: list[Table | Text] = [facts]
    for heading, lines in card.sections:
        parts.append(Text(""))
        parts.append(Text(heading, style="bold"))
        parts.extend(
            Text(f"• {for_terminal(line)}" if len(lines) > 1 else for_terminal(line))
            for line in lines
        )
    console().print(
        Panel(
            Group(*parts),
            title=Text(card.title, style="bold"),
            subtitle=Text(path),
            title_align="left",
            subtitle_align="right",
        )
    )


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
