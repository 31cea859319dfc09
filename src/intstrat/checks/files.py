"""Findings about files themselves rather than records: stray files, files left by an
interrupted write, images that are missing or lead out of the repository.

Apart from the rules (`checks.rules`) because they look at the file system as it is
now, not at records: a check that answers from the findings of an unchanged
repository (`checks.remembered`) runs these again, and they import nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intstrat.fileio import leftover_temporaries
from intstrat.i18n import _
from intstrat.loading.diagnostics import Diagnostic
from intstrat.loading.files import FileRefused, resolve_inside
from intstrat.loading.listing import CONFIG_FILE, PARTNERS_DIR, PROJECTS_DIR

if TYPE_CHECKING:
    from intstrat.loading.parse import Loc
    from intstrat.loading.repository import Entry, Repository

#: Folders where intstrat writes beside a file (fmt, schema) and may leave a temporary one.
WRITTEN_FOLDERS = ("", PARTNERS_DIR, PROJECTS_DIR, "schemas")


def stray_findings(root: Path, stray: list[str]) -> list[Diagnostic]:
    """R013 for each YAML file or folder under data/ that intstrat does not read."""
    found = []
    for path in stray:
        name = path.rsplit("/", 1)[-1]
        if (root / path).is_dir():
            advice = _("records go directly in data/projects/ or data/partners/")
        elif name.lower().endswith((".yml", ".yaml")) and not name.endswith(".yaml"):
            stem = name.rsplit(".", 1)[0]
            advice = _("rename it to {name}").format(name=f"{stem}.yaml")
        else:
            advice = _("move it to data/projects/ or data/partners/")
        message = _("intstrat does not read this file; {advice}").format(advice=advice)
        found.append(Diagnostic(path, 1, 1, "R013", message))
    return found


def temporaries_findings(root: Path) -> list[Diagnostic]:
    """R015: a write killed half-way (`kill -9`, a power cut) leaves `.NAME.XXXX.tmp`."""
    message = _(
        "a temporary file left by an interrupted write (fmt, new or schema was "
        "stopped); the file it was written for is intact, so this one is safe "
        "to delete"
    )
    return [
        Diagnostic(path.relative_to(root).as_posix(), 1, 1, "R015", message)
        for folder in WRITTEN_FOLDERS
        for path in leftover_temporaries(root / folder)
    ]


def named_images(repo: Repository) -> Iterator[tuple[str, Loc, str]]:
    """Every image the records and intstrat.yaml name, as (file, key, image): what R014
    looks at, and what a check answered from memory looks at again (`checks.remembered`).
    Records with errors count with the fields that validated (see `Entry.invalid`)."""
    entries: list[Entry[Any]] = [
        *repo.partner_entries,
        *repo.partial_partners,
        *repo.project_entries,
        *repo.partial_projects,
    ]
    for entry in entries:
        if entry.record.image is not None:
            yield entry.path, ("image",), entry.record.image
    config = repo.config
    cover = config.brochure.cover_image if config and config.brochure else None
    if cover is not None:
        yield CONFIG_FILE, ("brochure", "cover_image"), cover


def image_problem(root: Path, image: str) -> str | None:
    """Why `image` cannot be used (None when it is a file inside the repository).

    The real path counts: a symbolic link out of the repository is refused, so a
    brochure never embeds a file from elsewhere on the machine.
    """
    try:
        real = resolve_inside(root, image)
    except FileRefused as refused:
        if refused.why == "outside":
            return _(
                "image '{image}' is a symbolic link out of the repository; put the image "
                "file itself in the repository"
            ).format(image=image)
        if refused.why == "loop":
            return _(
                "image '{image}' is a symbolic link that leads back to itself; replace it "
                "with the image file"
            ).format(image=image)
    else:
        if real.is_file():
            return None
    return _(
        "image '{image}' is not a file in the repository; add it, or correct the path "
        "(relative to the folder with intstrat.yaml)"
    ).format(image=image)
