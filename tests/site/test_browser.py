"""The website in a real browser: Debian's Chromium, headless, driven by Playwright, from ``file://``.

Skipped, with the reason, where Chromium or Playwright is missing (``.ci/run`` installs Chromium)."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from quyche_cli.lookup.duties import duties_of
from quyche_cli.rules.names import Target
from quyche_cli.rules.validation import load_rules
from quyche_cli.safewrite import write_folder
from quyche_cli.site.build import build_site
from support import RULES_FILE

CHROMIUM = shutil.which("chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DAY = dt.date(2026, 12, 4)
# Every element with text of its own, shown: the contrast of its colour with the background behind it (WCAG 2).
LOW_CONTRAST = """() => {
  const rgb = (text) => text.match(/[0-9.]+/g).map(Number);
  const luminance = (colour) => {
    const [r, g, b] = colour.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (element) => {
    for (; element; element = element.parentElement) {
      const colour = rgb(getComputedStyle(element).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const element of document.querySelectorAll("body *")) {
    const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !element.getClientRects().length) continue;
    const a = luminance(rgb(getComputedStyle(element).color));
    const b = luminance(background(element));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${element.tagName} ${ratio.toFixed(2)}: ${element.textContent.trim().slice(0, 40)}`);
  }
  return low;
}"""

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


@dataclass
class Browser:
    """A page in a browser context that lets through only requests for files inside the site's folder."""

    page: Any
    home: str
    folder: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "web"
    write_folder(out, build_site(load_rules(RULES_FILE), DAY).files)
    return out


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def browser(chromium: Any, folder: Path) -> Iterator[Browser]:
    """A fresh phone-sized context; at the end, no request has left the folder and the console stayed clean."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    session = Browser(context.new_page(), (folder / "index.html").as_uri(), folder.as_uri() + "/")

    def guard(route: Any) -> None:
        if route.request.url.startswith(session.folder):
            route.continue_()
        else:
            session.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    session.page.on("console", lambda m: session.errors.append(m.text) if m.type in ("error", "warning") else None)
    session.page.on("pageerror", lambda e: session.errors.append(str(e)))
    yield session
    context.close()
    assert session.outside == [], "requests left the site's folder"
    assert session.errors == [], "the browser's console reported problems"


def test_search_without_diacritics_leads_to_the_members_page(browser: Browser) -> None:
    page = browser.page
    page.goto(browser.home)
    page.get_by_label("Tìm trong Quy chế").press_sequentially("so y te")
    first = page.locator("#ket-qua a").first
    assert "Giám đốc Sở Y tế" in first.inner_text()
    first.click()
    page.wait_for_url("**/thanh-vien/syt.html")
    assert page.locator("h1").inner_text() == "Giám đốc Sở Y tế"
    report = duties_of(load_rules(RULES_FILE), Target("member", "syt"), DAY)
    body = " ".join(page.locator("main").inner_text().split())
    assert len(report.duties) == 5
    for item in report.duties:
        assert item.ref in body and " ".join(item.text.split()) in body


def test_a_citation_link_opens_its_provision(browser: Browser) -> None:
    page = browser.page
    page.goto(browser.folder + "thanh-vien/syt.html")
    page.get_by_role("link", name="điểm c khoản 15 Điều 6", exact=True).first.click()
    page.wait_for_url("**/quy-che.html#art_6__para_15__point_c")
    target = page.locator(":target")
    assert target.get_attribute("id") == "art_6__para_15__point_c"
    assert target.inner_text().startswith("# c) ")
    box, height = target.bounding_box(), page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] < height


@pytest.mark.parametrize("typed", ["SỞ Y TẾ", unicodedata.normalize("NFD", "Sở Y tế"), "Sở  Y-tế"])
def test_search_reads_vietnamese_as_people_type_it(browser: Browser, typed: str) -> None:
    page = browser.page
    page.goto(browser.home)
    page.get_by_label("Tìm trong Quy chế").fill(typed)
    assert page.locator("#ket-qua a").first.get_attribute("href") == "thanh-vien/syt.html"


@pytest.mark.parametrize("path", ["index.html", "thanh-vien/syt.html", "quy-che.html", "han.html"])
def test_pages_fit_a_phone_and_print_without_the_search(browser: Browser, path: str) -> None:
    page = browser.page
    page.goto(browser.folder + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#tim-kiem").is_visible()
    page.emulate_media(media="print")
    assert page.locator("#tim-kiem").is_hidden() and page.locator("main h1").is_visible()


@pytest.mark.parametrize("path", ["index.html", "thanh-vien/stttt.html", "quy-che.html", "han.html"])
def test_text_contrasts_with_its_background(browser: Browser, path: str) -> None:
    page = browser.page
    page.goto(browser.folder + path)
    page.get_by_label("Tìm trong Quy chế").fill("so y te")  # the results list is on screen too
    assert page.evaluate(LOW_CONTRAST) == []


def test_search_finds_words_typed_without_their_marks(browser: Browser) -> None:
    page = browser.page
    page.goto(browser.folder + "han.html")
    page.get_by_label("Tìm trong Quy chế").press_sequentially("hop")
    page.locator("#ket-qua a").first.wait_for()
    results = page.locator("#ket-qua").inner_text()
    assert "họp" in results
    assert page.locator("#tim-kiem-trang-thai").inner_text().endswith("kết quả đầu.")
    page.keyboard.press("Escape")
    assert page.locator("#ket-qua").is_hidden()
    page.get_by_label("Tìm trong Quy chế").press_sequentially("khong co tu nay")
    assert page.locator("#tim-kiem-trang-thai").inner_text() == "Không tìm thấy “khong co tu nay”."


def _shown(browser: Browser, path: str, now: str) -> list[str]:
    """The deadlines ``path`` shows when the browser's clock says ``now`` (Vietnam time), as text."""
    page = browser.page
    page.clock.set_fixed_time(dt.datetime.fromisoformat(now))
    page.goto(browser.folder + path)
    return [" ".join(t.split()) for t in page.locator("li[data-han]:visible .han-ngay").all_inner_texts()]


def test_the_days_left_are_counted_on_the_day_the_page_is_read(browser: Browser) -> None:
    """The site was built on 04/12/2026; read on 04/12 it says what it said then, read on 15/01/2027 it counts
    from that day and shows only deadlines still ahead, five of them."""
    built = _shown(browser, "index.html", "2026-12-04T09:00:00+07:00")
    assert len(built) == 5 and built[0] == "Thứ Năm 24/12/2026 còn 20 ngày"
    later = _shown(browser, "index.html", "2027-01-15T09:00:00+07:00")
    assert len(later) == 5 and all("còn" in line or "hôm nay" in line for line in later)
    assert all(dt.datetime.strptime(line.split()[2], "%d/%m/%Y").date() >= dt.date(2027, 1, 15) for line in later)
    assert browser.page.locator("#hom-nay").inner_text() == "15/01/2027"


def test_the_deadlines_page_points_to_next_year_once_this_year_is_past(browser: Browser) -> None:
    _shown(browser, "han.html", "2026-12-04T09:00:00+07:00")
    assert browser.page.locator("#nam-sau-bao").is_hidden()
    past = _shown(browser, "han.html", "2027-03-02T09:00:00+07:00")
    assert browser.page.locator("#nam-sau-bao").is_visible()
    assert any(line.endswith("đã qua 68 ngày") for line in past)  # Thứ Năm 24/12/2026
    assert browser.page.locator("#nam-sau li[data-han]").count() == 4  # the four quarterly reports of 2027
