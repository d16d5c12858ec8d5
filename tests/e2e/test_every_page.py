"""Every page of both workspaces, as the people who use them, on a phone and
on a laptop: no markup shown as text, no menu item twice, no page wider
than the screen, no box (a table) that scrolls sideways inside the page,
and no table cell whose text stands one word per line. A test that reads
only the HTML would pass a page that shows `" href="/centers/23/dashboard/">`
to its reader; this one reads what the browser shows."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(360, 740), (1366, 768)]
# Text that only appears when markup is shown instead of rendered.
MARKUP = re.compile(r"""(<\s*/?\s*[a-z]+[\s>]|\bhref\s*=|\bclass\s*=\s*["']|["']\s*>|\{[%{])""")


def _pages_of(demo) -> dict[str, list[str]]:
    from courses.models import Activity, Campaign, Course

    old, new = demo.thach_trung_center, demo.tran_phu_center
    course = Course.objects.filter(center=old).first()
    activity = Activity.objects.filter(center=old).first()
    campaign = Campaign.objects.get(slug="tuan-le-hoc-tap-suot-doi-2020")
    center_pages = [
        f"/centers/{old.pk}/dashboard/",
        f"/centers/{old.pk}/courses/",
        f"/centers/{old.pk}/activities/",
        f"/courses/{course.pk}/",
        f"/courses/{course.pk}/history/",
        f"/activities/{activity.pk}/",
        f"/activities/{activity.pk}/history/",
        f"/centers/{old.pk}/campaigns/{campaign.slug}/",
        f"/centers/{old.pk}/reports/",
        f"/centers/{old.pk}/reports/2020-Q4/",
        f"/centers/{old.pk}/reports/2025/",
        f"/centers/{old.pk}/",
        "/centers/",
    ]
    director_pages = [
        "/",
        "/workspace/",
        f"/centers/{new.pk}/courses/add/",
        f"/centers/{new.pk}/activities/add/",
        f"/centers/{new.pk}/reports/2025-Q4/",
        "/imports/",
        f"/imports/courses/upload/?center={new.pk}",
    ]
    office_pages = [
        f"/offices/{demo.city_office.pk}/?period=2020-Q4",
        f"/offices/{demo.city_office.pk}/?period=2025",
        "/imports/",
        "/imports/centers/upload/",
        "/imports/courses/upload/",
        f"/offices/{demo.city_office.pk}/accounts/",
        "/reports/",
        "/centers/?on=01/10/2020",
    ]
    return {
        "giamdoc.thachtrung": ["/", *director_pages, *center_pages],
        "phonggd.hatinh": [*office_pages, *center_pages],
        "so.hatinh": [
            f"/offices/{demo.province_office.pk}/?period=2025",
            f"/offices/{demo.province_office.pk}/?period=2020-Q4",
            *center_pages,
        ],
    }


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("HocTapSuotDoi2020")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


# The visible table cells (and list cards) whose text of three words or more
# takes a line per word: a column squeezed to the width of its longest word.
WORD_PER_LINE_JS = """() => {
  const found = [];
  for (const cell of document.querySelectorAll("td, th")) {
    if (!cell.getClientRects().length) continue;  // hidden (a phone's hidden column)
    const words = cell.innerText.trim().split(/\\s+/).filter(Boolean);
    if (words.length < 3) continue;
    const tops = new Set();
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(walker.currentNode);
      for (const rect of range.getClientRects()) if (rect.width) tops.add(Math.round(rect.top));
    }
    if (tops.size >= words.length) found.push(cell.innerText.trim().slice(0, 60));
  }
  return found;
}"""
# Boxes that scroll sideways inside the page (a table wider than its box).
SIDEWAYS_BOX_JS = """() => {
  const found = [];
  for (const box of document.querySelectorAll("body *")) {
    if (["INPUT", "SELECT", "TEXTAREA", "OPTION"].includes(box.tagName)) continue;
    const overflow = getComputedStyle(box).overflowX;
    if ((overflow === "auto" || overflow === "scroll") && box.scrollWidth > box.clientWidth + 1)
      found.push(`${box.tagName} ${box.className}: ${box.scrollWidth}px in ${box.clientWidth}px`);
  }
  return found;
}"""


def _problems(page, width: int) -> list[str]:
    problems = []
    text = page.inner_text("body")
    shown = MARKUP.search(text)
    if shown:
        problems.append(
            f"markup shown as text: {text[max(0, shown.start() - 40) : shown.end() + 40]!r}"
        )
    items = [t.strip() for t in page.locator("nav .nav-link").all_inner_texts() if t.strip()]
    duplicated = {t for t in items if items.count(t) > 1}
    if duplicated:
        problems.append(f"menu items twice: {sorted(duplicated)}")
    page_width = page.evaluate("document.documentElement.scrollWidth")
    if page_width > width:
        problems.append(f"page {page_width}px wide on a {width}px screen")
    problems += [f"one word per line: {text!r}" for text in page.evaluate(WORD_PER_LINE_JS)]
    problems += [f"scrolls sideways in its box: {box}" for box in page.evaluate(SIDEWAYS_BOX_JS)]
    return problems


def test_every_page_shows_text_not_markup_and_fits_the_screen(live_server, demo, browser):

    failures = []
    for username, paths in _pages_of(demo).items():
        for width, height in SIZES:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.set_default_timeout(15_000)
            _log_in(page, live_server.url, username)
            for path in paths:
                response = page.goto(live_server.url + path)
                if response.status != 200:
                    failures.append(f"{username} {width}px {path}: HTTP {response.status}")
                    continue
                failures += [f"{username} {width}px {path}: {p}" for p in _problems(page, width)]
            context.close()

    assert not failures, "\n".join(failures)
