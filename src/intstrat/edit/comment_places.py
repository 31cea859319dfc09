"""Where the comments of a YAML text stand, for `fmt`, which moves keys but not comments.

ruamel.yaml keeps a comment on a line of its own with the node *before* it: below a
block list's last item the comment is that item's, so when `fmt` reorders the keys a
comment written above `period:` went along with the list above it. A person reads it
the other way round, so `fmt` places these comments itself:

- a comment stands above the key or list item on the next line that holds one, when it
  is indented no deeper than that key or item (`# Slutdatum ...` above `period:`);
- a comment indented deeper than what follows it ends what comes before it: a comment
  indented like a list's items, after its last item, stays at the end of that list;
- a comment after the last key, not indented, stays at the end of the file;
- a comment above the first key of the file (or of a nested mapping or list), with a
  blank line between it and the key, is about all of it and stays on top.

Blank lines directly above a comment go with it. A comment right above a first key
that `fmt` moves down can be about that key or about all of it; `fmt` cannot tell and
leaves the file for a person (`displaced` finds it). Comments at the end of a line stay
ruamel's: they are beside their node and move with it. Comments inside a `{...}` or
`[...]` written over several lines are left to ruamel too, which may drop them (the
caller checks).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Any

#: A node's place: keys of mappings and indices of lists, from the top.
Path = tuple[str | int, ...]
#: Where a comment stands: ("before", path), ("after", path), ("start", path) or ("end",).
Anchor = tuple[Any, ...]


@dataclass(frozen=True)
class Comment:
    line: int  #: 1-based
    column: int
    text: str  #: from '#', without trailing blanks
    own_line: bool  #: nothing but blanks before it on its line
    flow: str  #: "{" or "[" when inside a flow collection (the innermost), else ""
    floor: int  #: the first line (0-based) after the token before the comment


@dataclass(frozen=True)
class Node:
    """A mapping key or a list item: where it starts and the last line it spans."""

    path: Path
    line: int  #: 0-based
    column: int  #: of the key, or of a block list item's '-'
    last_line: int
    first: bool  #: the first key or item of what holds it


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def scan(text: str) -> list[Comment]:
    """Every comment of a YAML text: what lies between the tokens and starts with '#'
    (a '#' inside a quoted or block scalar is part of the token).

    The text must be valid YAML (a record that loaded); libyaml's scanner gives the
    tokens.
    """
    import yaml

    starts = _line_starts(text)
    found: list[Comment] = []
    flows: list[str] = []
    previous = 0
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for token in yaml.scan(text, Loader=loader):
        start = starts[token.start_mark.line] + token.start_mark.column
        found += _gap(text, previous, start, starts, flows[-1] if flows else "")
        if isinstance(token, yaml.FlowMappingStartToken | yaml.FlowSequenceStartToken):
            flows.append("{" if isinstance(token, yaml.FlowMappingStartToken) else "[")
        elif isinstance(token, yaml.FlowMappingEndToken | yaml.FlowSequenceEndToken) and flows:
            flows.pop()
        previous = max(previous, starts[token.end_mark.line] + token.end_mark.column)
    found += _gap(text, previous, len(text), starts, "")
    return found


def _gap(text: str, begin: int, end: int, starts: list[int], flow: str) -> list[Comment]:
    out = []
    floor = bisect.bisect_left(starts, begin)  # the first line starting at or after begin
    at = text.find("#", begin, end)
    while at != -1:
        stop = text.find("\n", at, end)
        stop = end if stop == -1 else stop
        line = bisect.bisect_right(starts, at)
        column = at - starts[line - 1]
        own = not text[starts[line - 1] : at].strip()
        out.append(Comment(line, column, text[at:stop].rstrip(), own, flow, floor))
        at = text.find("#", stop, end)
    return out


def nodes(text: str) -> list[Node]:
    """Every key and list item of a YAML text, in the order they start."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader)
    lines = text.split("\n")
    found: list[Node] = []
    if root is not None:
        _walk(root, (), lines, found)
    return sorted(found, key=lambda n: (n.line, n.column))


def _walk(node: Any, path: Path, lines: list[str], found: list[Node]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for index, (key, value) in enumerate(node.value):
            name = key.value if isinstance(key, yaml.ScalarNode) else f"?{key.start_mark}"
            here = (*path, name)
            mark = key.start_mark
            found.append(Node(here, mark.line, mark.column, _last_line(value), index == 0))
            _walk(value, here, lines, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            mark = item.start_mark
            column = mark.column
            if not node.flow_style:  # the item's '-', before it on its line
                before = lines[mark.line][: mark.column].rstrip()
                if before.endswith("-"):
                    column = len(before) - 1
            here = (*path, index)
            found.append(Node(here, mark.line, column, _last_line(item), index == 0))
            _walk(item, here, lines, found)


def _last_line(node: Any) -> int:
    """The last line a node's text is on (a block scalar ends at the next line's start)."""
    import yaml

    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        return max(
            (max(_last_line(k), _last_line(v)) for k, v in node.value),
            default=node.start_mark.line,
        )
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        return max((_last_line(item) for item in node.value), default=node.start_mark.line)
    end = node.end_mark
    last: int = max(node.start_mark.line, end.line if end.column > 0 else end.line - 1)
    return last


def _blank_between(lines: list[str], first: int, last: int) -> bool:
    """Whether a blank line lies in lines[first:last]."""
    return any(not lines[i].strip() for i in range(first, last))


def anchors(text: str) -> list[tuple[Comment, Anchor]]:
    """Where each comment on a line of its own, outside flow collections, stands."""
    lines = text.split("\n")
    every = nodes(text)
    positions = [n.line for n in every]
    out = []
    for comment in scan(text):
        if not comment.own_line or comment.flow:
            continue
        row = comment.line - 1
        after = bisect.bisect_right(positions, row)
        following = every[after] if after < len(every) else None
        if comment.column <= (following.column if following else 0):
            if following is None:
                anchor: Anchor = ("end",)
            elif following.first and _blank_between(lines, row + 1, following.line):
                anchor = ("start", following.path[:-1])
            else:
                anchor = ("before", following.path)
        else:
            preceding = [n for n in every[:after] if n.column <= comment.column]
            anchor = ("after", preceding[-1].path) if preceding else ("start", ())
        out.append((comment, anchor))
    return out


@dataclass(frozen=True)
class Lifted:
    """A comment taken out of a text: where it stood and the lines that go with it."""

    comment: Comment
    anchor: Anchor
    first: bool  #: it stood right above a first key or item
    column: int  #: of the node it is placed by, in the text it came from
    lines: tuple[str, ...]  #: blank lines above it, its own line, blank lines below it


def lift(text: str) -> tuple[str, list[Lifted]]:
    """`text` without its comments on lines of their own (outside flow collections) and
    the blank lines around them, and those comments with their places."""
    lines = text.split("\n")
    by_path = {n.path: n for n in nodes(text)}
    placed = anchors(text)
    rows = {comment.line - 1 for comment, _anchor in placed}
    removed: set[int] = set()
    lifted = []
    for comment, anchor in placed:
        row = comment.line - 1
        top = row
        while top - 1 >= comment.floor and top - 1 not in rows and not lines[top - 1].strip():
            top -= 1
        bottom = row + 1
        if bottom not in rows:  # the last comment of its group: the blank lines below too
            while bottom < len(lines) - 1 and not lines[bottom].strip():
                bottom += 1
        removed.update(range(top, bottom))
        node = by_path.get(anchor[1]) if anchor[0] in ("before", "after") else None
        lifted.append(
            Lifted(
                comment,
                anchor,
                anchor[0] == "before" and node is not None and node.first,
                node.column if node is not None else 0,
                tuple(lines[top:bottom]),
            )
        )
    kept = [line for i, line in enumerate(lines) if i not in removed]
    return "\n".join(kept), lifted


def put_back(text: str, lifted: list[Lifted]) -> str:
    """`text` (reformatted from what `lift` left) with the lifted comments in their places,
    indented like what they stand by."""
    if not lifted:
        return text
    lines = text.split("\n")
    every = nodes(text)
    by_path = {n.path: n for n in every}
    end = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
    inserts: list[tuple[int, int, int, list[str]]] = []
    for order, item in enumerate(lifted):
        kind, *rest = item.anchor
        row, column, rank = end, 0, 2
        node = by_path.get(rest[0]) if rest else None
        if kind == "before" and node is not None and not item.first:
            row, rank = node.line, 1
        elif kind in ("start", "before") and rest:
            parent = rest[0] if kind == "start" else rest[0][:-1]
            children = [n for n in every if n.path[:-1] == parent and len(n.path) > len(parent)]
            if children:
                row, rank = children[0].line, 1
        if rank == 1:  # above the line, indented like what starts it ('- key: ...')
            column = min(n.column for n in every if n.line == row)
        elif kind == "after" and node is not None:
            row, rank = node.last_line + 1, 0
            column = node.column + item.comment.column - item.column
        block = [_indented(line, column) for line in item.lines]
        inserts.append((min(row, end), rank, order, block))
    blocks: dict[int, list[str]] = {}
    for row, _rank, _order, block in sorted(inserts):
        blocks.setdefault(row, []).extend(block)
    out: list[str] = []
    for index in range(end + 1):
        out += blocks.get(index, [])
        if index < end:
            out.append(lines[index])
    return "\n".join(out) + ("\n" if end < len(lines) else "")


def _indented(line: str, column: int) -> str:
    stripped = line.strip()
    return " " * column + stripped if stripped else ""


@dataclass(frozen=True)
class Displaced:
    """A comment that would not stand where it stood."""

    comment: Comment
    anchor: Anchor
    #: The key it stood right above when that was the first key of its mapping, which
    #: `fmt` moves down: the comment may be about the key or about all that follows.
    key: str | None


def displaced(before: str, after: str) -> Displaced | None:
    """The first comment of `before` that does not stand in `after` where it stood."""
    left: Counter[tuple[Anchor, str]] = Counter(
        (anchor, comment.text) for comment, anchor in anchors(after)
    )
    for comment, anchor in anchors(before):
        if left[(anchor, comment.text)]:
            left[(anchor, comment.text)] -= 1
            continue
        key = None
        if anchor[0] == "before" and anchor[1] and isinstance(anchor[1][-1], str):
            first = {n.path: n.first for n in nodes(before)}
            key = anchor[1][-1] if first.get(anchor[1]) else None
        return Displaced(comment, anchor, key)
    return None
