"""Every diagnostic code says its message in Swedish and in English.

One small repository holds one mistake per code; `check` runs once in each
language. The codes, lines and severities are the same in both; the text is not
(a translated message), and the Swedish text holds no English sentence.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from intstrat.checks.iati import IATI_RULES
from intstrat.checks.run import check
from intstrat.i18n import language
from intstrat.loading.diagnostics import CODES, Diagnostic
from tests.helpers import CONFIG, build_repo

TODAY = dt.date(2026, 11, 30)


def _project(ident: str, extra: str = "", **fields: str) -> str:
    base = {
        "id": ident,
        "title": "Ett projekt",
        "status": "completed",
        "owner": "utbildning",
        "period": "{start: 2019, end: 2021}",
        "summary": "Om projektet.",
    }
    base.update(fields)
    return "".join(f"{k}: {v}\n" for k, v in base.items() if v) + extra


#: File path -> text (or bytes) that gives the code beside it.
MISTAKES: dict[str, tuple[str, str | bytes]] = {
    "Y001": ("data/projects/y001.yaml", b"id: y001\ntitle: V\xe4xj\xf6\n"),
    "Y002": ("data/projects/y002.yaml", "id: y002\ntitle: Projekt: del 2\n"),
    "Y003": ("data/projects/y003.yaml", "id: y003\nstatus: idea\nstatus: ongoing\n"),
    "Y004": ("data/projects/y004.yaml", "id: y004\nperiod:\n\tstart: 2020\n"),
    "Y005": ("data/projects/y005.yaml", "id: !!str y005\n"),
    "Y006": ("data/projects/y006.yaml", "id: &a y006\ntitle: *a\n"),
    "Y007": ("data/projects/y007.yaml", "%YAML 1.2\n---\nid: y007\n"),
    "Y008": ("data/projects/y008.yaml", "id: y008\n---\nid: y008b\n"),
    "Y009": ("data/projects/y009.yaml", ""),
    "Y010": ("data/projects/y010.yaml", "- y010\n"),
    "Y011": ("data/projects/y011.yaml", "? [a, b]\n: y011\n"),
    "Y014": ("data/projects/y014.yaml", "extra: " + "[" * 70 + "]" * 70 + "\n"),
    "S001": ("data/projects/s001.yaml", _project("s001", colour="red")),
    "S002": ("data/projects/s002.yaml", _project("s002", owner="")),
    "S003": ("data/projects/s003.yaml", _project("s003", status="pågår")),
    "S004": ("data/projects/s004.yaml", _project("s004", sdgs="hello")),
    "S005": ("data/projects/s005.yaml", _project("s005", period="{start: 2021-13}")),
    "S006": ("data/projects/s006.yaml", _project("s006", partners="[Vushtrri Stad]")),
    "S007": (
        "data/partners/s007.yaml",
        "id: s007\nname: P\ntype: municipality\ncountry: Sverige\n",
    ),
    "S008": (
        "data/projects/s008.yaml",
        _project("s008", funding="[{funder: icld, amount: {value: 1, currency: KR}}]"),
    ),
    "S009": ("data/projects/s009.yaml", _project("s009", sdgs="[4, 18]")),
    "S011": (
        "data/partners/s011.yaml",
        "id: s011\nname: P\ntype: municipality\ncountry: SE\nwebsite: icld.se\n",
    ),
    "S012": ("data/projects/s012.yaml", _project("s012", title="x" * 400)),
    "S013": ("data/projects/s013.yaml", _project("s013", title='"Ett \\u0007projekt"')),
    "R001": ("data/projects/r001.yaml", _project("annat-id")),
    "R003": ("data/projects/r003.yaml", _project("r003", owner="utbildnin")),
    "R004": ("data/projects/r004.yaml", _project("r004", period="{start: 2021, end: 2019}")),
    "R005": ("data/projects/r005.yaml", _project("r005", period="{start: 2019}")),
    "R006": ("data/projects/r006.yaml", _project("r006", status="applied")),
    "R007": (
        "data/projects/r007.yaml",
        _project(
            "r007",
            status="rejected",
            application="{funder: icld, submitted: 2020, outcome: granted}",
        ),
    ),
    "R008": (
        "data/projects/r008.yaml",
        _project("r008", results="[{id: r, title: Ett resultat, date: 2015}]"),
    ),
    "R010": (
        "data/projects/r010.yaml",
        _project("r010", travel="[{date: 2020-05, destination: ZA, travellers: 2, flight: true}]"),
    ),
    # R011's project runs with the partnership of R016, and none is featured.
    "R011": ("data/projects/r011.yaml", _project("r011", status="ongoing", partners="[r016]")),
    "R012": (
        "data/projects/r012.yaml",
        _project(
            "r012",
            application="{funder: icld, submitted: 2020-05, decided: 2020-01, outcome: granted}",
        ),
    ),
    "R013": ("data/projects/r013.yml", _project("r013")),
    "R014": ("data/projects/r014.yaml", _project("r014", image="images/saknas.png")),
    "R015": ("data/projects/.r015.yaml.x1y2.tmp", "id: r015\n"),
    "R016": (
        "data/partners/r016.yaml",
        "id: r016\nname: P\ntype: municipality\ncountry: SE\nsince: 2010\n",
    ),
    "R017": (
        "data/projects/r017.yaml",
        _project(
            "r017",
            status="applied",
            application="{funder: icld, submitted: 2020}",
            funding="[{funder: icld, amount: {value: 500000, currency: SEK}}]",
        ),
    ),
    "I004": ("data/projects/i004.yaml", _project("i004", summary="", kind="project")),
}
#: Codes this repository shows without a file of their own (config-wide findings).
ELSEWHERE = {"R002", "R009", "I001", "I005", "I007"}


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[Diagnostic]]]:
    root = tmp_path_factory.mktemp("mistakes")
    # tests/helpers.py's config asks for a contact per unit and compensated flights
    # (R009, R010); a second unit 'omsorg' without a contact gives R002 and R009.
    config = CONFIG.replace(
        "  - id: omsorg\n    name: Omsorgsförvaltningen\n    contact: {name: Omar Olsson}\n",
        "  - id: omsorg\n    name: Omsorgsförvaltningen\n  - id: omsorg\n    name: Omsorg igen\n",
    )
    build_repo(root, {"intstrat.yaml": config, "data/projects/sekos-2.yaml": ""})
    (root / "data/projects/omsorgens.yaml").write_text(_project("omsorgens", owner="omsorg"))
    for path, text in MISTAKES.values():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    out: dict[str, dict[str, list[Diagnostic]]] = {}
    for lang in ("sv", "en"):
        with language(lang):
            result = check(root, [], TODAY, IATI_RULES)
        by_code: dict[str, list[Diagnostic]] = {}
        for d in result.diagnostics:
            by_code.setdefault(d.code, []).append(d)
        out[lang] = by_code
    return out


#: Words of English sentences that a Swedish message must not hold (outside quotes).
ENGLISH = re.compile(r"\b(the|is|are|must|missing|unknown|expected|should|allowed|not|write)\b")


def _prose(message: str) -> str:
    """The message without what it quotes (values, keys, examples, file names)."""
    return re.sub(r"'[^']*'|\"[^\"]*\"|\{[^}]*\}|\S+\.ya?ml\S*|--?[a-z-]+", "", message)


@pytest.mark.parametrize("code", sorted(set(MISTAKES) | ELSEWHERE))
def test_every_code_in_both_languages(
    code: str, findings: dict[str, dict[str, list[Diagnostic]]]
) -> None:
    swedish, english = findings["sv"].get(code), findings["en"].get(code)
    assert swedish and english, f"{code} was not found"
    assert [(d.path, d.line, d.column, d.severity) for d in swedish] == [
        (d.path, d.line, d.column, d.severity) for d in english
    ]
    for sv, en in zip(swedish, english, strict=True):
        assert sv.message != en.message, f"{code}: not translated: {sv.message}"
        assert not ENGLISH.search(_prose(sv.message)), f"{code}: English in {sv.message!r}"


def test_the_table_covers_the_codes() -> None:
    """Codes left out need a reason: they cannot be made in a plain folder of files."""
    left_out = set(CODES) - set(MISTAKES) - ELSEWHERE
    assert left_out == {
        "Y012",  # unreadable: needs permissions root ignores (tests/test_failures.py)
        "Y013",  # a symbolic link out of the repository (tests/test_faults.py)
        "Y015",  # a file over 1 MB (tests/test_faults.py)
        "S010",  # format: 2 stops the config, and so every other finding here
        "I002",  # a wrong check digit needs an organisation number, which I001 needs absent
        "I003",  # no period: S-codes here already break the projects that lack one
        "I006",
        "I008",
        "I009",
        "I010",
    }


def test_the_swedish_catalogue_keeps_yaml_words() -> None:
    """`true`, `false` and `null` are what a file holds in any language: a translation
    that says `sant eller falskt` asks for text YAML does not read as true or false."""
    from pathlib import Path

    from babel.messages.pofile import read_po

    po = Path(__file__).parent.parent / "src/intstrat/locale/sv/LC_MESSAGES/intstrat.po"
    with po.open("rb") as file:
        catalogue = read_po(file)
    lost = []
    for message in catalogue:
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = (
            [message.string] if isinstance(message.string, str) else list(message.string or ())
        )
        for word in re.findall(r"\b(true|false|null)\b", str(ids[0])):
            if not all(re.search(rf"\b{word}\b", str(text)) for text in strings if text):
                lost.append((ids[0], word))
    assert lost == []
