"""Nothing a reader can reach names a draft, a scheduled or a withdrawn story."""

import pytest
from django.test import Client

from articles.models import Article
from tests.factories import ArticleFactory, CommentFactory, RelatedLinkFactory

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"draft": True},
    "scheduled": {"scheduled": True},
    "withdrawn": {"status": Article.Status.DRAFT},
}


@pytest.fixture(params=list(HIDDEN))
def hidden(request):
    kind = request.param
    return ArticleFactory(title=f"Embargoed {kind} headline", slug=f"embargoed-{kind}", **HIDDEN[kind])


def test_related_links_to_unpublished_stories_are_not_shown(client, hidden, admin_user):
    live_target = ArticleFactory(title="Earlier coverage of the vote")
    story = ArticleFactory()
    RelatedLinkFactory(article=story, target=hidden, url="", title="")
    RelatedLinkFactory(article=story, target=live_target, url="", title="")
    RelatedLinkFactory(article=story, url="https://example.org/report", title="The full report")

    for viewer in (client, Client()):
        page = viewer.get(story.get_absolute_url()).content.decode()
        assert "Embargoed" not in page
        assert f"/{hidden.pk}-" not in page
        assert "Earlier coverage of the vote" in page
        assert "The full report" in page
        viewer.force_login(admin_user)  # the live page is shared: staff see the same links


def test_a_staff_preview_does_not_name_unpublished_related_stories_either(client, hidden, admin_user):
    story = ArticleFactory(draft=True)
    RelatedLinkFactory(article=story, target=hidden, url="", title="")
    client.force_login(admin_user)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Embargoed" not in response.content.decode()


def test_reporting_a_comment_on_an_unpublished_story_does_not_reveal_its_address(client, hidden):
    comment = CommentFactory(article=hidden)
    response = client.post("/en/comments/report/", {"comment": str(comment.pk)})
    assert response.status_code == 404
    assert hidden.slug not in response.get("Location", "")
    assert "Embargoed" not in response.content.decode()


def test_reader_pages_and_feeds_do_not_name_unpublished_stories(client, hidden):
    live = ArticleFactory(section=hidden.section, tags=["budget"])
    hidden.tags.add("budget")
    for url in (
        "/en/",
        hidden.section.get_absolute_url(),
        live.get_absolute_url(),
        "/en/tags/budget/",
        "/en/feeds/rss/",
        "/en/feeds/atom/",
        "/en/feeds/tags/budget/rss/",
        "/en/search/?q=headline",
        "/sitemap.xml",
        "/sitemap-en.xml",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert "Embargoed" not in response.content.decode(), url
        assert f"/{hidden.pk}-{hidden.slug}" not in response.content.decode(), url
