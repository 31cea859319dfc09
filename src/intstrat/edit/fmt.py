"""`fmt`: one canonical layout for every record, keeping every comment and value.

The layout: keys in the order the model declares them (nested ones too; the
contents of `extra:` are left as written), two-space indentation with list
items indented under their key, text with line breaks as literal blocks (`|`),
long one-line text folded (`>-`) at about 88 columns, and text that YAML 1.1
tools would misread (`NO`, `yes`, `on`, `1:20`, `0777`) in single quotes.
Flow collections (`{start: 2018, end: 2021}`) stay flow.

ruamel.yaml's round-trip mode carries a comment at the end of a line with its
key; a comment on a line of its own stays above the key below it (ruamel would
keep it with what is above it; `comment_places` says how it is placed). Every
reformatted file is read back with intstrat's own loader and must mean exactly
what it meant before and hold every comment it held where it stood, or it is not
written: it is left as it is, with a note saying why (ruamel drops a comment
inside a `{...}` mapping or `[...]` list written over several lines; a comment
right above a first key that fmt moves down may be about that key or about all
that follows; and ruamel writes some escaped characters in a way other YAML
readers take differently).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from intstrat.edit.comment_places import Comment, Displaced, displaced, lift, put_back, scan
from intstrat.errors import UsageError
from intstrat.fileio import write_atomic
from intstrat.format.models import Config, Partner, Project
from intstrat.i18n import _
from intstrat.loading.diagnostics import Diagnostic
from intstrat.loading.files import read_inside
from intstrat.loading.listing import CONFIG_FILE, PARTNERS_DIR, PROJECTS_DIR, relative_paths
from intstrat.loading.parse import decode, parse
from intstrat.loading.repository import load_record
from intstrat.loading.validation import model_at

WIDTH = 88
#: Plain scalars that YAML 1.1 reads as booleans, null or numbers but 1.2 as text.
_YAML11_AMBIGUOUS = re.compile(
    r"""(?x)\A(?:
        y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
        |[-+]?0[0-7_]+            # 1.1 octal
        |[-+]?0b[01_]+            # 1.1 binary
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?   # 1.1 sexagesimal
        |[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?            # 1.1 numbers with _
    )\Z"""
)


def _writer() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # long plain text is folded by us, as a block scalar
    yaml.allow_unicode = True
    return yaml


def _foldable(text: str) -> bool:
    """Whether a folded block scalar reads back as exactly this text."""
    return (
        text == text.strip()
        and "  " not in text
        and not any(c in text for c in "\n\t\r\x85\u2028\u2029")
        and text.isprintable()
    )


def _literal_ok(text: str) -> bool:
    """Whether a literal block scalar reads back as exactly this text."""
    lines = text.split("\n")
    return (
        "\n" in text.rstrip("\n")
        and not text.endswith("\n\n")
        and not text.startswith((" ", "\n"))
        and all(line == line.rstrip() for line in lines)
        and all(ch.isprintable() or ch == "\n" for ch in text)
        and "\t" not in text
    )


def _fold_positions(text: str, indent: int) -> list[int]:
    """Spaces at which to break `text` so lines stay within WIDTH."""
    limit = max(40, WIDTH - indent)
    positions: list[int] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind(" ", start, start + limit)
        if cut <= start:
            cut = text.find(" ", start + limit)
            if cut == -1:
                break
        positions.append(cut)
        start = cut + 1
    return positions


def _styled(value: str, indent: int) -> str:
    text = str(value)
    styled: str = text
    if _literal_ok(text):
        styled = LiteralScalarString(text)
    elif len(text) + indent > WIDTH and _foldable(text):
        styled = FoldedScalarString(text)
        styled.fold_pos = _fold_positions(text, indent)  # type: ignore[attr-defined]
    elif _YAML11_AMBIGUOUS.match(text):
        styled = SingleQuotedScalarString(text)
    return styled


def _canonical(node: Any, model: type[BaseModel] | None, depth: int) -> None:
    """Reorder keys by `model` and restyle text, in place, recursively."""
    indent = 2 * (depth + 1)
    if isinstance(node, CommentedMap):
        if model is not None:
            order = list(model.model_fields)
            keys = list(node.keys())
            wanted = [k for k in order if k in node] + [k for k in keys if k not in order]
            if wanted != keys:
                for key in wanted:
                    node.move_to_end(key)
        for key in list(node.keys()):
            if key == "extra" and model is not None:
                continue  # free-form: left exactly as written
            child_model = model_at(model, (key,)) if model is not None else None
            node[key] = _restyle(node[key], child_model, depth + 1, indent)
    elif isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            node[index] = _restyle(item, model, depth, indent)


def _restyle(value: Any, model: type[BaseModel] | None, depth: int, indent: int) -> Any:
    if isinstance(value, str):
        return _styled(value, indent)
    if isinstance(value, float):
        # ruamel re-emits a loaded float from its remembered digits, and can get the last
        # one wrong (5.960464477539062e-08 became ...063e-08); a plain float is written
        # with repr, the shortest text that reads back as exactly the same number.
        return float(value)
    _canonical(value, model, depth)
    return value


MODELS: dict[str, type[BaseModel]] = {"config": Config, "partner": Partner, "project": Project}


def format_text(text: str, model: type[BaseModel]) -> str:
    """The canonical layout of one record's YAML text (which must be valid)."""
    bare, lifted = lift(text)  # comments on lines of their own are placed by us
    yaml = _writer()
    data = yaml.load(bare)
    _canonical(data, model, 0)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return put_back(stream.getvalue(), lifted)


@dataclass(frozen=True)
class Outcome:
    path: str
    changed: bool
    diagnostics: list[Diagnostic]
    #: Why a valid file was left as it is ("" when it was not): (line, reason).
    kept: tuple[int, str] | None = None


def comments(text: str) -> list[tuple[int, str]]:
    """Every comment of a YAML text, with its line: what lies between the YAML tokens
    and starts with '#' (a '#' inside a quoted or block scalar is part of the token)."""
    return [(comment.line, comment.text) for comment in scan(text)]


def record_files(root: Path, paths: Sequence[Path] = ()) -> list[tuple[str, type[BaseModel]]]:
    """The record files to format (root-relative) with their models."""
    found: dict[str, type[BaseModel]] = {}
    for rel in relative_paths(root, paths or [root]):
        for candidate in _expand(root, rel):
            model = _model_for(candidate)
            if model is None:
                if candidate == rel:
                    raise UsageError(
                        _("{path} is not a record file intstrat formats").format(path=rel)
                    )
                continue
            found[candidate] = model
    return sorted(found.items())


def _expand(root: Path, rel: str) -> Iterator[str]:
    full = root / rel if rel else root
    if full.is_file():
        yield rel
        return
    if not rel:
        yield CONFIG_FILE
    for folder in (PARTNERS_DIR, PROJECTS_DIR):
        if not rel or folder == rel or folder.startswith(rel + "/"):
            directory = root / folder
            if directory.is_dir():
                yield from (f"{folder}/{p.name}" for p in directory.glob("*.yaml"))


def _model_for(rel: str) -> type[BaseModel] | None:
    if rel == CONFIG_FILE:
        return Config
    folder, _slash, name = rel.rpartition("/")
    if not name.endswith(".yaml"):
        return None
    models: dict[str, type[BaseModel]] = {PARTNERS_DIR: Partner, PROJECTS_DIR: Project}
    return models.get(folder)


def line_ending(text: str) -> str:
    """The file's own line ending: CRLF if most lines end so, else LF.

    Kept on every line, comments included, so a checkout with Windows line endings
    (git's core.autocrlf) is not reported as unformatted, and a file with mixed
    endings comes out with one.
    """
    return "\r\n" if 2 * text.count("\r\n") > text.count("\n") else "\n"


def format_file(root: Path, path: str, model: type[BaseModel], *, write: bool) -> Outcome:
    """Format one file; a file with errors is reported and left untouched."""
    record, diagnostics = load_record(root, path, model)
    if record is None:
        return Outcome(path, False, diagnostics)
    raw = read_inside(root, path)  # load_record read it: inside the repository, bounded
    text = decode(raw)
    assert isinstance(text, str)  # load_record read it
    ending = line_ending(text)
    formatted = format_text(text.replace("\r\n", "\n"), model)
    if ending != "\n":
        formatted = formatted.replace("\n", ending)
    if formatted == text and not raw.startswith(b"\xef\xbb\xbf"):
        return Outcome(path, False, [])
    before, _problems = parse(text)
    after, problems = parse(formatted)
    if problems or after != before:  # never write a file whose meaning changed
        return Outcome(path, False, [], (_changed_line(text, formatted), _(
            "fmt cannot write it in its layout without changing a value (a character such "
            "as U+2028 that YAML readers take differently); left as it is"
        )))  # fmt: skip
    lost = _lost_comment(text, formatted)
    if lost is not None:
        return Outcome(path, False, [], (lost.line, _lost_reason(lost)))
    moved = displaced(text.replace("\r\n", "\n"), formatted.replace("\r\n", "\n"))
    if moved is not None:
        return Outcome(path, False, [], (moved.comment.line, _moved_reason(moved)))
    if write:
        write_atomic(root / path, formatted)
    return Outcome(path, True, [])


def _lost_comment(text: str, formatted: str) -> Comment | None:
    """The first comment of `text` that `formatted` does not hold, if any."""
    kept = Counter(comment for _line, comment in comments(formatted))
    for comment in scan(text):
        if kept[comment.text]:
            kept[comment.text] -= 1
        else:
            return comment
    return None


def _lost_reason(comment: Comment) -> str:
    if comment.flow == "{":
        return _(
            "a comment inside a {...} mapping written over several lines would be lost; "
            "left as it is (write the mapping in block form, one key per line, "
            "'key: value  # comment', and fmt keeps it)"
        )
    if comment.flow == "[":
        return _(
            "a comment inside a [...] list written over several lines would be lost; "
            "left as it is (write the list one item per line, '- item  # comment', and "
            "fmt keeps it)"
        )
    return _("fmt would lose this comment; left as it is")


def _moved_reason(moved: Displaced) -> str:
    key = moved.key
    if key is None:
        return _(
            "fmt cannot keep this comment where it stands; left as it is (write it at the "
            "end of the line it is about, '...  # comment', and fmt keeps it there)"
        )
    return _(
        "this comment stands right above '{key}', which fmt moves down, and fmt cannot tell "
        "whether it is about '{key}' or about all that follows; left as it is (if it is about "
        "'{key}', write it at the end of its line, '{key}: ...  # comment'; if it is about all "
        "that follows, put a blank line below it)"
    ).format(key=key)


def _changed_line(text: str, formatted: str) -> int:
    """The first line where the two texts differ (where to look)."""
    for number, (a, b) in enumerate(
        zip(text.splitlines(), formatted.splitlines(), strict=False), start=1
    ):
        if a != b:
            return number
    return 1


def format_repository(
    root: Path, paths: Sequence[Path] = (), *, write: bool = True
) -> list[Outcome]:
    return [
        format_file(root, path, model, write=write) for path, model in record_files(root, paths)
    ]
