"""The site in a real browser: axe-core on every page type, the filters, the search,
keyboard focus, and no request leaving file://.

Headless Chromium (Debian's `chromium` and `chromium-driver`, which `.ci/run`
installs) driven by selenium; axe-core is the copy bundled by the
axe-playwright-python package (axe-core 4.x; only its JavaScript file is used).
Without Chromium or those packages the tests skip and say why.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from intstrat.loading.repository import load_repository
from intstrat.query.search import search
from intstrat.site import Options, build_site

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

MISSING = CHROMIUM is None or CHROMEDRIVER is None
#: CI installs Chromium (.ci/run), so there a missing browser fails instead of skipping.
IN_CI = bool(os.environ.get("CI"))

pytestmark = [
    pytest.mark.skipif(
        MISSING and not IN_CI,
        reason="headless Chromium is not installed (apt-get install chromium chromium-driver; "
        ".ci/run installs them)",
    ),
]


def _axe_script() -> str:
    try:
        from importlib.resources import files

        return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        pytest.skip("axe-core is missing: pip install -e '.[test]' (axe-playwright-python)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(
        load_repository(ROOT),
        out,
        Options(base_url="https://example.org/intstrat/", today=dt.date(2024, 5, 1)),
    )
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if MISSING:
        pytest.fail("CI runs the browser tests: .ci/run must install chromium and chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="intstrat-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    # Every request the pages make is recorded in the performance log (DevTools events).
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(browser: Any, site: Path, path: str) -> None:
    browser.get((site / path).as_uri() if "?" not in path else _with_query(site, path))


def _with_query(site: Path, path: str) -> str:
    page, query = path.split("?", 1)
    return f"{(site / page).as_uri()}?{query}"


def axe(browser: Any) -> list[dict[str, Any]]:
    browser.execute_script(_axe_script())
    options = json.dumps({"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    result = browser.execute_async_script(
        f"var done = arguments[arguments.length - 1]; axe.run(document, {options})"
        ".then(function (r) { done(r); }, function (e) { done({error: String(e)}); });"
    )
    assert "error" not in result, result
    assert result["passes"], "axe checked nothing"
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def report(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  "
        + "\n  ".join(str(n["target"]) + " " + n.get("failureSummary", "") for n in v["nodes"])
        for v in violations
    )


PAGE_TYPES = [
    "index.html",
    "projekt/index.html",
    "projekt/sekos-2/index.html",
    "partner/index.html",
    "partner/vushtrri/index.html",
    "lander/index.html",
    "lander/xk/index.html",
    "omraden/index.html",
    "omraden/social-hallbarhet/index.html",
    "ar/index.html",
    "ar/2021/index.html",
    "sok/index.html?q=vaxjo",
    "om-data/index.html",
    "tillganglighet/index.html",
    "en/index.html",
    "en/projects/index.html",
    "en/projects/sekos-2/index.html",
    "en/partners/jb-marks/index.html",
    "en/search/index.html?q=vaxjo",
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_finds_no_wcag_21_aa_violation(browser: Any, site: Path, path: str) -> None:
    open_page(browser, site, path)
    violations = axe(browser)
    assert violations == [], report(violations)


def test_axe_does_find_violations(browser: Any, tmp_path: Path) -> None:
    """The check above can fail: a page with known faults gets them reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>"
        '<img src="x.png"><p style="color:#aaa;background:#fff">grått</p>'
        '<input type="text"></main></body></html>',
        encoding="utf-8",
    )
    browser.get(bad.as_uri())
    found = {v["id"] for v in axe(browser)}
    assert {"html-has-lang", "image-alt", "color-contrast", "label"} <= found


def visible_rows(browser: Any) -> list[str]:
    """The ids of the projects the list shows (read in one go: the script redraws it)."""
    hrefs: list[str] = browser.execute_script(
        "return Array.from(document.querySelectorAll('#project-list > li > a'))"
        ".filter(function (a) { return a.offsetParent !== null; })"
        ".map(function (a) { return a.getAttribute('href'); });"
    )
    return sorted(h.split("/")[-2] for h in hrefs)


def test_project_list_filters_in_the_browser(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    open_page(browser, site, "projekt/index.html")
    assert len(visible_rows(browser)) == 30  # every project, before any filter
    assert browser.find_element(By.ID, "filters").is_displayed()  # shown by the script

    Select(browser.find_element(By.ID, "f-s")).select_by_value("ongoing")
    assert visible_rows(browser) == [
        "digital-omsorg",
        "energi-jb-marks",
        "klimatanpassning-kust",
        "mis-3",
        "ubc",
    ]
    status = browser.find_element(By.ID, "shown").text
    assert status == "Visar 5 av 30 projekt."

    Select(browser.find_element(By.ID, "f-s")).select_by_value("completed")
    Select(browser.find_element(By.ID, "f-c")).select_by_value("XK")
    # Completed, with a partner in Kosovo (Vushtrri is the only one there).
    assert visible_rows(browser) == [
        "daglig-verksamhet",
        "hemmasittare",
        "mis-2",
        "sekos-1",
        "sekos-2",
        "studiebesok-vushtrri-2023",
    ]
    Select(browser.find_element(By.ID, "f-y")).select_by_value("2021")
    rows_2021 = visible_rows(browser)
    assert "sekos-2" in rows_2021 and "studiebesok-vushtrri-2023" not in rows_2021

    # axe on the filtered state too: what the script wrote must be accessible as well.
    violations = axe(browser)
    assert violations == [], report(violations)

    browser.find_element(By.CSS_SELECTOR, "#filters button[type=reset]").click()
    WebDriverWait(browser, 5).until(lambda b: len(visible_rows(b)) == 30)


def test_text_filter_forgives_diacritics(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, site, "projekt/index.html")
    browser.find_element(By.ID, "f-text").send_keys("entreprenorskap")
    WebDriverWait(browser, 5).until(lambda b: len(visible_rows(b)) < 30)
    # Both SEKOS projects say "entreprenörskap"; no other project does.
    assert visible_rows(browser) == ["sekos-1", "sekos-2"]


def test_search_vaxjo_finds_vaxjo(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, site, "sok/index.html?q=vaxjo")
    links = browser.find_elements(By.CSS_SELECTOR, "#search-results > li > a")
    found = sorted(a.get_attribute("href").split("/")[-2] for a in links)
    # The same records as `intstrat search vaxjo`: every one of them says Växjö.
    expected = sorted(h.id for h in search(load_repository(ROOT), "vaxjo"))
    # 11, and the invented projects of 2025-2027 with JB Marks, Gdynia and Klaipėda,
    # and Vushtrri.
    assert found == expected and len(found) == 14
    repo = load_repository(ROOT)
    for ident in found:
        assert "Växjö" in (ROOT / "data/projects" / f"{ident}.yaml").read_text(), ident
    assert repo.projects["sekos-2"]  # a record the search found, loaded as valid
    assert browser.find_element(By.ID, "hits").text == "Träffar: 14"
    assert browser.find_element(By.ID, "q").get_attribute("value") == "vaxjo"


def test_keyboard_reaches_the_skip_link_first(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(browser, site, "projekt/sekos-2/index.html")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip"
    assert active.rect["y"] >= 0  # moved into view when focused
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", active)
    assert outline != "none"  # visible focus
    active.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"


def test_no_request_leaves_file_urls(browser: Any, site: Path) -> None:
    browser.get_log("performance")  # forget what earlier tests loaded
    for path in PAGE_TYPES:
        open_page(browser, site, path)
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    assert any(u.endswith("assets/site.css") for u in urls)  # requests were recorded
    assert any(u.endswith("assets/index.sv.js") for u in urls)
    elsewhere = [u for u in urls if not u.startswith("file://")]
    assert elsewhere == []
