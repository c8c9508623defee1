"""Embargoed and withdrawn stories, as readers, crawlers, search and partners meet them."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import invalidation
from articles.api.models import ApiKey
from articles.desk.workflow import story_move
from articles.models import Article
from articles.services import article_save
from tests.factories import ArticleFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
WORD = "zeppelin"


@pytest.fixture
def partner(client):
    key, raw = ApiKey.issue(name="Partner daily", editions=["en", "ru"])
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def everywhere(client, story):
    """Where readers, crawlers and partners could meet the story: {place: whether it is there}."""
    section = story.section
    api_key, raw = ApiKey.issue(name="Checker", editions=["en"])
    api = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    api_list = client.get("/api/v1/stories", **api).json()
    return {
        "page": client.get(story.get_absolute_url()).status_code == 200,
        "home": story.title in client.get("/en/").content.decode(),
        "section": story.title in client.get(section.get_absolute_url()).content.decode(),
        "feed": story.title in client.get("/en/feeds/rss/").content.decode(),
        "sitemap": story.get_absolute_url() in client.get("/sitemap-stories-en.xml").content.decode(),
        "news sitemap": story.get_absolute_url() in client.get("/sitemap-news-en.xml").content.decode(),
        "search": story.get_absolute_url() in client.get("/en/search/", {"q": WORD}).content.decode(),
        "api": client.get(f"/api/v1/stories/{story.pk}", **api).json().get("pubstatus") == "usable",
        "api list": any(item["uri"].endswith(f"story:{story.pk}") for item in api_list["items"]),
    }


def embargoed_story(hours=2):
    embargo = timezone.now() + timedelta(hours=hours)
    section = SectionFactory(slug="world", name="World")
    return ArticleFactory(
        section=section,
        title=f"A {WORD} over the capital",
        body=f"<p>The {WORD} was seen at noon.</p>",
        embargo_until=embargo,
        published_at=embargo,
    )


# ---- Embargo ---------------------------------------------------------------------------------------------


def test_an_embargoed_story_is_nowhere_until_the_embargo_lifts(client, page_cache_off, fragment_cache_off):
    story = embargoed_story()

    assert not any(everywhere(client, story).values())

    with time_machine.travel(story.embargo_until + timedelta(seconds=1)):
        assert all(everywhere(client, story).values())


def test_cached_pages_change_when_the_embargo_lifts(client):
    story = embargoed_story()
    assert story.title not in client.get("/en/").content.decode()  # now in the page cache

    # The page cache learns when to drop its pages from the next publication, the embargo's end.
    assert invalidation.next_publication() == story.embargo_until.timestamp()
    with time_machine.travel(story.embargo_until + timedelta(seconds=1)):
        assert story.title in client.get("/en/").content.decode()


def test_publishing_before_the_embargo_is_refused_with_the_reason():
    story = ArticleFactory(status=Status.APPROVED, published_at=None, embargo_until=timezone.now() + timedelta(hours=1))
    story.status = Status.PUBLISHED
    story.published_at = timezone.now()

    with pytest.raises(ValidationError, match="under embargo"):
        article_save(article=story)
    assert Article.objects.get(pk=story.pk).status == Status.APPROVED


def test_an_embargo_put_on_a_live_story_is_refused():
    story = ArticleFactory()
    story.embargo_until = timezone.now() + timedelta(hours=1)

    with pytest.raises(ValidationError, match="under embargo"):
        article_save(article=story)


def test_the_database_itself_refuses_a_story_published_before_its_embargo():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(published_at=timezone.now(), embargo_until=timezone.now() + timedelta(hours=1))


def test_the_admin_refuses_to_publish_before_the_embargo(client, editor):
    from .test_admin import form_fields, local_date_time

    client.force_login(editor)
    story = ArticleFactory(status=Status.APPROVED, published_at=None, embargo_until=timezone.now() + timedelta(hours=3))
    change_url = f"/admin/articles/article/{story.pk}/change/"
    data = form_fields(client.get(change_url))
    data.update(status="published", **local_date_time(timezone.now()))

    response = client.post(change_url, data)

    assert response.status_code == 200
    assert "under embargo until" in response.content.decode()
    assert Article.objects.get(pk=story.pk).status == Status.APPROVED


# ---- Withdrawal -----------------------------------------------------------------------------------------


def withdrawn_story(editor, client):
    story = ArticleFactory(title=f"A {WORD} story that was wrong", body=f"<p>The {WORD} text.</p>")
    CorrectionFactory(article=story)
    assert client.get(story.get_absolute_url()).status_code == 200  # kept in the page cache
    story = story_move(article=story, to=Status.WITHDRAWN, user=editor, note="The story named the wrong airship.")
    return story


def test_a_withdrawn_story_answers_410_with_the_note_in_place_of_the_text(client, editor):
    story = withdrawn_story(editor, client)

    response = client.get(story.get_absolute_url())

    assert response.status_code == 410
    page = response.content.decode()
    assert "This story has been withdrawn" in page
    assert "The story named the wrong airship." in page
    assert "The zeppelin text." not in page
    assert 'class="site-header' in page or "<header" in page  # the site's own chrome


def test_the_410_page_is_in_the_edition_language(client, editor):
    story = ArticleFactory(edition="ru", slug="dirizhabl", title="Дирижабль")
    story_move(article=story, to=Status.WITHDRAWN, user=editor, note="Ошибка в имени.")

    response = client.get(story.get_absolute_url())

    assert response.status_code == 410
    assert "Материал отозван" in response.content.decode()
    assert "Ошибка в имени." in response.content.decode()


def test_staff_also_get_the_410(client, editor):
    story = withdrawn_story(editor, client)
    client.force_login(editor)

    assert client.get(story.get_absolute_url()).status_code == 410


def test_a_withdrawn_story_is_gone_from_every_list_at_once(client, editor):
    story = withdrawn_story(editor, client)

    assert everywhere(client, story) == dict.fromkeys(everywhere(client, story), False)


def test_a_withdrawn_story_keeps_its_row_and_corrections(client, editor):
    story = withdrawn_story(editor, client)

    assert Article.objects.filter(pk=story.pk).exists()
    assert story.corrections.count() == 1


def test_partners_learn_that_a_story_was_withdrawn(partner, editor, client):
    story = withdrawn_story(editor, client)

    detail = partner.get(f"/api/v1/stories/{story.pk}").json()
    # The changes feed holds back the last few seconds' changes (transactions in flight).
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        changes = partner.get("/api/v1/changes").json()["items"]

    assert detail["pubstatus"] == "canceled"
    assert "bodies" not in detail
    assert [item["pubstatus"] for item in changes if item["uri"].endswith(f"story:{story.pk}")] == ["canceled"]


def test_the_410_page_reads_the_same_few_queries_however_many_stories(client, editor, page_cache_off):
    story = withdrawn_story(editor, client)

    def queries():
        client.get(story.get_absolute_url())  # warms the sections
        with CaptureQueriesContext(connection) as captured:
            assert client.get(story.get_absolute_url()).status_code == 410
        return len(captured)

    few = queries()
    section = SectionFactory()
    Article.objects.bulk_create(
        Article(
            edition="en",
            section=section,
            title=f"Story {i}",
            slug=f"story-{i}",
            lead="Lead.",
            status=Status.PUBLISHED,
            published_at=timezone.now() - timedelta(minutes=i),
        )
        for i in range(1000)
    )
    assert queries() == few <= 4
