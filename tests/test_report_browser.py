"""The HTML report in a real browser: Debian's headless Chromium, driven by selenium.

A report of a few thousand generated reasons is opened from disk with the network
turned off; the test checks that the charts and tables render, that a filter and a
sort work, that nothing is requested but the file itself, and saves a screenshot.

Needs ``pip install -e '.[test,browser]'`` and ``apt-get install chromium
chromium-driver`` (``.ci/run`` does both). Without them the test is skipped, except
under CI (``CI`` set), where it fails.
"""
from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest

from browser_helpers import CHROMEDRIVER, CHROMIUM, HEADLESS, require_browser
from cli_helpers import run
from project_files import ROOT

ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = '</script><img src=x onerror="window.__pwned=1">'


def generated(n: int, seed: int = 7) -> list[str]:
    """Reasons as buyers write them: good ones, templates, missing dates, placeholders."""
    rng = random.Random(seed)
    goods = ["点卡", "月卡", "会员", "Q币", "话费", "卡密"]
    out = []
    for i in range(n):
        order = rng.randrange(10 ** 11, 10 ** 12)
        m, d = rng.randrange(1, 13), rng.randrange(1, 29)
        out.append(rng.choice([
            f"商家已于{m}月{d}日补发{rng.choice(goods)}，订单号{order}，物流记录已附。",
            f"已于{m}月{d}日收到退款{rng.randrange(5, 500)}元，订单号{order}，退款截图已附。",
            f"问题已解决，订单号{order}",
            rng.choice(["问题已解决，不想投诉了。", "手误提交", "个人原因，撤销投诉"]),
            f"商家已补发{rng.choice(goods)}，订单号{order}",
            f"商家答应明天退款，订单号{order}",
            "商家已于X月X日补发，订单号XXX",
        ]))
    out[len(out) // 2] = HOSTILE
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[dict[str, Any]]]]:
    folder = tmp_path_factory.mktemp("browser")
    source = folder / "reasons.txt"
    source.write_text("\n".join(generated(3000)) + "\n", encoding="utf-8")
    page = folder / "report.html"
    assert run("check", str(source), "--format", "html", "-o", str(page), "--no-config").code == 1
    data = [json.loads(line) for line in run("check", str(source), "--format", "json-lines", "--no-config").out.splitlines()]
    yield page, data


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="reasonlint-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*HEADLESS, "--window-size=1366,1600", f"--user-data-dir={profile}",
                 # Belt and braces: any host name resolves to nothing, any proxy use fails.
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://0.0.0.0:9"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def requests(driver: Any) -> set[str]:
    """The URLs the browser asked for since the last call (from its performance log)."""
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    return {e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"}


def visible_rows(driver: Any) -> list[tuple[str, int]]:
    return [tuple(r) for r in driver.execute_script(
        "return Array.from(document.querySelectorAll('#rows-table tbody tr'))"
        ".filter(r => r.offsetParent !== null).map(r => [r.dataset.v, +r.dataset.s]);")]


def test_report_in_headless_chromium(report: tuple[Path, list[dict[str, Any]]], browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page, data = report
    url = page.as_uri()
    browser.get("about:blank")
    browser.get_log("performance")   # what the browser's own start page loaded, before ours
    browser.get(url)

    # The charts: the histogram's bars and the verdict bar have area on screen.
    bars = browser.execute_script(
        "return Array.from(document.querySelectorAll('#histogram rect.hbar'))"
        ".map(r => { const b = r.getBoundingClientRect(); return b.width * b.height; });")
    assert len(bars) >= 5 and all(a > 0 for a in bars)
    assert browser.find_element(By.ID, "verdict-bar").size["width"] > 300
    # The tables: one row per rule that fired, and every reason (fewer than the cap).
    fired = {f["code"] for d in data for f in d["findings"]}
    assert len(browser.find_elements(By.CSS_SELECTOR, "#rule-table tbody tr")) == len(fired)
    assert len(visible_rows(browser)) == len(data) == 3000
    assert browser.find_element(By.ID, "rows-shown").text == "3,000"
    # The hostile reason is shown as text and ran nothing.
    assert browser.execute_script("return window.__pwned === undefined && document.images.length === 0;")
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll('#rows-table td.text'))"
        ".filter(td => td.textContent === arguments[0]).length;", HOSTILE) == 1

    # Filter: accepted reasons only.
    Select(browser.find_element(By.ID, "f-verdict")).select_by_value("accept")
    accepted = sum(d["verdict"] == "accept" for d in data)
    shown = visible_rows(browser)
    assert 0 < len(shown) == accepted and {v for v, _ in shown} == {"accept"}
    assert browser.find_element(By.ID, "rows-shown").text == f"{accepted:,}"
    # A rule as well: both filters apply.
    Select(browser.find_element(By.ID, "f-verdict")).select_by_value("")
    Select(browser.find_element(By.ID, "f-rule")).select_by_value("rl203")
    expected = sum(any(f["code"] == "RL203" for f in d["findings"]) for d in data)
    assert len(visible_rows(browser)) == expected > 0

    # Sort by score: ascending, then descending on a second click.
    Select(browser.find_element(By.ID, "f-rule")).select_by_value("")
    header = browser.find_element(By.CSS_SELECTOR, '#rows-table th[data-sort="data-s"]')
    header.find_element(By.TAG_NAME, "button").click()
    scores = [s for _, s in visible_rows(browser)]
    assert scores == sorted(scores) and header.get_attribute("aria-sort") == "ascending"
    header.find_element(By.TAG_NAME, "button").click()
    scores = [s for _, s in visible_rows(browser)]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]

    # A cluster's button filters the list to its members.
    summary = browser.find_element(By.CSS_SELECTOR, "details.cluster summary")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
    summary.click()
    button = browser.find_element(By.CSS_SELECTOR, "details.cluster button.show-cluster")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    label = button.text
    button.click()
    listed = int(label[label.index("有 ") + 2:label.index(" 条")].replace(",", ""))
    assert len(visible_rows(browser)) == listed > 1

    # Nothing but the page itself was requested, and no resource was loaded.
    assert requests(browser) == {url}
    assert browser.execute_script("return performance.getEntriesByType('resource').length;") == 0
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []

    ARTIFACTS.mkdir(exist_ok=True)
    browser.find_element(By.ID, "f-reset").click()
    browser.find_element(By.ID, "sort-reset").click()
    browser.execute_script("window.scrollTo(0, 0);")
    shot = ARTIFACTS / "report-browser.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    print(f"\nscreenshot: {shot}")

    # The request log does see what a page loads: a page of our own with an image.
    (page.parent / "pixel.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    control = page.parent / "control.html"
    control.write_text('<!DOCTYPE html><img src="pixel.svg">', encoding="utf-8")
    browser.get(control.as_uri())
    assert requests(browser) == {control.as_uri(), (page.parent / "pixel.svg").as_uri()}
