"""Benchmark: `intstrat check` against check-jsonschema on the same files, and the
documents (`report`, `followup`) on the example and the synthetic repositories.

    python bench/run.py [--sizes 1000 10000] [--repeat 5] [--only iati]

Every measurement is a fresh process (a cold start of intstrat; the operating
system's file cache is warm after the first run, as it is in CI after checkout).
The tools run alternately, side by side in one run, so both see the same
machine load; the table reports medians. check-jsonschema validates the project
files against the schema intstrat exports, which is only layer 2 of what
`intstrat check` does (no YAML refusals, no positions, no repository rules).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
TODAY = "2026-01-01"


def timed(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(command[:3])} ... failed ({done.returncode}):\n{done.stderr.decode()}")
    return elapsed


def median(command: list[str], cwd: Path, repeat: int) -> float:
    return statistics.median(timed(command, cwd) for _ in range(repeat))


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def repository(size: int) -> Path:
    path = HERE / "repos" / f"n{size}"
    config = path / "intstrat.yaml"
    # A repository generated before the themes had DAC sectors cannot be exported to IATI.
    if not config.exists() or "dac_sector" not in config.read_text(encoding="utf-8"):
        generate(size, path)
    subprocess.run(
        [BIN / "intstrat", "schema", "-o", "schemas"], cwd=path, check=True, capture_output=True
    )
    return path


def compare(size: int, repeat: int) -> tuple[float, float]:
    """Medians of intstrat check and check-jsonschema, run alternately."""
    path = repository(size)
    projects = sorted(str(p.relative_to(path)) for p in (path / "data/projects").glob("*.yaml"))
    ours = [str(BIN / "intstrat"), "check", "--today", TODAY]
    theirs = [
        str(BIN / "check-jsonschema"),
        "--schemafile",
        "schemas/project.schema.json",
        *projects,
    ]
    timed(ours, path)  # warm the file cache for both
    ours_times, theirs_times = [], []
    for _ in range(repeat):
        ours_times.append(timed(ours, path))
        theirs_times.append(timed(theirs, path))
    return statistics.median(ours_times), statistics.median(theirs_times)


def iati(sizes: list[int], repeat: int) -> None:
    """`export iati` of every project (all kinds), schema and rules validated, per size.

    `check` runs alternately on the same repository, so the two figures see the same
    machine load: the export loads and checks the repository first, like `check`.
    """
    for size in sizes:
        path = repository(size)
        if "decided:" not in (path / "data/projects/projekt-0.yaml").read_text("utf-8"):
            generate(size, path)  # generated before applications had a decision date
        command = [str(BIN / "intstrat"), "export", "iati", "-o", "iati.xml", "--today", TODAY]
        command += ["--kind", "project", "--kind", "prestudy", "--kind", "activity"]
        check = [str(BIN / "intstrat"), "check", "--today", TODAY]
        timed(command, path)  # warm the file cache
        exports, checks = [], []
        for _ in range(repeat):
            exports.append(timed(command, path))
            checks.append(timed(check, path))
        print(
            f"| `export iati` (written and validated), {size:,} projects | "
            f"{statistics.median(exports):.2f} s | `check`: {statistics.median(checks):.2f} s | |",
            flush=True,
        )


def cpu_timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user and system, all its processes) of one command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(command, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def site(sizes: list[int], repeat: int) -> None:
    """`intstrat site` of the example repository and of each size, both languages.

    The output folder is new each time (replacing a site of 10,000 projects means
    deleting 23,000 files first, which is the file system's time, not ours). CPU time
    is shown beside the wall clock: on a shared machine the wall clock also counts
    the waiting for a core.
    """
    import tempfile

    def build(path: Path) -> tuple[float, float]:
        with tempfile.TemporaryDirectory(dir=HERE / "repos") as folder:
            command = [str(BIN / "intstrat"), "site", "-o", f"{folder}/site", "--today", TODAY]
            return cpu_timed(command, path)

    runs = [build(ROOT) for _ in range(max(repeat, 3))]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    print(f"| `site`, example repository | {wall:.2f} s | CPU {cpu:.2f} s | |", flush=True)
    for size in sizes:
        path = repository(size)
        runs = [build(path) for _ in range(min(repeat, 3))]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(
            f"| `site`, {size:,} projects | {wall:.2f} s | CPU {cpu:.2f} s | "
            f"{1000 * wall / size:.2f} s per 1,000 |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--only",
        choices=["iati", "site"],
        help="Run only this part (iati: the IATI export; site: the web site).",
    )
    args = parser.parse_args()
    if args.only == "site":
        print(f"Machine: {machine()}")
        print(f"Medians of {args.repeat} runs (3 at most per size), each a fresh process.\n")
        print("| what | intstrat | | |\n|---|---:|---:|---:|")
        site(args.sizes, args.repeat)
        return
    if args.only == "iati":
        print(f"Machine: {machine()}")
        print(f"Medians of {args.repeat} runs, each a fresh process.\n")
        print("| what | intstrat | | |\n|---|---:|---:|---:|")
        iati(args.sizes, args.repeat)
        return
    if shutil.which("check-jsonschema", path=str(BIN)) is None:
        sys.exit("check-jsonschema is missing: pip install -e '.[bench]'")

    print(f"Machine: {machine()}")
    print(f"Medians of {args.repeat} runs, each a fresh process.\n")
    print("| what | intstrat | check-jsonschema | ratio |")
    print("|---|---:|---:|---:|")
    help_time = median([str(BIN / "intstrat"), "--help"], ROOT, max(args.repeat, 10))
    print(f"| `intstrat --help` | {help_time:.2f} s | | |")
    example = median([str(BIN / "intstrat"), "check"], ROOT, max(args.repeat, 10))
    print(
        f"| `check`, example repository ({len(list((ROOT / 'data/projects').glob('*.yaml')))} "
        f"projects) | {example:.2f} s | | |"
    )
    pdf = median(
        [
            str(BIN / "intstrat"),
            "report",
            "2023",
            "-f",
            "pdf",
            "-o",
            str(HERE / "repos" / "example.pdf"),
        ],
        ROOT,
        args.repeat,
    )
    print(f"| `report 2023 --format pdf`, example repository | {pdf:.2f} s | | |")
    followup_pdf = median(
        [
            str(BIN / "intstrat"),
            "followup",
            "2023-2026",
            "-f",
            "pdf",
            "-o",
            str(HERE / "repos" / "followup.pdf"),
        ],
        ROOT,
        args.repeat,
    )
    print(f"| `followup 2023-2026 --format pdf`, example repository | {followup_pdf:.2f} s | | |")
    for size in args.sizes:
        html = median(
            [
                str(BIN / "intstrat"),
                "report",
                "2023",
                "-f",
                "html",
                "-o",
                "report.html",
                "--allow-errors",
            ],
            repository(size),
            args.repeat,
        )
        print(f"| `report 2023 --format html`, {size:,} projects | {html:.2f} s | | |", flush=True)
    for size in args.sizes:
        followup = median(
            [
                str(BIN / "intstrat"),
                "followup",
                "2023-2026",
                "-f",
                "html",
                "-o",
                "followup.html",
                "--allow-errors",
            ],
            repository(size),
            args.repeat,
        )
        print(
            f"| `followup 2023-2026 --format html`, {size:,} projects | {followup:.2f} s | | |",
            flush=True,
        )
    iati(args.sizes, args.repeat)
    site(args.sizes, args.repeat)
    for size in args.sizes:
        ours, theirs = compare(size, args.repeat)
        print(
            f"| `check`, {size:,} projects | {ours:.2f} s | {theirs:.2f} s | "
            f"{theirs / ours:.1f}x |",
            flush=True,
        )


if __name__ == "__main__":
    main()
