"""The desk dashboard on the admin index: what each role sees, the charts, and a query budget that
does not grow with the rows counted."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.discovery.rankings import rankings_refresh
from articles.models import ArticleDailyViews
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, SectionFactory, TypoReportFactory, VoteFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/"
NOW = "2026-11-30 12:00:00+03:00"


def staff(django_user_model, name, group=None, **extra):
    user = django_user_model.objects.create_user(name, password="pw-desk-123", is_staff=True, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def seed(stories):
    """`stories` published stories over the fortnight, each with views, a vote and a comment."""
    section = SectionFactory()
    now = timezone.now()
    articles = ArticleFactory.create_batch(stories, section=section, published_at=now - timedelta(hours=2))
    for index, article in enumerate(articles):
        article.published_at = now - timedelta(days=index % 14, hours=1)
    type(articles[0]).objects.bulk_update(articles, ["published_at"])
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(article=article, date=timezone.localdate() - timedelta(days=index % 14), views=index + 1)
        for index, article in enumerate(articles)
    )
    for article in articles[:5]:
        VoteFactory(article=article, score=5)
    Comment.objects.bulk_create(
        Comment(article=article, author_name="Reader", text=f"Comment {index}", status=Comment.Status.PENDING)
        for index, article in enumerate(articles)
    )
    CommentFactory(article=articles[0])
    TypoReportFactory(article=articles[0])
    rankings_refresh()
    return articles


def chart_ids(html):
    return set(re.findall(r'<figure class="module desk-part desk-chart" id="(chart-[a-z-]+)"', html))


@time_machine.travel(NOW, tick=False)
def test_an_editor_sees_the_stories_charts_and_rankings_but_not_the_comment_queue(client, django_user_model):
    articles = seed(3)
    client.force_login(staff(django_user_model, "ed", "Editors"))
    html = client.get(INDEX).content.decode()
    assert chart_ids(html) == {
        "chart-articles-published",
        "chart-articles-views",
        "chart-articles-votes",
        "chart-comments-per-day",
    }
    assert "Comments to moderate" not in html  # editors read comments, they do not moderate them
    assert "Typo reports" in html
    assert "Most read today" in html and "Top rated this week" in html and "Most discussed this week" in html
    assert articles[2].title in html  # the most read today… is the one with the most views today
    # A chart is an image with a name and a summary, and its figures are in a table.
    assert 'role="img"' in html
    assert '<title id="chart-articles-published-title">Stories published per day</title>' in html
    assert "<summary>Figures</summary>" in html
    assert "style=" not in html.split('id="content-main"')[0].split("desk-dashboard")[-1]


@time_machine.travel(NOW, tick=False)
def test_a_moderator_sees_the_comment_queue_and_its_chart_only(client, django_user_model):
    seed(3)
    client.force_login(staff(django_user_model, "mod", "Moderators"))
    html = client.get(INDEX).content.decode()
    assert "Comments to moderate" in html
    assert chart_ids(html) == {"chart-articles-published", "chart-comments-per-day"}
    assert "Most read today" not in html and "Top rated this week" not in html
    assert "Views per day" not in html and "Votes by score" not in html


@time_machine.travel(NOW, tick=False)
def test_staff_without_permissions_see_no_dashboard(client, django_user_model):
    seed(2)
    client.force_login(staff(django_user_model, "nobody"))
    html = client.get(INDEX).content.decode()
    assert "desk-dashboard" not in html


@time_machine.travel(NOW, tick=False)
def test_the_figures_table_counts_per_day_in_the_site_time_zone(client, django_user_model):
    section = SectionFactory()
    # 23:30 in Moscow on Nov 29 is Nov 29 20:30 UTC: counted on the 29th, not the 30th.
    ArticleFactory(section=section, published_at=timezone.datetime.fromisoformat("2026-11-29 23:30:00+03:00"))
    ArticleFactory.create_batch(
        2, section=section, published_at=timezone.datetime.fromisoformat("2026-11-30 00:10:00+03:00")
    )
    ArticleFactory(section=section, status="draft", published_at=None)
    client.force_login(staff(django_user_model, "root", is_superuser=True))
    html = client.get(INDEX).content.decode()
    figure = html.split('id="chart-articles-published"')[1].split("</figure>")[0]
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>\s*<td class="desk-count">(\d+)</td>', figure))
    assert rows["Nov. 29, 2026"] == "1"
    assert rows["Nov. 30, 2026"] == "2"
    assert len(rows) == 14
    assert "highest 2, 3 in all." in figure


@time_machine.travel(NOW, tick=False)
def test_a_chart_draws_bars_to_scale_without_inline_styles(client, django_user_model):
    seed(3)
    client.force_login(staff(django_user_model, "root", is_superuser=True))
    html = client.get(INDEX).content.decode()
    figure = html.split('id="chart-articles-votes"')[1].split("</figure>")[0]
    heights = [float(h) for h in re.findall(r'<rect class="desk-chart-bar"[^>]* height="([\d.]+)"', figure)]
    assert heights[:4] == [0, 0, 0, 0] and heights[4] > 0  # five votes, all fives
    assert "style" not in figure and "<script" not in figure


@time_machine.travel(NOW, tick=False)
def test_the_index_reads_as_many_queries_with_1000_stories_as_with_10(client, django_user_model, settings):
    settings.DESK_CHART_CACHE_SECONDS = 0  # every request counts its charts
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff(django_user_model, "root", is_superuser=True))
    counts = []
    for stories in (10, 990):
        seed(stories)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(INDEX)
        assert response.status_code == 200
        counts.append(len(queries))
    # Session and user, the waiting counters (comments: two; stories going out next and ready for editing), the
    # warnings (overdue, stuck), the rankings (one query per edition), one per chart, the recent actions box.
    assert counts[0] == counts[1] <= 18


@time_machine.travel(NOW, tick=False)
def test_the_charts_are_counted_once_a_minute_not_per_request(client, django_user_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seed(3)
    client.force_login(staff(django_user_model, "root", is_superuser=True))
    with CaptureQueriesContext(connection) as first:
        client.get(INDEX)
    with CaptureQueriesContext(connection) as second:
        html = client.get(INDEX).content.decode()
    assert len(second) == len(first) - 4  # the four charts came from the cache
    assert 'id="chart-articles-published"' in html
