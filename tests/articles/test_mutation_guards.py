"""Rules of ratings and story querysets that a mutation run showed no test was holding."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Vote
from articles.ratings.services import Voter, rating_cast
from articles.templatetags.discovery import story_relations
from comments.models import Comment
from comments.rankings import most_discussed
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, PhotoFactory, VoteFactory

pytestmark = pytest.mark.django_db


def test_a_voter_without_identity_is_told_why():
    with pytest.raises(ValueError, match=r"^A voter needs an account or an anonymous id\.$"):
        Voter()


def test_a_bad_score_says_what_to_choose_with_a_stable_code():
    with pytest.raises(ValidationError) as caught:
        rating_cast(article=ArticleFactory(), voter=Voter(anonymous_id="r1"), score=6)
    assert caught.value.code == "invalid_score"
    assert caught.value.messages == ["Choose a score from 1 to 5."]


def test_a_vote_without_an_address_stores_no_address():
    story = ArticleFactory()
    rating_cast(article=story, voter=Voter(anonymous_id="r1"), score=3)
    assert Vote.objects.get(article=story).ip_hash == ""


def test_an_anonymous_reader_never_takes_over_a_signed_in_vote_with_the_same_cookie(django_user_model):
    story = ArticleFactory()
    user = django_user_model.objects.create_user("reader", password="x")  # noqa: S106
    Vote.objects.create(article=story, user=user, anonymous_id="same-browser", score=5)

    assert not Vote.objects.filter(article=story).cast_by(Voter(anonymous_id="same-browser")).exists()


def test_published_excludes_a_withdrawn_story_whose_time_has_passed():
    live = ArticleFactory()
    withdrawn = ArticleFactory()
    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.DRAFT)

    assert list(Article.objects.filter(pk__in=[live.pk, withdrawn.pk]).published()) == [live]


def test_cards_leave_the_body_out_and_bring_the_image(django_assert_num_queries):
    ArticleFactory(image=PhotoFactory())
    with django_assert_num_queries(1):
        card = Article.objects.with_cards().get()
        assert card.image.credit
        assert card.section.name
    assert "body" in card.get_deferred_fields()


def test_the_story_page_reads_section_image_and_translation_with_the_story(django_assert_num_queries):
    for _ in range(2):
        other = ArticleFactory(edition="ru", section__slug="ekonomika")
        ArticleFactory(image=PhotoFactory(), authors=[AuthorFactory()], tags=["budget"], translation_of=other)
    with django_assert_num_queries(1):
        stories = list(Article.objects.filter(edition="en").with_page())
        for story in stories:
            [version] = story.other_versions()
            assert story.section.name and story.image.credit and version.section.slug == "ekonomika"
            assert version.get_absolute_url().startswith("/ru/ekonomika/")


def test_bylines_and_tags_are_read_once_by_the_blocks_that_show_them(django_assert_num_queries):
    story = Article.objects.with_page().get(pk=ArticleFactory(authors=[AuthorFactory()], tags=["budget"]).pk)
    with django_assert_num_queries(2):  # bylines, tags
        story_relations(story)
        story_relations(story)
        assert len(story.authors.all()) == 1
        assert [tag.name for tag in story.tags.all()] == ["budget"]


def same_time_pair():
    when = timezone.now() - timedelta(hours=2)
    first = ArticleFactory(published_at=when)
    second = ArticleFactory(published_at=when)
    return first, second


def test_lead_first_breaks_a_tie_at_the_same_minute_by_the_later_story():
    first, second = same_time_pair()
    assert list(Article.objects.filter(pk__in=[first.pk, second.pk]).lead_first()) == [second, first]


def test_most_discussed_breaks_a_tie_at_the_same_minute_by_the_later_story():
    first, second = same_time_pair()
    for story in (first, second):
        CommentFactory(article=story)
    since = timezone.now() - timedelta(days=1)
    ranked = most_discussed(Article.objects.filter(pk__in=[first.pk, second.pk]), since=since, top=5)
    assert ranked == [(second.pk, 1), (first.pk, 1)]
    assert Comment.objects.count() == 2


class TestTopRated:
    since = property(lambda self: timezone.now() - timedelta(days=7))

    def test_a_lone_vote_is_pulled_towards_the_mean_of_a_single_vote(self):
        story = ArticleFactory()
        VoteFactory(article=story, score=5)
        (ranked,) = Article.objects.filter(pk=story.pk).top_rated(since=self.since)
        assert ranked.rating_rank == pytest.approx(5.0)

    def test_the_prior_weight_given_overrides_the_setting(self, settings):
        settings.RATING_PRIOR_WEIGHT = 10
        many, once, low = ArticleFactory(), ArticleFactory(), ArticleFactory()
        for story, score, votes in ((many, 4, 4), (once, 5, 1), (low, 1, 10)):
            for _ in range(votes):
                VoteFactory(article=story, score=score)
        stories = Article.objects.filter(pk__in=[many.pk, once.pk, low.pk])
        assert list(stories.top_rated(since=self.since)) == [many, once, low]
        assert list(stories.top_rated(since=self.since, prior_weight=0)) == [once, many, low]

    def test_at_the_same_rank_more_votes_then_newer_then_later_story_win(self):
        now = timezone.now()
        two_votes = ArticleFactory(published_at=now - timedelta(hours=3))
        one_vote_newer = ArticleFactory(published_at=now - timedelta(hours=1))
        one_vote_older = ArticleFactory(published_at=now - timedelta(hours=2))
        first_twin, second_twin = same_time_pair()
        Article.objects.filter(pk__in=[first_twin.pk, second_twin.pk]).update(published_at=now - timedelta(hours=4))
        for story in (two_votes, two_votes, one_vote_newer, one_vote_older, first_twin, second_twin):
            VoteFactory(article=story, score=4)
        ranked = Article.objects.filter(rating_count__gt=0).top_rated(since=now - timedelta(days=1))
        assert [story.rating_rank for story in ranked] == [pytest.approx(4.0)] * 5
        assert list(ranked) == [two_votes, one_vote_newer, one_vote_older, second_twin, first_twin]
