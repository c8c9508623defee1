"""Ratings: readers rate stories 1 to 5, once each, exactly, with and without JavaScript."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, Vote
from articles.ratings.services import Voter, rating_cast
from tests.factories import ArticleFactory, VoteFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
JSON = "application/json"

pytestmark = pytest.mark.django_db


def rate_url(story, lang="en"):
    with translation.override(lang):
        return reverse("articles:rate", kwargs={"pk": story.pk})


def state_url(story, lang="en"):
    with translation.override(lang):
        return reverse("articles:rating_state", kwargs={"pk": story.pk})


def reader(**extra):
    """A browser with its own cookie jar."""
    return Client(HTTP_USER_AGENT=BROWSER, **extra)


def totals(story):
    story.refresh_from_db()
    return story.rating_count, story.rating_sum


# The service -------------------------------------------------------------------------------


class TestRatingCast:
    def test_first_vote_counts_and_a_second_one_changes_it(self):
        story = ArticleFactory()
        voter = Voter(anonymous_id="reader-1")

        first = rating_cast(article=story, voter=voter, score=4)
        assert (first.count, first.sum, first.score, first.created) == (1, 4, 4, True)
        assert totals(story) == (1, 4)

        changed = rating_cast(article=story, voter=voter, score=2)
        assert (changed.count, changed.sum, changed.created) == (1, 2, False)
        assert totals(story) == (1, 2)
        assert Vote.objects.get().score == 2

        rating_cast(article=story, voter=voter, score=2)
        assert totals(story) == (1, 2)

    def test_readers_are_told_apart_by_account_and_by_anonymous_id(self, django_user_model):
        story = ArticleFactory()
        user = django_user_model.objects.create_user("reader")
        rating_cast(article=story, voter=Voter(user=user), score=5)
        rating_cast(article=story, voter=Voter(anonymous_id="a"), score=3)
        rating_cast(article=story, voter=Voter(anonymous_id="b"), score=1)
        rating_cast(article=story, voter=Voter(user=user), score=4)

        assert totals(story) == (3, 8)
        assert story.rating_average == pytest.approx(8 / 3)
        assert Vote.objects.filter(user=user).get().score == 4

    def test_the_same_reader_rates_each_story_once(self):
        one, two = ArticleFactory(), ArticleFactory()
        voter = Voter(anonymous_id="reader")
        rating_cast(article=one, voter=voter, score=5)
        rating_cast(article=two, voter=voter, score=1)
        assert totals(one) == (1, 5)
        assert totals(two) == (1, 1)

    @pytest.mark.parametrize("score", [0, 6, -1, "4", 4.0, True, None])
    def test_scores_outside_one_to_five_are_refused_and_nothing_is_stored(self, score):
        story = ArticleFactory()
        with pytest.raises(ValidationError):
            rating_cast(article=story, voter=Voter(anonymous_id="r"), score=score)
        assert totals(story) == (0, 0)
        assert not Vote.objects.exists()

    def test_a_voter_needs_an_identity(self):
        with pytest.raises(ValueError):
            Voter()

    def test_the_database_refuses_a_second_row_and_a_bad_score(self):
        from django.db import IntegrityError, transaction

        story = ArticleFactory()
        Vote.objects.create(article=story, anonymous_id="r", score=3)
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(article=story, anonymous_id="r", score=4)
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(article=story, anonymous_id="s", score=9)


def run_at_once(jobs):
    """Run rating_cast for each (voter, score) in its own thread and connection, all released together."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def cast(story_pk, voter, score):
        try:
            story = Article.objects.get(pk=story_pk)
            barrier.wait(timeout=30)
            rating_cast(article=story, voter=voter, score=score)
        except Exception as error:  # reported below, with the thread's traceback lost but its cause kept
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert not errors, errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_votes_on_one_story_add_up_exactly(django_user_model):
    story = ArticleFactory()
    users = [django_user_model.objects.create_user(f"reader{i}") for i in range(4)]
    voters = [Voter(anonymous_id=f"anon-{i}") for i in range(20)] + [Voter(user=user) for user in users]
    first = {voter: i % 5 + 1 for i, voter in enumerate(voters)}

    run_at_once([(story.pk, voter, score) for voter, score in first.items()])

    assert totals(story) == (24, sum(first.values()))

    # Half of them change their vote while six new readers each send their first vote twice at once.
    changes = {voter: 6 - first[voter] for voter in voters[::2]}
    newcomers = [Voter(anonymous_id=f"new-{i}") for i in range(6)]
    jobs = [(story.pk, voter, score) for voter, score in changes.items()]
    jobs += [(story.pk, voter, score) for voter in newcomers for score in (1, 5)]
    run_at_once(jobs)

    count, total = totals(story)
    assert count == 30 == Vote.objects.filter(article=story).count()
    assert total == sum(Vote.objects.filter(article=story).values_list("score", flat=True))
    for voter, score in changes.items():
        assert Vote.objects.filter(article=story).cast_by(voter).get().score == score
    newcomer_scores = [Vote.objects.filter(article=story).cast_by(voter).get().score for voter in newcomers]
    assert set(newcomer_scores) <= {1, 5}
    final = {**first, **changes}
    assert total == sum(final.values()) + sum(newcomer_scores)


# The views -------------------------------------------------------------------------------


def test_story_page_has_the_widget_and_nothing_personal(client):
    story = ArticleFactory()
    VoteFactory(article=story, score=4)
    VoteFactory(article=story, score=5)

    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    assert response["Cache-Control"] == "public, max-age=300, s-maxage=300, stale-while-revalidate=60"
    assert "<legend" in html and "Rate it" in html
    assert html.count('type="radio"') == 5
    assert "1 star out of 5" in html and "4 stars out of 5" in html
    assert "4.5" in html and "2 votes" in html
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert rate_url(story) in html and state_url(story) in html
    assert "js/rating.js" in html
    assert "AggregateRating" not in html and "aggregateRating" not in html
    assert "Thank you, your vote has been counted." not in html


def test_story_page_without_votes_invites_the_first(client):
    story = ArticleFactory()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "No votes yet" in html


def test_a_draft_preview_has_no_widget(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    draft = ArticleFactory(draft=True)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Rate it" not in response.content.decode()


def test_votes_without_javascript_come_back_with_a_confirmation():
    browser = reader()
    story = ArticleFactory()

    response = browser.post(rate_url(story), {"score": "4"})

    assert response.status_code == 302
    assert response.url == f"{story.get_absolute_url()}?rated=1#rating"
    cookie = response.cookies["reader"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 2 * 365 * 24 * 60 * 60
    assert not cookie["secure"]  # DEBUG settings in tests; production sets READER_COOKIE_SECURE
    assert totals(story) == (1, 4)

    page = browser.get(response.url).content.decode()
    assert "Thank you, your vote has been counted." in page
    assert "4.0" in page and "1 vote" in page

    # Coming back changes the vote, it never counts twice.
    browser.post(rate_url(story), {"score": "2"})
    assert totals(story) == (1, 2)


@override_settings(READER_COOKIE_SECURE=True)
def test_reader_cookie_is_secure_when_configured():
    response = reader().post(rate_url(ArticleFactory()), {"score": "3"})
    assert response.cookies["reader"]["secure"]


def test_a_signed_in_reader_votes_by_account(django_user_model):
    user = django_user_model.objects.create_user("reader")
    story = ArticleFactory()
    laptop, phone = reader(), reader()
    laptop.force_login(user)
    phone.force_login(user)

    response = laptop.post(rate_url(story), {"score": "5"})
    assert "reader" not in response.cookies
    phone.post(rate_url(story), {"score": "3"})

    assert totals(story) == (1, 3)
    assert Vote.objects.get().user == user


def test_a_tampered_cookie_is_a_new_reader():
    story = ArticleFactory()
    browser = reader()
    browser.post(rate_url(story), {"score": "4"})
    browser.cookies["reader"] = "anon-123:forged"

    response = browser.post(rate_url(story), {"score": "2"})

    assert response.status_code == 302
    assert totals(story) == (2, 6)


def test_javascript_votes_get_json_with_the_new_rating():
    browser = reader()
    story = ArticleFactory()
    VoteFactory(article=story, score=5)

    response = browser.post(rate_url(story), {"score": "4"}, HTTP_ACCEPT=JSON)

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2 and data["countLabel"] == "2 votes"
    assert data["average"] == 4.5 and data["averageLabel"] == "4.5"
    assert data["score"] == 4 and data["ownLabel"] == "You rated it 4 stars."
    assert data["ok"] is True and data["message"] == "Thank you, your vote has been counted."
    assert data["errors"] == {}
    assert "reader" in response.cookies


@pytest.mark.parametrize("score", [None, "", "0", "6", "4.5", "four", "-1"])
def test_bad_scores_are_refused_with_400_and_nothing_is_stored(score):
    story = ArticleFactory()
    data = {} if score is None else {"score": score}

    as_json = reader().post(rate_url(story), data, HTTP_ACCEPT=JSON)
    as_page = reader().post(rate_url(story), data)

    assert as_json.status_code == 400
    assert as_json.json()["ok"] is False
    assert as_json.json()["message"] == "Choose a score from 1 to 5 stars."
    assert as_json.json()["errors"]["score"] == ["Choose a score from 1 to 5 stars."]
    assert as_page.status_code == 400
    page = as_page.content.decode()
    assert "Choose a score from 1 to 5 stars." in page
    assert 'type="radio"' in page and 'name="csrfmiddlewaretoken" value=""' not in page
    assert totals(story) == (0, 0)
    assert not Vote.objects.exists()


@pytest.mark.parametrize("body", ['{"score": 4}', "{not json", "[4]", "{}"])
def test_votes_come_as_form_fields_never_as_a_json_body(body):
    story = ArticleFactory()
    response = reader().post(rate_url(story), body, content_type=JSON, HTTP_ACCEPT=JSON)
    assert response.status_code == 400
    assert "1 to 5" in response.json()["message"]
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    "kwargs", [{"draft": True}, {"scheduled": True}, {"edition": "ru"}], ids=["draft", "scheduled", "other edition"]
)
def test_only_live_stories_take_votes(kwargs):
    story = ArticleFactory(**kwargs)
    browser = reader()
    assert browser.post(rate_url(story, "en"), {"score": "4"}).status_code == 404
    assert browser.get(state_url(story, "en")).status_code == 404
    assert not Vote.objects.exists()


def test_missing_story_is_404_and_get_is_not_a_vote():
    story = ArticleFactory()
    browser = reader()
    assert browser.post(rate_url(story).replace(str(story.pk), "999999"), {"score": "4"}).status_code == 404
    assert browser.get(rate_url(story)).status_code == 405


def test_csrf_is_enforced():
    story = ArticleFactory()
    browser = reader(enforce_csrf_checks=True)

    refused = browser.post(rate_url(story), {"score": "4"})
    assert refused.status_code == 403
    assert not Vote.objects.exists()

    token = browser.get(reverse("articles:reader_csrf")).json()["csrfToken"]
    accepted = browser.post(rate_url(story), {"score": "4", "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    by_script = browser.post(rate_url(story), {"score": "5"}, HTTP_ACCEPT=JSON, HTTP_X_CSRFTOKEN=token)
    assert by_script.status_code == 200
    assert totals(story) == (1, 5)


@override_settings(RATING_RATE_LIMIT="3/h")
def test_one_address_cannot_flood_a_story_by_clearing_cookies():
    story, other = ArticleFactory(), ArticleFactory()
    for score in (1, 2, 3):
        assert reader(REMOTE_ADDR="198.51.100.7").post(rate_url(story), {"score": score}).status_code == 302

    as_json = reader(REMOTE_ADDR="198.51.100.7").post(rate_url(story), {"score": "5"}, HTTP_ACCEPT=JSON)
    as_page = reader(REMOTE_ADDR="198.51.100.7").post(rate_url(story), {"score": "5"})

    message = "Too many votes for this story from your address. Please try again later."
    assert as_json.status_code == 429 and as_json.json()["message"] == message
    assert as_json["Retry-After"] == as_page["Retry-After"] == "3600"
    assert as_page.status_code == 429 and message in as_page.content.decode()
    assert totals(story) == (3, 6)
    # Other stories and other addresses are not affected.
    assert reader(REMOTE_ADDR="198.51.100.7").post(rate_url(other), {"score": "5"}).status_code == 302
    assert reader(REMOTE_ADDR="198.51.100.8").post(rate_url(story), {"score": "5"}).status_code == 302


@override_settings(RATING_RATE_LIMIT="2/h", TRUSTED_PROXIES=["10.0.0.1"])
def test_rate_limit_sees_clients_behind_trusted_proxies_only():
    story = ArticleFactory()

    def vote(remote, forwarded):
        return reader(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded).post(rate_url(story), {"score": "4"})

    # Behind our proxy, each client has its own allowance.
    assert [vote("10.0.0.1", f"203.0.113.{i}").status_code for i in range(4)] == [302] * 4
    # A client talking to us directly cannot invent new addresses.
    assert [vote("198.51.100.9", f"203.0.113.{i}").status_code for i in range(3)] == [302, 302, 429]
    stored = set(Vote.objects.values_list("ip_hash", flat=True))
    assert len(stored) == 5 and all(len(value) == 64 for value in stored)
    assert not any("203.0.113" in value for value in stored)


@pytest.mark.parametrize("user_agent", ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", ""])
def test_bots_are_refused_and_not_counted(user_agent):
    story = ArticleFactory()
    browser = Client(HTTP_USER_AGENT=user_agent)

    as_json = browser.post(rate_url(story), {"score": "5"}, HTTP_ACCEPT=JSON)
    as_page = browser.post(rate_url(story), {"score": "5"})

    assert as_json.status_code == 403
    assert as_json.json()["message"] == "Automated clients cannot rate stories."
    assert as_page.status_code == 403 and "Automated clients cannot rate stories." in as_page.content.decode()
    assert not Vote.objects.exists()


def test_state_tells_each_reader_their_own_vote(django_user_model):
    story = ArticleFactory()
    VoteFactory(article=story, score=2)
    browser = reader()

    before = browser.get(state_url(story))
    assert before.json() == {
        "count": 1,
        "countLabel": "1 vote",
        "average": 2.0,
        "averageLabel": "2.0",
        "score": None,
        "ownLabel": "",
    }
    assert "reader" not in before.cookies
    assert "no-store" in before["Cache-Control"] and "private" in before["Cache-Control"]

    browser.post(rate_url(story), {"score": "5"})
    after = browser.get(state_url(story)).json()
    assert (after["score"], after["ownLabel"], after["count"]) == (5, "You rated it 5 stars.", 2)
    assert reader().get(state_url(story)).json()["score"] is None

    user = django_user_model.objects.create_user("reader")
    VoteFactory(article=story, user=user, score=1)
    signed_in = reader()
    signed_in.force_login(user)
    assert signed_in.get(state_url(story)).json()["ownLabel"] == "You rated it 1 star."


@pytest.mark.usefixtures("page_cache_off", "fragment_cache_off")
def test_story_page_queries_do_not_grow_with_votes(client):
    story = ArticleFactory()

    def measure():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(story.get_absolute_url()).status_code == 200
        return len(captured)

    client.get(story.get_absolute_url())  # the sections are read once, then kept in the cache
    without_votes = measure()
    VoteFactory.create_batch(50, article=story, score=3)
    assert measure() == without_votes


# Top rated ---------------------------------------------------------------------------------


def rated(count, total, **kwargs):
    story = ArticleFactory(**kwargs)
    Article.objects.filter(pk=story.pk).update(rating_count=count, rating_sum=total)
    return story


def test_one_enthusiastic_vote_does_not_outrank_a_hundred_good_ones():
    now = timezone.now()
    rated(200, 700, published_at=now - timedelta(days=30))  # older stories set the site's mean (3.94)
    lone_five = rated(1, 5, title="One vote of five")
    well_liked = rated(100, 480, title="A hundred votes at 4.8")
    middling = rated(40, 120, title="Forty votes at 3")

    stories = Article.objects.published().in_edition("en").top_rated(since=now - timedelta(days=7))

    assert list(stories) == [well_liked, lone_five, middling]
    mean = (700 + 5 + 480 + 120) / (200 + 1 + 100 + 40)
    assert stories[1].rating_rank == pytest.approx((10 * mean + 5) / (10 + 1))
    with override_settings(RATING_PRIOR_WEIGHT=0):
        # Without the prior the lone vote would lead: that is what the weight is for.
        assert Article.objects.published().top_rated(since=now - timedelta(days=7)).first() == lone_five


def test_top_rated_is_this_weeks_live_rated_stories_of_the_edition():
    with time_machine.travel("2026-03-10 12:00 +00:00", tick=False):
        now = timezone.now()
        fresh = rated(3, 12, published_at=now - timedelta(days=6, hours=23))
        rated(5, 25, published_at=now - timedelta(days=7, hours=1), title="Last week")
        rated(0, 0, title="Nobody voted")
        rated(5, 25, draft=True)
        rated(5, 25, scheduled=True)
        rated(5, 25, edition="ru")

        stories = Article.objects.published().in_edition("en").top_rated(since=now - timedelta(days=7))

        assert list(stories) == [fresh]


def test_home_page_shows_top_rated_this_week(client):
    rated(2, 6, title="So-so story")
    rated(50, 240, title="Much liked story")

    html = client.get("/en/").content.decode()

    assert "Top rated this week" in html
    assert html.index("Much liked story", html.index("Top rated")) < html.index("So-so story", html.index("Top rated"))
    assert "50 votes" in html and "4.8" in html


def test_home_page_has_no_empty_top_rated_block(client):
    ArticleFactory()
    assert "Top rated this week" not in client.get("/en/").content.decode()


# The editors' side ---------------------------------------------------------------------------


def test_admin_story_list_shows_average_and_votes_and_sorts_by_average(admin_client):
    from articles.admin import ArticleAdmin

    rated(4, 8, title="Story rated two")
    rated(2, 9, title="Story rated four and a half")
    ArticleFactory(title="Story nobody rated")
    changelist = reverse("admin:articles_article_changelist")

    html = admin_client.get(changelist).content.decode()
    assert "4.5" in html and "2.0" in html
    assert "column-rating_average_display" in html and "column-rating_votes" in html

    # Columns count from 1 after the actions checkbox; "-" sorts best first.
    column = ArticleAdmin.list_display.index("rating_average_display") + 1
    html = admin_client.get(f"{changelist}?o=-{column}").content.decode()
    assert html.index("Story rated four and a half") < html.index("Story rated two") < html.index("Story nobody rated")
    html = admin_client.get(f"{changelist}?o={column}").content.decode()
    assert html.index("Story nobody rated") < html.index("Story rated two") < html.index("Story rated four")


def test_admin_story_page_shows_the_distribution_of_scores(admin_client):
    story = ArticleFactory()
    for score in (5, 5, 4, 1):
        VoteFactory(article=story, score=score)

    html = admin_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()

    assert "Readers&#x27; ratings" in html
    assert "Average 3.8 from 4 votes." in html
    assert '<meter min="0" max="4" value="2">' in html  # two fives
    assert '<meter min="0" max="4" value="0">' in html  # nobody gave 2 or 3
    assert 'name="rating_distribution"' not in html  # read-only, not a form field


def test_votes_are_read_only_in_the_admin(admin_client):
    vote = VoteFactory(score=3)

    listing = admin_client.get(reverse("admin:articles_vote_changelist"))
    assert listing.status_code == 200 and vote.article.title in listing.content.decode()
    page = admin_client.get(reverse("admin:articles_vote_change", args=[vote.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.get(reverse("admin:articles_vote_add")).status_code == 403
    assert admin_client.post(reverse("admin:articles_vote_delete", args=[vote.pk]), {"post": "yes"}).status_code == 403
    assert admin_client.post(reverse("admin:articles_vote_change", args=[vote.pk]), {"score": "5"}).status_code == 403
    vote.refresh_from_db()
    assert vote.score == 3 and totals(vote.article) == (1, 3)


def test_editors_see_ratings_in_the_admin(client, editor):
    story = ArticleFactory(title="A rated story")
    VoteFactory(article=story, score=4)
    client.force_login(editor)

    assert "4.0" in client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert client.get(reverse("admin:articles_vote_changelist")).status_code == 200
    assert client.get(reverse("admin:articles_vote_add")).status_code == 403
