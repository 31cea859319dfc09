"""The message catalogues: extract, update, compile, and find what is missing.

    python tools/i18n.py          # extract, update the .po files, compile the .mo files
    python tools/i18n.py --check  # change nothing; list problems, exit 1 if any

Messages come from two places: `_()`, `ngettext()` and `N_()` calls in the
source (Babel's Python extractor), and the command line's help texts (command
help, summaries, examples, option help and metavars), read from the commands
themselves so a help text needs no marker. The framework's own words (click's
and typer's "Usage", "Options", error messages) are extracted from their
installed sources into a catalogue of their own.

Files: `src/intstrat/locale/{intstrat,framework}.pot` (templates),
`src/intstrat/locale/sv/LC_MESSAGES/*.po` (translations, sorted by message,
file names without line numbers so edits elsewhere do not churn them) and
`*.mo` (compiled, read at run time). Dates in the headers are fixed, so running
this twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
import string
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "intstrat"
LOCALE = PACKAGE / "locale"
TRANSLATED = ("sv",)
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None, "invalid": (2,)}
FRAMEWORK_MODULES = [
    ("typer", ["core.py", "main.py"]),
]  # fmt: skip


HEADER = """\
# {title}
# This file is distributed under the same licence as intstrat (MIT).
# Made by tools/i18n.py ('make i18n'); translate the empty msgstr "" entries."""


def _catalog(project: str) -> Catalog:
    return Catalog(
        project=project,
        header_comment=HEADER.format(title=f"Messages of {project}."),
        copyright_holder="The intstrat developers",
        msgid_bugs_address="https://github.com/intstrat/intstrat/issues",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        last_translator="The intstrat developers",
        language_team="Swedish",
        fuzzy=False,
    )


def help_texts() -> Iterator[tuple[str, str]]:
    """(text, where) for every help text of the command line, in English."""
    from typer.main import get_command

    from intstrat.cli import app

    def walk(command: Any, path: str) -> Iterator[tuple[str, str]]:
        for attr in ("help", "short_help"):
            text = getattr(command, attr, None)
            if text:
                yield text, path
        for param in command.params:
            for attr in ("help", "metavar"):
                text = getattr(param, attr, None)
                if text:
                    yield text, f"{path}.{param.name}"
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, f"{path}.{name}")

    yield from walk(get_command(app), "cli:intstrat")


def extract() -> Catalog:
    """The template of intstrat's own messages."""
    catalog = _catalog("intstrat")
    for filename, _lineno, message, comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        location = (f"src/intstrat/{filename}", 0)
        catalog.add(message, locations=[location], auto_comments=comments)
    for text, where in help_texts():
        catalog.add(text, locations=[(where, 0)])
    return catalog


def extract_framework() -> Catalog:
    """The template of click's and typer's words, from their installed sources."""
    import importlib

    catalog = _catalog("framework")
    for package, modules in FRAMEWORK_MODULES:
        folder = Path(importlib.import_module(package).__file__ or "").parent
        for module in modules:
            path = folder / module
            for _lineno, message, _comments, _context in extract_from_file(
                "python", str(path), keywords={"_": None, "ngettext": (1, 2)}
            ):
                catalog.add(message, locations=[(f"{package}/{module}", 0)])
    return catalog


def _po_path(lang: str, domain: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def _read(path: Path, lang: str, domain: str) -> Catalog:
    if not path.exists():
        catalog = _catalog(domain)
        catalog.locale = lang
        catalog.domain = domain
        return catalog
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=domain)


def _po_bytes(catalog: Catalog, *, template: bool = False) -> bytes:
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=100,
        sort_output=True,
        include_lineno=False,
        omit_header=False,
        ignore_obsolete=True,
    )
    # The Babel version in the header would make files differ between machines.
    return re.sub(rb'"Generated-By: [^"]*"\n', b"", buffer.getvalue())


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _updated(template: Catalog, lang: str, domain: str) -> Catalog:
    catalog = _read(_po_path(lang, domain), lang, domain)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    catalog.obsolete.clear()
    return catalog


def _files() -> dict[Path, bytes]:
    """Every catalogue file as it should be."""
    files: dict[Path, bytes] = {}
    for domain, template in (("intstrat", extract()), ("framework", extract_framework())):
        files[LOCALE / f"{domain}.pot"] = _po_bytes(template, template=True)
        for lang in TRANSLATED:
            catalog = _updated(template, lang, domain)
            files[_po_path(lang, domain)] = _po_bytes(catalog)
            files[_po_path(lang, domain).with_suffix(".mo")] = _mo_bytes(catalog)
    return files


FIELD = string.Formatter()


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in FIELD.parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def _forms(message: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(msgids, msgstrs) of a message, one of each or the plural forms."""
    ids = tuple(message.id) if isinstance(message.id, (tuple, list)) else (str(message.id),)
    strings = message.string
    strs = tuple(strings) if isinstance(strings, (tuple, list)) else (str(strings or ""),)
    return ids, strs


def _messages(catalog: Catalog) -> dict[Any, Any]:
    """msgid -> msgstr of the translated messages, as gettext stores them."""
    out: dict[Any, Any] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids, strs = _forms(message)
        if len(ids) > 1:
            for n, text in enumerate(strs):
                if text:
                    out[(ids[0], n)] = text
        elif strs[0]:
            out[ids[0]] = strs[0]
    return out


def problems() -> list[str]:
    """What is wrong with the catalogues: untranslated or fuzzy messages, placeholders
    that differ, and files that do not hold what `python tools/i18n.py` would write."""
    found: list[str] = []
    for domain, template in (("intstrat", extract()), ("framework", extract_framework())):
        pot = LOCALE / f"{domain}.pot"
        wanted_ids = {m.id for m in template if m.id}
        if not pot.exists() or {m.id for m in _read(pot, "en", domain) if m.id} != wanted_ids:
            found.append(f"{pot.relative_to(ROOT)}: out of date; run 'make i18n'")
        for lang in TRANSLATED:
            po_path = _po_path(lang, domain)
            current = _read(po_path, lang, domain)
            if {m.id for m in current if m.id} != wanted_ids or current.obsolete:
                found.append(f"{po_path.relative_to(ROOT)}: out of date; run 'make i18n'")
            mo_path = po_path.with_suffix(".mo")
            try:
                with mo_path.open("rb") as handle:
                    compiled = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
            except OSError:
                compiled = {}
            compiled.pop("", None)
            if compiled != _messages(current):
                found.append(
                    f"{mo_path.relative_to(ROOT)}: not compiled from the .po; run 'make i18n'"
                )
            if domain != "intstrat":
                continue  # the framework's words: translated where they show, English elsewhere
            for message in _updated(template, lang, domain):
                if not message.id:
                    continue
                ids, strs = _forms(message)
                if message.fuzzy or not all(strs):
                    found.append(f"{lang}: no translation of {ids[0]!r}")
                    continue
                wanted_fields = set().union(*(_fields(i) for i in ids))
                for text in strs:
                    if _fields(text) != wanted_fields:
                        found.append(f"{lang}: placeholders of {ids[0]!r} differ in {text!r}")
    return found


def write() -> list[Path]:
    changed = []
    for path, data in _files().items():
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed.append(path)
    return changed


def untranslated(lang: str = "sv") -> Iterable[str]:
    template = extract()
    catalog = _updated(template, lang, "intstrat")
    return [_forms(m)[0][0] for m in catalog if m.id and not all(_forms(m)[1])]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    for path in write():
        print(f"wrote {path.relative_to(ROOT)}")
    missing = list(untranslated())
    if missing:
        print(f"{len(missing)} messages need a Swedish translation in "
              f"{_po_path('sv', 'intstrat').relative_to(ROOT)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
