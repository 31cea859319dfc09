"""Presentation for a terminal: tables, panels, highlighted hits and bars (rich).

Built from `Text` pieces, never from console markup: the values quote records
from pull requests, and `[bold]` in a title must print as written. The data
comes ready from the library (rows, cards, hits); nothing here computes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from intstrat.formats import TableFormat

if TYPE_CHECKING:
    from intstrat.i18n import Words
    from intstrat.query.search import Hit
    from intstrat.query.show import Card
    from intstrat.query.tables import Row

#: Columns a terminal table shows; csv, json and yaml give every column.
TABLE_COLUMNS: dict[str, dict[str, Any]] = {
    "id": {"no_wrap": True},
    "title": {"overflow": "fold", "ratio": 1},
    "name": {"overflow": "fold", "ratio": 1},
    "status": {"no_wrap": True},
    "owner": {"no_wrap": True},
    "start": {"no_wrap": True},
    "end": {"no_wrap": True},
    "countries": {"no_wrap": True},
    "country_name": {"no_wrap": True},
    "since": {"no_wrap": True},
    "projects": {"justify": "right"},
    "project": {"no_wrap": True},
    "date": {"no_wrap": True},
    "implemented": {"no_wrap": True},
}


def console() -> Console:
    return Console(highlight=False)


def print_rows(rows: Sequence[Row], output_format: TableFormat) -> None:
    """Rows as a terminal table, or in a machine format with every column."""
    from intstrat.query.tables import WRITERS

    if output_format is not TableFormat.TABLE:
        sys.stdout.write(WRITERS[output_format](rows))
        return
    table = Table(show_edge=False, pad_edge=False, highlight=False, expand=False)
    shown = [k for k in (rows[0] if rows else {}) if k in TABLE_COLUMNS]
    for key in shown:
        table.add_column(key, **TABLE_COLUMNS[key])
    for row in rows:
        table.add_row(
            *(
                ", ".join(map(str, v)) if isinstance(v, list) else str(v)
                for v in (row[k] for k in shown)
            )
        )
    out = console()
    out.print(table)
    out.print(f"{len(rows)} rows", style="dim")


def print_card(card: Card, path: str) -> None:
    """One record as a panel: facts as a grid, then its sections, and the file to edit."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    for label, value in card.facts:
        facts.add_row(label, value)
    parts: list[Table | Text] = [facts]
    for heading, lines in card.sections:
        parts.append(Text(""))
        parts.append(Text(heading, style="bold"))
        parts.extend(Text(f"• {line}" if len(lines) > 1 else line) for line in lines)
    console().print(
        Panel(
            Group(*parts),
            title=Text(card.title, style="bold"),
            subtitle=Text(path),
            title_align="left",
            subtitle_align="right",
        )
    )


def print_hits(hits: Sequence[Hit], paths: Sequence[str]) -> None:
    """Search hits: title, kind, id and file, then the snippet with the words highlighted."""
    out = console()
    for hit, path in zip(hits, paths, strict=True):
        head = Text()
        head.append(hit.title, style="bold")
        head.append(f"  {hit.kind} {hit.id}  {path}", style="dim")
        snippet = Text(hit.snippet)
        for start, end in hit.spans:
            snippet.stylize("bold yellow", start, end)
        out.print(head)
        out.print(Text("  ").append_text(snippet))
    out.print(f"{len(hits)} hits", style="dim")


def print_stats(rows: Sequence[Row], words: Words) -> None:
    """Statistics per group as a table; the last row is the total, in bold."""
    table = Table(show_edge=False, pad_edge=False, highlight=False)
    columns = [k for k in rows[0] if k != "key"]
    for column in columns:
        table.add_column(
            column,
            justify="left" if column == "label" else "right",
            overflow="fold" if column == "label" else "ellipsis",
        )
    for row in rows:
        cells = [row[c] if c == "label" else words.number(row[c]) for c in columns]
        table.add_row(*cells, style="bold" if row["key"] == "" else None)
    console().print(table)


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
