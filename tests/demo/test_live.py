"""The showcase's live blogs: each edition's lead story on the home page, live, a dozen entries, two key events."""

import pytest
from django.utils import translation

from articles.live.models import LiveEntry
from demo.live import demo_live_blog_seed
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("edition", ["en", "ru"])
def test_the_lead_story_becomes_a_live_blog_linked_from_the_home_page(client, edition):
    lead = ArticleFactory(edition=edition, is_pinned=True, slug=f"lead-{edition}")
    ArticleFactory(edition=edition, slug=f"other-{edition}")
    blog = demo_live_blog_seed(edition=edition)
    assert blog.article == lead and blog.is_live
    entries = LiveEntry.objects.filter(blog=blog)
    assert entries.count() == 12
    assert entries.filter(is_key_event=True).count() == 2
    assert all(entry.published_at >= blog.opened_at for entry in entries)
    with translation.override(edition):
        home = client.get(f"/{edition}/").content.decode()
    assert f'href="{lead.get_absolute_url()}"' in home
    page = client.get(lead.get_absolute_url()).content.decode()
    assert page.count('<article class="live-entry') == 12
    assert 'data-live-status="live"' in page
    # Run again: nothing more.
    assert demo_live_blog_seed(edition=edition) is None
    assert LiveEntry.objects.count() == 12


def test_russian_page_reads_in_russian(client):
    lead = ArticleFactory(edition="ru", is_pinned=True, slug="lead-ru")
    demo_live_blog_seed(edition="ru")
    page = client.get(lead.get_absolute_url()).content.decode()
    assert "Главное" in page and "Онлайн" in page and "Правительство подтвердило решение" in page
