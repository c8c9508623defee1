"""The fragment cache: story cards and the discussion are kept rendered, and every write that changes
one shows on the next render, with the page cache off (what readers with a session and an expired
page get)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from comments.models import Comment
from comments.services import comments_approve, comments_mark_pick, comments_reject
from newsportal.pagecache import fragments
from tests.factories import ArticleFactory, CommentFactory, PhotoFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

CARD = "articles/includes/_card.html"
THREAD = "comments/includes/_thread.html"


@pytest.fixture
def section():
    return SectionFactory(slug="politics", name="Politics")


@pytest.fixture
def story(section):
    return ArticleFactory(section=section, title="Parliament passes the budget", tags=["budget"])


@pytest.fixture
def neighbour(section):
    """Another story of the section: the story page shows it under "More from Politics"."""
    return ArticleFactory(
        section=section, title="Senate delays the vote", published_at=timezone.now() - timedelta(hours=2)
    )


def rendered(response):
    return {template.name for template in response.templates}


def lists(story):
    with translation.override(story.edition):
        return ["/en/", story.section.get_absolute_url(), reverse("articles:tag", kwargs={"slug": "budget"})]


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# ---- Kept and reused ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [0, 1, 2], ids=["home", "section", "tag"])
def test_cards_are_rendered_once_then_served_from_the_cache(client, story, page):
    url = lists(story)[page]
    first = client.get(url)
    second = client.get(url)
    assert CARD in rendered(first)
    assert CARD not in rendered(second)
    assert second.content == first.content


def test_the_discussion_is_served_from_the_cache_without_reading_comments(client, story, django_assert_num_queries):
    comments_approve(comments=CommentFactory.create_batch(2, article=story, status=Comment.Status.PENDING))
    url = story.get_absolute_url()
    client.get(story.section.get_absolute_url())  # the edition's sections, kept in the cache
    with django_assert_num_queries(6):  # the story, bylines, tags, more from the section, two for comments
        first = client.get(url)
    with django_assert_num_queries(0):  # the story itself, its blocks, bylines and tags: all kept
        second = client.get(url)
    assert THREAD in rendered(first)
    assert THREAD not in rendered(second)
    assert second.content == first.content


def test_fragment_cache_seconds_zero_renders_every_time(client, story, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get("/en/")
    assert CARD in rendered(client.get("/en/"))
    client.get(story.get_absolute_url())
    assert THREAD in rendered(client.get(story.get_absolute_url()))


def test_a_list_reads_all_its_cards_in_one_round_trip(client, section, monkeypatch, settings):
    settings.FRAGMENT_LOCAL_ENTRIES = 0  # every lookup asks the shared cache
    ArticleFactory.create_batch(5, section=section)
    client.get(section.get_absolute_url())
    lookups = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, **kw: lookups.append(keys) or get_many(keys, **kw))
    # The month's archive lists the same cards, in a block of its own not rendered yet.
    month = timezone.localtime().strftime("%Y/%m")
    assert html(client, f"/en/archive/{month}/").count('<article class="card') == 5
    card_lookups = [keys for keys in lookups if any(":fragment:card:" in key for key in keys)]
    assert [len(keys) for keys in card_lookups] == [5]


def test_cards_keep_their_variant_first_two_eager_then_lazy(client, section):
    ArticleFactory.create_batch(4, section=section, image=PhotoFactory())
    client.get("/en/")  # the home page keeps the same stories' cards, all lazy
    for _ in range(2):
        page = html(client, section.get_absolute_url())
        cards = page.split('<article class="card')[1:]
        assert ['loading="lazy"' in card for card in cards] == [False, False, True, True]


def test_each_edition_gets_its_own_cards(client, story):
    ru_section = SectionFactory(edition="ru", slug="politika", name="Политика")
    ArticleFactory(edition="ru", section=ru_section, title="Дума приняла бюджет")
    for _ in range(2):
        en_home, ru_home = html(client, "/en/"), html(client, "/ru/")
        assert "Parliament passes the budget" in en_home
        assert "Дума приняла бюджет" not in en_home
        assert "Дума приняла бюджет" in ru_home
        assert "Parliament passes the budget" not in ru_home


# ---- What changes a card -------------------------------------------------------------------------------


def test_an_edited_headline_shows_on_every_list_and_under_the_neighbours_story(client, story, neighbour):
    urls = [*lists(story), neighbour.get_absolute_url()]
    for url in urls:
        assert "Parliament passes the budget" in html(client, url)
    story.title = "Parliament rejects the budget"
    story.save()
    for url in urls:
        page = html(client, url)
        assert "Parliament rejects the budget" in page, url
        assert "Parliament passes the budget" not in page, url


def test_a_renamed_section_shows_on_its_cards(client, story):
    urls = lists(story)
    for url in urls:
        html(client, url)
    story.section.name = "Domestic politics"
    story.section.save()
    for url in urls:
        assert '<a class="card__section" href="/en/politics/">Domestic politics</a>' in html(client, url), url


def test_an_approved_comment_shows_in_the_count_on_cards(client, story, neighbour):
    comment = CommentFactory(article=story, status=Comment.Status.PENDING)
    urls = [*lists(story), neighbour.get_absolute_url()]
    for url in urls:
        assert "1 comment" not in html(client, url)
    comments_approve(comments=[comment])
    for url in urls:
        assert "1 comment" in html(client, url), url


# ---- What changes the discussion -------------------------------------------------------------------------


def test_an_approved_comment_shows_in_the_discussion(client, story):
    comment = CommentFactory(article=story, status=Comment.Status.PENDING, text="The opposition walked out.")
    html(client, story.get_absolute_url())
    assert "The opposition walked out." not in html(client, story.get_absolute_url())
    comments_approve(comments=[comment])
    page = html(client, story.get_absolute_url())
    assert "The opposition walked out." in page
    assert '<span class="comments__count">(1)</span>' in page


def test_a_rejected_comment_leaves_the_discussion(client, story):
    comment = CommentFactory(article=story, text="A comment the moderators regret.")
    comments_approve(comments=[comment])
    assert "A comment the moderators regret." in html(client, story.get_absolute_url())
    comments_reject(comments=[comment])
    assert "A comment the moderators regret." not in html(client, story.get_absolute_url())


def test_an_editors_pick_shows_in_the_discussion(client, story):
    comments = CommentFactory.create_batch(2, article=story)
    comments_approve(comments=comments)
    assert "comment--pick" not in html(client, story.get_absolute_url())
    comments_mark_pick(comments=[comments[1]])
    assert f'<li class="comment comment--pick" id="comment-{comments[1].pk}"' in html(client, story.get_absolute_url())


def test_closing_comments_in_the_admin_shows_at_once(client, story):
    html(client, story.get_absolute_url())
    story.comments_closed = True
    story.save()
    assert "The editors have closed comments on this story." in html(client, story.get_absolute_url())


def test_comments_close_when_their_time_comes_without_any_write(client, story, settings):
    settings.FRAGMENT_CACHE_SECONDS = 365 * 24 * 60 * 60  # still kept when comments close
    assert 'id="comment-form-title"' in html(client, story.get_absolute_url())
    closing = story.published_at + timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS, seconds=1)
    with time_machine.travel(closing):
        page = html(client, story.get_absolute_url())
    assert 'id="comment-form-title"' not in page
    assert "Comments on this story closed on" in page


def test_each_order_and_page_of_the_discussion_is_its_own(client, story, settings):
    settings.COMMENTS_PER_PAGE = 2
    now = timezone.now()
    comments = [
        CommentFactory(article=story, text=f"Comment number {i}.", created_at=now - timedelta(minutes=10 - i))
        for i in range(3)
    ]
    comments_approve(comments=comments)
    url = story.get_absolute_url()
    for _ in range(2):
        oldest, newest = html(client, url), html(client, f"{url}?comments=newest")
        second = html(client, f"{url}?cpage=2")
        assert oldest.index("Comment number 0.") < oldest.index("Comment number 1.")
        assert "Comment number 2." not in oldest
        assert newest.index("Comment number 2.") < newest.index("Comment number 1.")
        assert "Comment number 0." not in newest
        assert "Comment number 2." in second
        assert "Comment number 0." not in second


@pytest.mark.parametrize("query", ["?cpage=99", "?cpage=abc", "?comments=sideways", "?cpage=0"])
def test_made_up_discussion_parameters_are_rendered_but_never_kept(client, story, query):
    comments_approve(comments=[CommentFactory(article=story, text="Only one comment.")])
    url = story.get_absolute_url() + query
    assert "Only one comment." in html(client, url)
    assert THREAD in rendered(client.get(url))


def test_a_changed_template_starts_new_fragments(client, story, settings, tmp_path):
    html(client, "/en/")
    assert CARD not in rendered(client.get("/en/"))
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "changed.html").write_text("<p>A new design.</p>")
    settings.BASE_DIR = tmp_path
    fragments.release.cache_clear()
    try:
        assert CARD in rendered(client.get("/en/"))
    finally:
        fragments.release.cache_clear()


# ---- Whole blocks: lists, the home page, the story, the chrome -------------------------------------


def test_a_warm_list_reads_no_story(client, section, django_assert_num_queries):
    ArticleFactory.create_batch(3, section=section)
    first = html(client, section.get_absolute_url())
    with django_assert_num_queries(0):  # the section from the cache, its cards and pager kept rendered
        assert html(client, section.get_absolute_url()) == first


def test_a_warm_home_page_reads_nothing_but_whether_its_lists_are_fresh(client, story, django_assert_num_queries):
    first = html(client, "/en/")
    with django_assert_num_queries(0):
        assert html(client, "/en/") == first


def test_a_published_story_shows_on_every_list_at_once(client, story):
    for url in lists(story):
        html(client, url)
    ArticleFactory(section=story.section, title="Central bank cuts rates", tags=["budget"])
    for url in lists(story):
        assert "Central bank cuts rates" in html(client, url), url


def test_an_unpublished_story_leaves_every_list_at_once(client, story):
    for url in lists(story):
        assert "Parliament passes the budget" in html(client, url)
    story.status = story.Status.DRAFT
    story.save()
    for url in lists(story):
        assert "Parliament passes the budget" not in html(client, url), url


def test_a_scheduled_story_shows_on_every_list_when_its_time_comes(client, story):
    due = timezone.now() + timedelta(minutes=10)
    ArticleFactory(section=story.section, title="Budget vote tonight", tags=["budget"], published_at=due)
    for url in lists(story):
        assert "Budget vote tonight" not in html(client, url)
    with time_machine.travel(due + timedelta(seconds=1)):
        for url in lists(story):
            assert "Budget vote tonight" in html(client, url), url


def test_a_scheduled_story_shows_under_more_from_the_section_when_its_time_comes(client, story):
    due = timezone.now() + timedelta(minutes=10)
    ArticleFactory(section=story.section, title="Budget vote tonight", published_at=due)
    assert "Budget vote tonight" not in html(client, story.get_absolute_url())
    with time_machine.travel(due + timedelta(seconds=1)):
        assert "Budget vote tonight" in html(client, story.get_absolute_url())


def test_an_edited_story_shows_on_its_page_at_once(client, story):
    html(client, story.get_absolute_url())
    story.body = "<p>The upper house approved it overnight.</p>"
    story.save()
    assert "The upper house approved it overnight." in html(client, story.get_absolute_url())


def test_a_vote_shows_in_the_story_rating_at_once(client, story):
    from articles.ratings.services import Voter, rating_cast

    assert "data-rating-count>\n            \n              0 votes" not in html(client, story.get_absolute_url())
    rating_cast(article=story, voter=Voter(anonymous_id="reader-1"), score=4)
    page = html(client, story.get_absolute_url())
    assert "1 vote" in page
    assert ">4.0<" in page


def test_a_renamed_section_shows_in_the_navigation_of_every_page(client, story):
    for url in [*lists(story), story.get_absolute_url()]:
        html(client, url)
    story.section.name = "Power"
    story.section.save()
    for url in [*lists(story), story.get_absolute_url()]:
        assert '">Power</a>' in html(client, url), url


def test_a_page_past_the_end_of_a_list_is_not_found_warm_or_cold(client, section, settings):
    settings.ARTICLES_PER_PAGE = 2
    ArticleFactory.create_batch(3, section=section)
    assert client.get(section.get_absolute_url() + "?page=2").status_code == 200
    for _ in range(2):
        assert client.get(section.get_absolute_url() + "?page=3").status_code == 404
    assert client.get(section.get_absolute_url() + "?page=last").status_code == 200


def test_odd_page_numbers_are_rendered_but_never_kept(client, section, settings, monkeypatch):
    ArticleFactory(section=section)
    stored = []
    set_many = fragments.set_many
    monkeypatch.setattr(fragments, "set_many", lambda entries: stored.extend(entries) or set_many(entries))
    assert client.get(section.get_absolute_url() + "?page=01").status_code == 200
    assert not [key for key in stored if ":fragment:story-list:" in key]


def test_an_unpublished_story_is_gone_from_its_address_at_once(client, story):
    html(client, story.get_absolute_url())
    story.status = story.Status.DRAFT
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_renamed_story_redirects_from_its_old_address_at_once(client, story):
    old = story.get_absolute_url()
    html(client, old)
    story.slug = "budget-passed"
    story.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"].endswith(f"/{story.pk}-budget-passed/")


def test_a_new_comment_count_shows_on_the_story_page_at_once(client, story):
    html(client, story.get_absolute_url())
    comments_approve(comments=CommentFactory.create_batch(2, article=story, status=Comment.Status.PENDING))
    assert CommentFactory._meta.model.objects.filter(article=story).count() == 2
    page = html(client, story.get_absolute_url())
    assert page.count("data-comment=") == 2
