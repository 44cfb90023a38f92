"""The playground page in real headless Chromium (Debian's chromium and chromium-driver).

Without a browser it is skipped, or fails under CI (see ``browser_helpers``). Screenshots are written to ``test-artifacts/`` (ignored by git)
and their paths printed.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from browser_helpers import CHROMEDRIVER, CHROMIUM, HEADLESS, require_browser
from project_files import ROOT
from server_helpers import Server

ARTIFACTS = ROOT / "test-artifacts"
REASON = "问题已解决，不想投诉了。"

require_browser()    # before selenium is imported

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server(tmp_path_factory.mktemp("page")) as s:
        yield s


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*HEADLESS, "--window-size=1000,1000", "--lang=zh-CN",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    # The driver is given: selenium never looks one up or downloads one.
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(predicate: Callable[[], Any], timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for the page")


def screenshot(driver: Any, name: str, capsys: pytest.CaptureFixture[str]) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    assert driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    with capsys.disabled():
        print(f"\nscreenshot: {path}")
    return path


def marked_pieces(reason: dict[str, Any]) -> list[str]:
    """The pieces of text the page should mark: cut at every span finding's ends."""
    text = reason["text"]
    spans = [(f["start"], f["end"]) for f in reason["findings"]
             if f["end"] > f["start"] and not (f["start"] == 0 and f["end"] >= len(text))]
    cuts = sorted({0, len(text), *[p for span in spans for p in span]})
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if any(s <= a and b <= e for s, e in spans)]


def marks(driver: Any) -> list[str]:
    # Each mark holds its piece of text, then its tooltip.
    return driver.execute_script(
        "return [...document.querySelectorAll('#marked mark')].map(m => m.firstChild.textContent)")


def test_type_a_reason_see_the_highlight_and_the_rewrite(server: Server, browser: Any,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    expected = server.post_json("/v1/check", {"text": REASON}).json()
    browser.get(server.url + "/")
    assert browser.title.startswith("reasonlint")
    box = browser.find_element(By.ID, "text")
    box.send_keys(REASON)
    wait_for(lambda: browser.find_element(By.ID, "suggestion").text == expected["suggestion"])
    assert marks(browser) == marked_pieces(expected)
    assert marks(browser) == ["问题", "已解决", "不想投诉了"]     # RL201 lies inside RL101's span
    assert browser.find_element(By.ID, "score").text == f"{expected['score']} 分"
    assert "驳回" in browser.find_element(By.ID, "verdict").text
    codes = [li.find_element(By.CLASS_NAME, "code").text for li in browser.find_elements(By.CSS_SELECTOR, "#findings li")]
    assert codes == [f["code"] for f in expected["findings"]]
    slots = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#suggestion mark.slot")]
    assert slots == re.findall(r"X+月X+日|X{2,}元?|【[^】]*】", expected["suggestion"])
    assert "X月X日" in slots and "XXX" in slots
    labels = {"date": "日期", "order_id": "订单号", "resolution": "解决结果", "evidence": "凭证"}
    assert browser.find_element(By.ID, "missing").text.startswith(
        "还缺：" + "、".join(labels[m] for m in expected["missing"]))

    # Keyboard: Tab from the text box reaches a marked span, and its message shows.
    box.click()
    for _ in range(8):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.tag_name == "mark":
            break
    focused = browser.switch_to.active_element
    assert focused.tag_name == "mark"
    tip = focused.find_element(By.CLASS_NAME, "tip")
    assert tip.is_displayed()
    first = next(f for f in expected["findings"] if f["code"] == "RL101" and f["start"] == 0)
    assert tip.text == "RL101 " + first["message"]
    # The piece two findings cover shows both messages.
    both = browser.find_elements(By.CSS_SELECTOR, "#marked mark")[1]
    assert both.get_attribute("data-codes") == "RL101 RL201"
    browser.set_window_size(1000, 1500)     # the whole page, rewrite included
    screenshot(browser, "playground.png", capsys)
    browser.set_window_size(1000, 1000)

    browser.find_element(By.ID, "copy").click()
    wait_for(lambda: browser.find_element(By.ID, "copied").text)

    # Nothing came from anywhere but the service itself.
    sources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])")
    assert sources and all(s.startswith(server.url + "/") for s in sources), sources


def test_offsets_hold_after_an_emoji(server: Server, browser: Any) -> None:
    browser.get(server.url + "/")
    # ChromeDriver types only BMP characters: the emoji goes in as a paste would.
    browser.execute_script(
        "const t = document.getElementById('text'); t.value = arguments[0];"
        "t.dispatchEvent(new Event('input'));", "😀😀" + REASON)
    wait_for(lambda: marks(browser))
    assert marks(browser) == ["问题", "已解决", "不想投诉了"]


def test_usable_at_phone_width(server: Server, browser: Any, capsys: pytest.CaptureFixture[str]) -> None:
    browser.set_window_size(390, 900)
    try:
        browser.get(server.url + "/")
        browser.find_element(By.ID, "text").send_keys("商家昨天已补发货，订单号20261103001")
        wait_for(lambda: browser.find_element(By.ID, "suggestion").text)
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        screenshot(browser, "playground-phone.png", capsys)
    finally:
        browser.set_window_size(1000, 1000)
