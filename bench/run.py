"""Benchmark: intstrat at 1,000, 10,000 and 50,000 projects, cold and warm, beside its peers.

    python bench/run.py [--sizes 1000 10000 50000] [--repeat 5] [--peers-up-to 10000]
    python bench/run.py --only check|iati|site|startup|pdf [--sizes 10000]

Also the documents (`report`, `followup`) on the example and the synthetic
repositories, `export iati`, and the web site (`site`, up to 10,000 projects).

Every measurement is a fresh process; the table gives medians of `--repeat` runs (one
run at 50,000 unless asked for more) of the wall time, the CPU time (user and system, of
the process and its workers) and the peak memory (the largest resident set of the
process or any worker). *Cold* runs start without the content cache (`.intstrat-cache/`
removed before each); *warm* runs find it, with nothing changed; *one file changed* runs
find it with one project's bytes changed since. The operating system's file cache is
warm in all, as in CI after a checkout. check-jsonschema and yamllint run alternately
with `check` in the same loop, so all three see the same machine load; the load average
is printed at the start and the end. check-jsonschema validates the project files
against the schema intstrat exports, which is only layer 2 of `check` (no YAML refusals,
no positions, no repository rules); yamllint checks YAML syntax and style only.
intstrat's bytecode is compiled before the first measurement, as an installed copy has
it.
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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
TODAY = "2026-01-01"
CACHE = ".intstrat-cache"
#: Two words in most generated projects: a search that ranks thousands of hits.
SEARCH = ["hållbar", "förskola"]


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    memory_mb: float


def measure(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Run:
    """One fresh process: wall time, CPU time and peak memory (its workers' included)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if code not in ok:
        sys.exit(f"{' '.join(command[:4])} ... failed ({code}):\n{errors[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def medians(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.memory_mb for r in runs),
    )


def cell(run: Run) -> str:
    return f"{run.wall:.2f} s ({run.cpu:.2f} s CPU, {run.memory_mb:.0f} MB)"


def tool(name: str) -> str | None:
    """A peer tool: beside this Python first, then on PATH."""
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    return found


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


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def repository(size: int) -> Path:
    path = HERE / "repos" / f"n{size}"
    config = path / "intstrat.yaml"
    project = path / "data/projects/projekt-0.yaml"
    # Generated before the themes had DAC sectors, or applications a decision date.
    if (
        not config.exists()
        or "dac_sector" not in config.read_text(encoding="utf-8")
        or "decided:" not in project.read_text(encoding="utf-8")
    ):
        generate(size, path)
        # Files older than the cache's "just changed" margin, as in a checkout in use.
        old = time.time() - 3600
        for file in path.rglob("*.yaml"):
            os.utime(file, (old, old))
    subprocess.run(
        [BIN / "intstrat", "schema", "-o", "schemas"], cwd=path, check=True, capture_output=True
    )
    return path


def drop_cache(path: Path) -> None:
    shutil.rmtree(path / CACHE, ignore_errors=True)


def intstrat(*args: str) -> list[str]:
    return [str(BIN / "intstrat"), *args]


def alternately(
    commands: Mapping[str, tuple[list[str], Callable[[], None] | None, tuple[int, ...]]],
    cwd: Path,
    repeat: int,
) -> dict[str, Run]:
    """Each command `repeat` times, taking turns, so all see the same load."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, before, ok) in commands.items():
            if before is not None:
                before()
            runs[name].append(measure(command, cwd, ok))
    return {name: medians(found) for name, found in runs.items()}


def one_file_changed(path: Path) -> Callable[[], None]:
    """What runs before each "one file changed" check: one project's bytes change (a
    comment comes or goes, so the repository stays as it was every other time), as
    after a contact person's pull request. Then a pause past the content cache's margin
    for files changed just now (`RACY_NS`), so the runs after it find the file settled,
    as they would in use; the pause is not timed."""
    file = path / "data/projects/projekt-0.yaml"
    original = file.read_bytes().removesuffix(b"# changed by the benchmark\n")

    def change() -> None:
        now = file.read_bytes()
        file.write_bytes(
            original + b"# changed by the benchmark\n" if now == original else original
        )
        time.sleep(2.1)

    return change


def size_rows(
    size: int, repeat: int, peers: bool, *, check_only: bool = False
) -> list[tuple[str, Run, str]]:
    """The table's rows for one size: (what, run, note)."""
    path = repository(size)
    check = intstrat("check", "--today", TODAY)
    measure(check, path)  # file cache and intstrat's cache warm
    commands: dict[str, tuple[list[str], Callable[[], None] | None, tuple[int, ...]]] = {
        "check, cold": (check, lambda: drop_cache(path), (0,)),
        "check, warm": (check, None, (0,)),
        "check, one file changed": (check, one_file_changed(path), (0,)),
    }
    if peers:
        projects = sorted(str(p.relative_to(path)) for p in (path / "data/projects").glob("*.yaml"))
        jsonschema, yamllint = tool("check-jsonschema"), tool("yamllint")
        if jsonschema is None or yamllint is None:
            sys.exit("check-jsonschema or yamllint is missing: pip install -e '.[bench]'")
        commands["check-jsonschema (peer)"] = (
            [jsonschema, "--schemafile", "schemas/project.schema.json", *projects],
            None,
            (0,),
        )
        relaxed = "{extends: relaxed, rules: {line-length: disable}}"
        commands["yamllint (peer)"] = ([yamllint, "-d", relaxed, "data"], None, (0, 1))
    results = alternately(commands, path, repeat)
    if check_only:
        return _rows(size, results)
    # The cold check above left the cache in place for the warm ones that follow.
    others = {
        "search, cold": (intstrat("search", *SEARCH), lambda: drop_cache(path), (0,)),
        "search, warm": (intstrat("search", *SEARCH), None, (0,)),
        "report html, cold": (
            intstrat("report", "2023", "-f", "html", "-o", "report.html", "--allow-errors"),
            lambda: drop_cache(path),
            (0,),
        ),
        "report html, warm": (
            intstrat("report", "2023", "-f", "html", "-o", "report.html", "--allow-errors"),
            None,
            (0,),
        ),
        "export sqlite, warm": (intstrat("export", "sqlite", "-o", "export.sqlite"), None, (0,)),
        "export json, warm": (intstrat("export", "json", "-o", "export.json"), None, (0,)),
    }
    measure(intstrat("search", *SEARCH), path)  # the index made
    results |= alternately(others, path, repeat)
    return _rows(size, results)


def _rows(size: int, results: dict[str, Run]) -> list[tuple[str, Run, str]]:
    rows = []
    for what, run in results.items():
        note = ""
        if what.endswith("(peer)"):
            note = f"{run.wall / results['check, cold'].wall:.1f}x the time of a cold `check`"
        rows.append((f"{what}, {size:,} projects", run, note))
    return rows


def iati(sizes: list[int], repeat: int) -> None:
    """`export iati` of every project (all kinds), schema and rules validated, per size.

    `check` runs alternately on the same repository, so the two figures see the same
    machine load: the export loads and checks the repository first, like `check`.
    """
    for size in sizes:
        path = repository(size)
        command = intstrat("export", "iati", "-o", "iati.xml", "--today", TODAY)
        command += ["--kind", "project", "--kind", "prestudy", "--kind", "activity"]
        measure(command, path)
        found = alternately(
            {
                "export": (command, None, (0,)),
                "check": (intstrat("check", "--today", TODAY), None, (0,)),
            },
            path,
            repeat,
        )
        print(
            f"| `export iati` (written and validated), {size:,} projects | "
            f"{cell(found['export'])} | `check`: {cell(found['check'])} |",
            flush=True,
        )


def startup(repeat: int) -> list[tuple[str, Run, str]]:
    """`--help`, and `check` of a 30-file repository (27 projects, 2 partners, a config)."""
    small = HERE / "repos" / "n27"
    if not (small / "intstrat.yaml").exists():
        generate(27, small)
    measure(intstrat("check", "--today", TODAY), small)
    found = alternately(
        {
            "`intstrat --help`": (intstrat("--help"), None, (0,)),
            "`check`, 30 files, warm": (intstrat("check", "--today", TODAY), None, (0,)),
            "`check`, 30 files, cold": (
                intstrat("check", "--today", TODAY),
                lambda: drop_cache(small),
                (0,),
            ),
        },
        small,
        max(repeat, 10),
    )
    return [(what, run, "") for what, run in found.items()]


def pdf(repeat: int) -> list[tuple[str, Run, str]]:
    path = repository(1000)
    command = intstrat("report", "2023", "-f", "pdf", "-o", "report.pdf", "--allow-errors")
    measure(command, path)
    found = alternately({"pdf": (command, None, (0,))}, path, repeat)
    return [("`report 2023 --format pdf`, 1,000 projects, warm", found["pdf"], "")]


def site(sizes: list[int], repeat: int) -> None:
    """`intstrat site` of the example repository and of each size, both languages.

    The output folder is new each time (replacing a site of 10,000 projects means
    deleting 23,000 files first, which is the file system's time, not ours). CPU time
    is shown beside the wall clock: on a shared machine the wall clock also counts
    the waiting for a core.
    """
    import tempfile

    def build(path: Path) -> Run:
        with tempfile.TemporaryDirectory(dir=HERE / "repos") as folder:
            return measure(intstrat("site", "-o", f"{folder}/site", "--today", TODAY), path)

    found = medians([build(ROOT) for _ in range(max(repeat, 3))])
    print(f"| `site`, example repository | {cell(found)} | |", flush=True)
    for size in sizes:
        path = repository(size)
        found = medians([build(path) for _ in range(min(repeat, 3))])
        print(
            f"| `site`, {size:,} projects | {cell(found)} | "
            f"{1000 * found.wall / size:.2f} s per 1,000 |",
            flush=True,
        )


def documents(sizes: list[int], repeat: int) -> list[tuple[str, Run, str]]:
    """The example repository's PDFs, and the follow-up in HTML at each size (warm)."""
    out = HERE / "repos"
    found = alternately(
        {
            "`report 2023 --format pdf`, example repository": (
                intstrat("report", "2023", "-f", "pdf", "-o", str(out / "example.pdf")),
                None,
                (0,),
            ),
            "`followup 2023-2026 --format pdf`, example repository": (
                intstrat("followup", "2023-2026", "-f", "pdf", "-o", str(out / "followup.pdf")),
                None,
                (0,),
            ),
        },
        ROOT,
        repeat,
    )
    rows = [(what, run, "") for what, run in found.items()]
    for size in sizes:
        path = repository(size)
        command = intstrat(
            "followup", "2023-2026", "-f", "html", "-o", "followup.html", "--allow-errors"
        )
        measure(command, path)
        run = medians([measure(command, path) for _ in range(repeat)])
        rows.append((f"`followup 2023-2026 --format html`, {size:,} projects, warm", run, ""))
    return rows


def compile_bytecode() -> None:
    """Compile intstrat's modules, as pip does when it installs a package.

    An editable install has no bytecode until a run writes it, and none is ever
    written where PYTHONDONTWRITEBYTECODE is set (as on the development machine):
    then every measured process compiled intstrat's source again (about 0.1 s), which
    no installed copy does.
    """
    import compileall

    import intstrat

    compileall.compile_dir(Path(intstrat.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=1,
        help="Runs of each command at sizes above 10,000 (default 1).",
    )
    parser.add_argument(
        "--peers-up-to",
        type=int,
        default=10000,
        help="Run check-jsonschema and yamllint at sizes up to this (default 10,000).",
    )
    parser.add_argument(
        "--only",
        choices=["check", "iati", "site", "startup", "pdf"],
        help="Run only this part (check: cold, warm and one file changed, with the peers).",
    )
    args = parser.parse_args()
    compile_bytecode()
    print(f"Machine: {machine()}")
    print(f"Load average at the start: {load()} (1, 5, 15 minutes)")
    print(f"Medians of {args.repeat} runs, each a fresh process; memory is the peak.\n")
    if args.only == "iati":
        print("| what | intstrat | beside it |\n|---|---:|---:|")
        iati(args.sizes, args.repeat)
        print(f"\nLoad average at the end: {load()}")
        return
    if args.only == "site":
        print("| what | time (CPU, peak memory) | |\n|---|---:|---:|")
        site(args.sizes, args.repeat)
        print(f"\nLoad average at the end: {load()}")
        return
    print("| what | time (CPU, peak memory) | note |\n|---|---:|---|")
    rows: list[tuple[str, Run, str]] = []
    if args.only in (None, "startup"):
        rows += startup(args.repeat)
    if args.only in (None, "pdf"):
        rows += pdf(args.repeat)
    for what, run, note in rows:
        print(f"| {what} | {cell(run)} | {note} |", flush=True)
    if args.only == "check":
        for size in args.sizes:
            repeat = args.repeat if size <= 10000 else args.repeat_large
            peers = size <= args.peers_up_to
            for what, run, note in size_rows(size, repeat, peers, check_only=True):
                print(f"| {what} | {cell(run)} | {note} |", flush=True)
    if args.only is None:
        for size in args.sizes:
            repeat = args.repeat if size <= 10000 else args.repeat_large
            for what, run, note in size_rows(size, repeat, size <= args.peers_up_to):
                print(f"| {what} | {cell(run)} | {note} |", flush=True)
        small = [size for size in args.sizes if size <= 10000]
        for what, run, note in documents(small, args.repeat):
            print(f"| {what} | {cell(run)} | {note} |", flush=True)
        iati(small, args.repeat)
        site(small, args.repeat)
    print(f"\nLoad average at the end: {load()}")


if __name__ == "__main__":
    main()
