"""The home page's ranked lists come from a table a job refreshes; publishing still shows at once."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from articles.discovery.rankings import rankings_refresh
from articles.discovery.viewcounts import article_view_count
from articles.models import Article, ArticleDailyViews, Ranking
from articles.tasks import rankings_refresh_job
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, SectionFactory

# What the lists show when rendered: the shared page cache is measured in tests/pagecache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def block_titles(html, css_class):
    block = re.search(rf'<section class="{css_class}".*?</section>', html, re.S)
    return [unescape(t) for t in re.findall(r'<a href="[^"]+">(.*?)</a>', block.group())] if block else []


def test_refresh_stores_each_edition_s_lists():
    busy = ArticleFactory(title="Busy")
    quiet = ArticleFactory(title="Quiet")
    russian = ArticleFactory(title="Спор", edition="ru", slug="spor")
    for story in (busy, busy, quiet, russian):
        CommentFactory(article=story)

    rankings_refresh()

    discussed = Ranking.objects.filter(kind=Ranking.Kind.MOST_DISCUSSED)
    assert [(r.edition, r.position, r.article_id, r.value) for r in discussed.order_by("edition", "position")] == [
        ("en", 1, busy.pk, 2),
        ("en", 2, quiet.pk, 1),
        ("ru", 1, russian.pk, 1),
    ]


def test_home_shows_the_lists_as_of_the_last_refresh_not_per_request(client):
    first = ArticleFactory(title="First debate")
    CommentFactory(article=first)
    rankings_refresh()
    later = ArticleFactory(title="Later debate")
    for _ in range(3):
        CommentFactory(article=later)

    assert block_titles(client.get("/en/").content.decode(), "most-discussed") == ["First debate"]

    rankings_refresh()
    assert block_titles(client.get("/en/").content.decode(), "most-discussed") == ["Later debate", "First debate"]


def test_a_story_taken_down_leaves_the_lists_at_once(client):
    story = ArticleFactory(title="Withdrawn later")
    CommentFactory(article=story)
    rankings_refresh()

    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)

    assert block_titles(client.get("/en/").content.decode(), "most-discussed") == []


def test_without_a_refresh_for_a_while_the_page_recomputes_the_lists(client, settings):
    settings.RANKINGS_MAX_AGE = 60
    story = ArticleFactory(title="Debated")
    rankings_refresh()
    CommentFactory(article=story)

    assert block_titles(client.get("/en/").content.decode(), "most-discussed") == []  # still fresh
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        cache.clear()  # what an expired freshness mark looks like to the local-memory cache under a moved clock
        assert block_titles(client.get("/en/").content.decode(), "most-discussed") == ["Debated"]


def test_the_job_flushes_view_counts_then_ranks_most_read(client):
    story = ArticleFactory(title="Read a lot")
    for _ in range(4):
        article_view_count(article_id=story.pk)

    rankings_refresh_job()

    assert ArticleDailyViews.objects.get(article=story).views == 4
    assert Ranking.objects.get(kind=Ranking.Kind.MOST_READ_TODAY).article_id == story.pk
    assert "Read a lot" in block_titles(client.get("/en/").content.decode(), "most-read")


def test_publishing_shows_on_the_home_page_without_any_refresh(client):
    rankings_refresh()
    section = SectionFactory(slug="world", name="World")
    ArticleFactory(title="Older story", section=section, published_at=timezone.now() - timedelta(hours=2))
    client.get("/en/")

    ArticleFactory(title="Just published", section=section)
    html = client.get("/en/").content.decode()

    assert re.search(r'class="home__lead".*?Just published', html, re.S)
    # The lead is not shown again in its section's block.
    block = re.search(r'<section class="section-block".*?</section>', html, re.S).group()
    assert "Older story" in block and "Just published" not in block


def test_a_scheduled_story_appears_when_its_time_comes_without_a_save(client):
    section = SectionFactory(slug="world", name="World")
    ArticleFactory(title="Already out", section=section, published_at=timezone.now() - timedelta(hours=1))
    ArticleFactory(title="Embargoed", section=section, published_at=timezone.now() + timedelta(minutes=5))
    rankings_refresh()

    assert "Embargoed" not in client.get("/en/").content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        html = client.get("/en/").content.decode()
    assert re.search(r'class="home__lead".*?Embargoed', html, re.S)


def test_newest_per_section_shows_four_per_section_newest_first(client):
    rankings_refresh()
    sections = [SectionFactory(slug=f"s{i}", name=f"Section {i}") for i in range(2)]
    now = timezone.now()
    for section in sections:
        for hours in range(1, 7):
            ArticleFactory(title=f"{section.name} {hours}h", section=section, published_at=now - timedelta(hours=hours))
    ArticleFactory(title="Section 0 draft", section=sections[0], draft=True)

    html = client.get("/en/").content.decode()

    blocks = re.findall(r'<section class="section-block".*?</section>', html, re.S)
    titles = [
        re.findall(r'<(?:h3 class="brief__title"|li class="headline")>\s*<a href="[^"]+">(.*?)</a>', b) for b in blocks
    ]
    titles = [[t.strip() for t in block] for block in titles]
    # The lead (the newest, "Section 1 1h") heads the page, so its block goes on to the next four.
    assert re.search(r'class="home__lead".*?Section 1 1h', html, re.S)
    assert titles == [[f"Section 0 {h}h" for h in range(1, 5)], [f"Section 1 {h}h" for h in range(2, 6)]]


def test_comments_of_the_week_only_count_when_visible():
    story = ArticleFactory(title="Mixed")
    CommentFactory(article=story)
    CommentFactory(article=story, status=Comment.Status.PENDING)
    CommentFactory(article=story, is_hidden=True)

    rankings_refresh()

    assert Ranking.objects.get(kind=Ranking.Kind.MOST_DISCUSSED).value == 1
