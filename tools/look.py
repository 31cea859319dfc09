"""Render every document to PNG, so a person can look at each page: `make look`.

For the example data (this repository) and for `tools/look-repo` (long Swedish
words, a unit without work, no featured projects, no English texts), in Swedish
and English:

- the annual report as PDF (each page through pdftoppm), as Word (converted to
  PDF by LibreOffice, then each page) and as HTML (headless Chromium at 390 px,
  a phone, and 1280 px, a desktop, cut into screens);
- a one-unit report as PDF (its SDG chart shows only its own goals);
- the brochure as PDF and HTML;
- the follow-up of the mandate period as PDF (it shares the report's styles).

Everything goes to out/look/ with an index.html that shows all the pictures in
order. Tools that are missing (LibreOffice, Chromium, pdftoppm) are skipped
with a note; nothing here is needed by the tests or CI.

usage: python tools/look.py [--out out/look] [--only report unit word html brochure followup]
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = "2023"
FOLLOWUP = "2023-2026"
#: The example data, and a repository made to strain the layout.
REPOSITORIES = {"example": ROOT, "strain": ROOT / "tools" / "look-repo"}
#: A unit of each repository for the one-unit report.
UNITS = {"example": "veab", "strain": "arbetsmarknadsforvaltningen"}
WIDTHS = (390, 1280)
#: The height of one screen cut from a long page.
SCREEN = {390: 1600, 1280: 1100}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOPPM = shutil.which("pdftoppm")
SOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def intstrat(repo: Path, *args: str) -> None:
    """Run the installed intstrat on `repo`; a failure stops the look (it is a finding)."""
    command = [sys.executable, "-m", "intstrat", *args, "--repo", str(repo)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"look: {' '.join(args)} failed:\n{done.stderr}")
    for line in done.stderr.splitlines():
        if not line.startswith(("wrote ", "skrev ")):
            print(f"  {line}")


def pdf_pages(pdf: Path, into: Path, dpi: int = 60) -> list[Path]:
    if PDFTOPPM is None:
        print("  (pdftoppm is not installed: apt-get install poppler-utils)")
        return []
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-png", str(pdf), str(into / "page")], check=True)
    return sorted(into.glob("page-*.png"))


def word_pages(docx: Path, into: Path) -> list[Path]:
    """Word as LibreOffice lays it out (close to Word: A4, fonts, repeated headers)."""
    if SOFFICE is None:
        print("  (LibreOffice is not installed: apt-get install libreoffice-writer)")
        return []
    with tempfile.TemporaryDirectory(prefix="intstrat-look-") as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            capture_output=True, check=True, timeout=300,
        )  # fmt: skip
        return pdf_pages(Path(tmp) / f"{docx.stem}.pdf", into)


def screens(page: Path, into: Path) -> list[Path]:
    """The HTML page in headless Chromium at each width, cut into screens."""
    if CHROMIUM is None:
        print("  (Chromium is not installed: apt-get install chromium)")
        return []
    from PIL import Image  # Pillow comes with matplotlib (the documents extra)

    into.mkdir(parents=True, exist_ok=True)
    shots = []
    for width in WIDTHS:
        tall = into / f"w{width}.png"
        with tempfile.TemporaryDirectory(prefix="intstrat-look-") as profile:
            subprocess.run(
                [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
                 f"--screenshot={tall}", f"--window-size={width},16000", page.as_uri()],
                capture_output=True, check=True, timeout=120,
            )  # fmt: skip
        with Image.open(tall) as image:
            rgb = image.convert("RGB")
        height = _content_height(rgb)
        if height >= rgb.height:
            print(f"  (the page is longer than {rgb.height} px at {width} px; the rest is cut)")
        for n, top in enumerate(range(0, height, SCREEN[width]), start=1):
            shot = into / f"w{width}-{n:02d}.png"
            rgb.crop((0, top, width, min(top + SCREEN[width], height))).save(shot)
            shots.append(shot)
        tall.unlink()
    return shots


def _content_height(image: object) -> int:
    """Where the page's content ends: the last row that is not all background."""
    from PIL import Image, ImageChops

    assert isinstance(image, Image.Image)
    background = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
    box = ImageChops.difference(image, background).getbbox()
    return min(image.height, (box[3] if box else image.height) + 24)


def sheets(images: list[Path], into: Path, per_sheet: int = 4) -> list[Path]:
    """Pictures side by side, a few to a sheet: pages in a row read like a spread."""
    from PIL import Image

    made = []
    for n, start in enumerate(range(0, len(images), per_sheet), start=1):
        group = [Image.open(i).convert("RGB") for i in images[start : start + per_sheet]]
        width = sum(g.width for g in group) + 12 * (len(group) - 1)
        sheet = Image.new("RGB", (width, max(g.height for g in group)), (128, 128, 128))
        x = 0
        for g in group:
            sheet.paste(g, (x, 0))
            x += g.width + 12
        into.mkdir(parents=True, exist_ok=True)
        made.append(into / f"sheet-{n:02d}.png")
        sheet.save(made[-1])
    return made


def report_pdf(repo: Path, lang: str, base: Path) -> list[Path]:
    intstrat(repo, "report", YEAR, "--lang", lang, "-o", str(base / "report.pdf"))
    return pdf_pages(base / "report.pdf", base / "report")


def unit_pdf(repo: Path, lang: str, base: Path, unit: str) -> list[Path]:
    pdf = base / "report-unit.pdf"
    intstrat(repo, "report", YEAR, "--lang", lang, "--unit", unit, "-o", str(pdf))
    return pdf_pages(pdf, base / "report-unit")


def report_word(repo: Path, lang: str, base: Path) -> list[Path]:
    intstrat(repo, "report", YEAR, "--lang", lang, "-o", str(base / "report.docx"))
    return word_pages(base / "report.docx", base / "report-docx")


def report_html(repo: Path, lang: str, base: Path) -> list[Path]:
    intstrat(repo, "report", YEAR, "--lang", lang, "-o", str(base / "report.html"))
    return screens(base / "report.html", base / "report-html")


def brochure(repo: Path, lang: str, base: Path) -> list[Path]:
    intstrat(repo, "brochure", "--lang", lang, "-o", str(base / "brochure.pdf"))
    intstrat(repo, "brochure", "--lang", lang, "-o", str(base / "brochure.html"))
    pages = pdf_pages(base / "brochure.pdf", base / "brochure")
    return pages + screens(base / "brochure.html", base / "brochure-html")


def followup(repo: Path, lang: str, base: Path) -> list[Path]:
    """The mandate period's follow-up shares report.css: its pages are looked at too."""
    intstrat(repo, "followup", FOLLOWUP, "--lang", lang, "-o", str(base / "followup.pdf"))
    return pdf_pages(base / "followup.pdf", base / "followup")


def look(out: Path, only: set[str]) -> list[tuple[str, list[Path]]]:
    shown: list[tuple[str, list[Path]]] = []
    for name, repo in REPOSITORIES.items():
        for lang in ("sv", "en"):
            base = out / name / lang
            base.mkdir(parents=True, exist_ok=True)
            steps: list[tuple[str, str, Callable[[], list[Path]]]] = [
                ("report", f"report {YEAR} (PDF)", partial(report_pdf, repo, lang, base)),
                ("unit", f"report {YEAR} for {UNITS[name]} (PDF)",
                 partial(unit_pdf, repo, lang, base, UNITS[name])),
                ("word", f"report {YEAR} (Word through LibreOffice)",
                 partial(report_word, repo, lang, base)),
                ("html", f"report {YEAR} (HTML at 390 and 1280 px)",
                 partial(report_html, repo, lang, base)),
                ("brochure", "brochure (PDF, HTML)", partial(brochure, repo, lang, base)),
                ("followup", f"follow-up {FOLLOWUP} (PDF)", partial(followup, repo, lang, base)),
            ]  # fmt: skip
            for kind, title, make in steps:
                if not only or kind in only:
                    print(f"{name} {lang}: {title}")
                    images = make()
                    shown.append((f"{name} {lang}: {title}", images))
                    contact_sheets(images)
    return shown


def contact_sheets(images: list[Path]) -> None:
    """Sheets of each folder's pictures: pages four to a sheet, screens of one width."""
    groups: dict[Path, list[Path]] = {}
    for image in images:
        groups.setdefault(image.parent, []).append(image)
    for folder, group in groups.items():
        for width in WIDTHS:
            screens_w = [g for g in group if g.name.startswith(f"w{width}-")]
            if screens_w:
                sheets(screens_w, folder / f"w{width}", 5 if width < 1000 else 2)
        pages = [g for g in group if g.name.startswith("page-")]
        if pages:
            sheets(pages, folder)


def index(out: Path, shown: list[tuple[str, list[Path]]]) -> Path:
    """One page with every picture, in order, each titled."""
    parts = ["<!DOCTYPE html><meta charset='utf-8'><title>intstrat: look</title>",
             "<style>body{font-family:sans-serif;background:#ddd}img{margin:4px;"
             "box-shadow:0 0 3px #888;vertical-align:top;max-width:100%}</style>"]  # fmt: skip
    for title, images in shown:
        parts.append(f"<h2>{html.escape(title)}</h2><div>")
        for image in images:
            rel = image.relative_to(out).as_posix()
            parts.append(f"<a href='{rel}'><img src='{rel}' alt='{html.escape(rel)}'></a>")
        parts.append("</div>")
    target = out / "index.html"
    target.write_text("\n".join(parts), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "look")
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        choices=["report", "unit", "word", "html", "brochure", "followup"],
    )
    args = parser.parse_args()
    out: Path = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shown = look(out, set(args.only))
    print(f"look: {sum(len(i) for _, i in shown)} pictures; open {index(out, shown)}")


if __name__ == "__main__":
    main()
