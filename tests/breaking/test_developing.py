"""Developing stories: follow-ups link back, earlier stories send readers forward, only to live stories."""

from datetime import timedelta

import extruct
import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.breaking.developing import developing_chain_refresh, developing_check
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

UPDATED = "This story has been updated:"
EARLIER = "Developing story. Earlier:"


def follow(story, earlier):
    """What the admin does when an editor picks the story a follow-up develops."""
    previous = story.follows_id
    story.follows = earlier
    story.save()
    developing_chain_refresh(story_pks=[story.pk, previous])
    story.refresh_from_db()


def hours_ago(hours, **kwargs):
    return ArticleFactory(published_at=timezone.now() - timedelta(hours=hours), **kwargs)


def page(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def chain():
    first = hours_ago(5, title="Fire breaks out at the port")
    second = hours_ago(3, title="Port fire spreads to warehouses")
    third = hours_ago(1, title="Port fire put out after ten hours")
    follow(second, first)
    follow(third, second)
    return first, second, third


def test_readers_of_every_earlier_story_are_sent_to_the_newest_follow_up(client, chain):
    first, second, third = chain
    for story in (first, second):
        html = page(client, story)
        assert UPDATED in html
        assert f'<a href="{third.get_absolute_url()}">Port fire put out after ten hours</a>' in html
    assert UPDATED not in page(client, third)


def test_each_follow_up_links_back_to_the_story_it_develops(client, chain):
    first, second, third = chain
    assert f'href="{second.get_absolute_url()}" rel="prev">Port fire spreads to warehouses' in page(client, third)
    assert f'href="{first.get_absolute_url()}" rel="prev">Fire breaks out at the port' in page(client, second)
    assert EARLIER not in page(client, first)


def test_a_draft_or_scheduled_follow_up_is_invisible(client, chain):
    first, second, third = chain
    Article.objects.filter(pk=third.pk).update(status=Article.Status.DRAFT, published_at=None)
    html = page(client, first)
    assert "Port fire put out" not in html
    assert second.get_absolute_url() in html  # the newest live one instead
    Article.objects.filter(pk=third.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=1)
    )
    assert "Port fire put out" not in page(client, second)
    assert UPDATED not in page(client, second)


def test_a_withdrawn_middle_story_is_skipped_both_ways(client, chain):
    first, second, third = chain
    second.status = Article.Status.DRAFT
    second.save()
    assert "Port fire spreads" not in page(client, third)
    assert f'href="{first.get_absolute_url()}" rel="prev"' in page(client, third)
    assert f'href="{third.get_absolute_url()}"' in page(client, first)


def test_a_follow_up_going_live_reaches_the_cached_earlier_page(client, chain):
    first, second, third = chain
    fourth = ArticleFactory(title="Port reopens", published_at=timezone.now() + timedelta(hours=2))
    follow(fourth, third)
    assert "Port reopens" not in page(client, first)
    fourth.published_at = timezone.now() - timedelta(minutes=1)
    fourth.save()
    assert "Port reopens" in page(client, first)


def test_unlinking_a_story_takes_it_out_of_the_chain(client, chain):
    first, second, third = chain
    follow(third, None)
    assert "Port fire put out" not in page(client, first)
    assert EARLIER not in page(client, third)
    third.refresh_from_db()
    assert third.developing_thread_id is None
    first.refresh_from_db()
    assert first.developing_thread_id == first.pk  # first and second still form a chain


def test_a_chain_of_two_only_is_dissolved_when_unlinked(client):
    first = hours_ago(2)
    second = hours_ago(1)
    follow(second, first)
    follow(second, None)
    assert set(Article.objects.values_list("developing_thread", flat=True)) == {None}


def test_follow_ups_stay_in_their_edition_and_never_go_round():
    first = hours_ago(3)
    second = hours_ago(2)
    follow(second, first)
    with pytest.raises(ValidationError, match="same edition"):
        developing_check(story=ArticleFactory(edition="ru"), earlier=first)
    with pytest.raises(ValidationError, match="itself"):
        developing_check(story=first, earlier=first)
    with pytest.raises(ValidationError, match="circle"):
        developing_check(story=first, earlier=second)


def test_the_follow_up_says_in_json_ld_what_it_is_based_on(client, chain):
    first, second, third = chain
    html = page(client, third)
    data = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"], uniform=True)
    article = next(item for item in data["json-ld"] if item["@type"] == "NewsArticle")
    schema = {
        "type": "object",
        "required": ["isBasedOn"],
        "properties": {
            "isBasedOn": {
                "type": "object",
                "required": ["@type", "headline", "url"],
                "properties": {"@type": {"const": "NewsArticle"}, "url": {"type": "string", "format": "uri"}},
            }
        },
    }
    jsonschema.validate(article, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert article["isBasedOn"]["url"] == "http://testserver" + second.get_absolute_url()
    first_data = extruct.extract(page(client, first), base_url="http://testserver/", syntaxes=["json-ld"])
    assert all("isBasedOn" not in item for item in first_data["json-ld"])


def test_the_story_page_reads_the_links_in_its_own_queries(client, chain, django_assert_max_num_queries, settings):
    from tests.articles.test_query_counts import QUERY_BUDGET

    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    first, second, third = chain
    client.get(second.get_absolute_url())  # sections and the banner's state into the cache
    with django_assert_max_num_queries(QUERY_BUDGET["story"]):
        html = page(client, second)
    assert UPDATED in html
    assert EARLIER in html


def test_deleting_a_story_in_the_middle_splits_the_chain(client, chain):
    first, second, third = chain
    second.delete()
    assert UPDATED not in page(client, first)
    assert EARLIER not in page(client, third)
    assert set(Article.objects.values_list("developing_thread", flat=True)) == {None}


def test_deleting_the_first_story_keeps_the_rest_of_the_chain(client, chain):
    first, second, third = chain
    first.delete()
    assert f'href="{third.get_absolute_url()}"' in page(client, second)
    assert f'href="{second.get_absolute_url()}" rel="prev"' in page(client, third)
