"""The home page, header and footer at five widths in both editions, measured in a real Chromium:
no sideways scrolling, the latest stream's times on one line, a compact header, at least 15 headlines
on the first desktop screen, and on a phone the latest stream within two screens and the whole page
within six."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from articles.discovery.rankings import rankings_refresh
from tests.factories import ArticleFactory, CommentFactory, PhotoFactory, SectionFactory, VoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 768, 1024, 1366, 1920]
PHONE = (390, 844)

SECTIONS = {
    "en": ["News", "Politics", "Economy", "Society", "World", "Analytics"],
    "ru": ["Новости", "Политика", "Экономика", "Общество", "В мире", "Аналитика"],
}
# Headlines of an agency's usual lengths, 40 to 90 characters.
HEADLINES = {
    "en": [
        "Parliament passes the budget after a night of debate",
        "Central bank keeps the key rate unchanged at 16%",
        "Regional hospital gets new scanners ahead of the winter season",
        "Grain harvest forecast raised to 145 million tonnes on good weather in the south",
        "Omsk starts building a new airport terminal",
        "Flights delayed at Nizhny Novgorod airport because of heavy snowfall",
    ],
    "ru": [
        "Парламент принял бюджет после ночных дебатов",
        "Центробанк сохранил ключевую ставку на уровне 16%",
        "Областная больница получила новые томографы перед зимним сезоном",
        "Прогноз урожая зерна повышен до 145 млн тонн благодаря хорошей погоде на юге",
        "В Омске начали строить новый терминал аэропорта",
        "Рейсы в аэропорту Нижнего Новгорода задерживаются из-за сильного снегопада",
    ],
}
# Screenshots of every width, kept for people to look at (not compared pixel by pixel).
SNAPSHOTS = Path(os.environ.get("SNAPSHOT_DIR", "test-artifacts"))
STORIES_PER_EDITION = 37  # the lead, twelve in the latest stream, four in each of six section blocks


@pytest.fixture
def newsroom(db):
    now = timezone.now()
    photos = [PhotoFactory(), PhotoFactory()]
    for edition, names in SECTIONS.items():
        sections = [
            SectionFactory(edition=edition, slug=f"{edition}-s{i}", name=name, position=i)
            for i, name in enumerate(names)
        ]
        stories = [
            ArticleFactory(
                edition=edition,
                section=sections[i % len(sections)],
                title=f"{HEADLINES[edition][i % len(HEADLINES[edition])]} ({i})",
                image=photos[i % 2],
                is_featured=i == 0,
                published_at=now - timedelta(hours=1 + 2 * i),
            )
            for i in range(STORIES_PER_EDITION)
        ]
        for story in stories[1:6]:
            VoteFactory(article=story, score=5)
            CommentFactory(article=story)
    rankings_refresh()


def measure(page, url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            const inFirstScreen = (el) => {
                const r = el.getBoundingClientRect();
                return r.height > 0 && r.bottom <= innerHeight;
            };
            const headlines = [...document.querySelectorAll(
                ".card__title a, .latest__item a, .brief__title a, .headline a, .ranked a")];
            const times = [...document.querySelectorAll(".latest__item time")];
            const blocks = [...document.querySelectorAll(".section-block")].map((b) => b.getBoundingClientRect());
            return {
                scrollWidth: root.scrollWidth,
                clientWidth: root.clientWidth,
                height: root.scrollHeight,
                header: document.querySelector(".site-header").getBoundingClientRect().height,
                latestTop: document.querySelector(".latest").getBoundingClientRect().top + scrollY,
                headlinesAboveFold: headlines.filter(inFirstScreen).length,
                wrappedTimes: times.filter((t) => t.getClientRects().length !== 1
                    || t.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(t).lineHeight)).length,
                times: times.length,
                blocks: blocks.map((r) => [r.top, r.bottom, r.left, r.right].map(Math.round)),
                main: [document.querySelector(".section-blocks").getBoundingClientRect().left,
                       document.querySelector(".section-blocks").getBoundingClientRect().right],
            };
        }"""
    )


@pytest.mark.parametrize("edition", ["en", "ru"])
def test_home_at_five_widths(live_server, page, newsroom, edition):
    url = f"{live_server.url}/{edition}/"
    for width in WIDTHS:
        height = PHONE[1] if width == PHONE[0] else 900
        figures = measure(page, url, width, height)
        where = f"{edition} at {width}px: {figures}"
        assert figures["scrollWidth"] <= figures["clientWidth"], where
        assert figures["times"] == 12 and figures["wrappedTimes"] == 0, where
        assert figures["header"] <= 112, where
        # Section blocks: no gap in a row (blocks side by side share top and bottom), an odd last one
        # takes the whole row.
        rows = {}
        for top, bottom, left, right in figures["blocks"]:
            rows.setdefault(top, []).append((bottom, left, right))
        for row in rows.values():
            assert len({bottom for bottom, _l, _r in row}) == 1, where
            assert min(left for _b, left, _r in row) == pytest.approx(figures["main"][0], abs=1), where
            assert max(right for _b, _l, right in row) == pytest.approx(figures["main"][1], abs=1), where
        if width >= 1366:
            assert figures["headlinesAboveFold"] >= 15, where
        if width == PHONE[0]:
            assert figures["latestTop"] < 2 * PHONE[1], where
            assert figures["height"] < 6 * PHONE[1], where
        page.screenshot(path=SNAPSHOTS / f"home-{edition}-{width}.png", full_page=True)


def test_phone_header_one_row_search_opens_in_place_and_sections_scroll(live_server, page, newsroom):
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.goto(f"{live_server.url}/ru/")
    chrome = (".site-header .site-logo", ".site-header .edition-switch", ".search-toggle")
    logo, switch, toggle = (page.locator(selector).bounding_box() for selector in chrome)
    assert abs(logo["y"] + logo["height"] / 2 - (toggle["y"] + toggle["height"] / 2)) < 8
    assert abs(switch["y"] + switch["height"] / 2 - (toggle["y"] + toggle["height"] / 2)) < 8
    search = page.locator("#site-search")
    assert not search.is_visible()
    page.locator(".search-toggle").click()
    assert search.is_visible()
    assert page.evaluate("document.activeElement.id") == "site-search"
    assert page.locator(".search-toggle").get_attribute("aria-expanded") == "true"
    search.fill("бюджет")
    search.press("Enter")
    page.wait_for_url("**/ru/search/?q=*")

    page.goto(f"{live_server.url}/ru/")
    nav = page.locator(".section-nav__list")
    # The sections do not fit: the list scrolls sideways, the page does not.
    assert nav.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_desktop_search_field_is_always_there(live_server, page, newsroom):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/en/")
    assert page.locator("#site-search").is_visible()
    assert not page.locator(".search-toggle").is_visible()
