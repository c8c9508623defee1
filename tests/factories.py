import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from articles.live.models import LiveBlog, LiveEntry
from articles.models import Article, Author, Correction, Photo, RelatedLink, Section, Vote
from articles.ratings.services import Voter, rating_cast
from articles.services import article_translations_link, correction_save
from comments.models import Comment
from comments.services import comment_count_refresh
from comments.typos.models import TypoReport


def image_file(name="photo.jpg", size=(800, 533), color=(40, 90, 160), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("edition", "slug")

    edition = "en"
    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"author-{n}")
    title = "Correspondent"


class PhotoFactory(DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.LazyFunction(image_file)
    alt_text = "Delegates gather in the hall before the vote"
    caption = "Delegates before the vote"
    credit = "Jane Doe / Newsportal"


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    edition = "en"
    section = factory.SubFactory(SectionFactory, edition=factory.SelfAttribute("..edition"))
    title = factory.Sequence(lambda n: f"Parliament passes budget bill number {n}")
    slug = factory.Sequence(lambda n: f"parliament-passes-budget-bill-{n}")
    lead = "Lawmakers approved the spending plan after a long night of debate."
    body = "<p>The bill passed with a comfortable majority.</p><p>It now goes to the upper house.</p>"
    source_name = "TASS"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1)))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def translation_of(self, create, extracted, **kwargs):
        """ArticleFactory(edition="ru", translation_of=english_story): the same story in two editions."""
        if create and extracted:
            article_translations_link(story=self, translation_of=extracted)


class RelatedLinkFactory(DjangoModelFactory):
    class Meta:
        model = RelatedLink

    article = factory.SubFactory(ArticleFactory)
    target = None
    url = "https://example.org/report"
    title = "The full report"


class CorrectionFactory(DjangoModelFactory):
    """A correction added through the service, so the story reads as updated as it would on the site."""

    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version misstated the vote count."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return correction_save(correction=model_class(*args, **kwargs))


class VoteFactory(factory.Factory):
    """A reader's vote, cast through the service so the story's totals stay in step."""

    class Meta:
        model = Vote

    article = factory.SubFactory(ArticleFactory)
    user = None
    anonymous_id = factory.Sequence(lambda n: f"anonymous-reader-{n}")
    score = 4

    @classmethod
    def _create(cls, model_class, *, article, user, anonymous_id, score):
        voter = Voter(user=user) if user is not None else Voter(anonymous_id=anonymous_id)
        rating_cast(article=article, voter=voter, score=score)
        return Vote.objects.filter(article=article).cast_by(voter).get()


class CommentFactory(DjangoModelFactory):
    """A published comment; the story's comment count is refreshed as the services would do."""

    class Meta:
        model = Comment
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    author_name = factory.Faker("name")
    text = factory.Sequence(lambda n: f"A fair point about the budget, number {n}.")
    status = Comment.Status.APPROVED
    ip_hash = factory.Sequence(lambda n: f"{n:064x}")

    @factory.post_generation
    def recount(self, create, extracted, **kwargs):
        if create:
            comment_count_refresh(article_ids=[self.article_id])


class TypoReportFactory(DjangoModelFactory):
    """An open typo report of text that is in the story."""

    class Meta:
        model = TypoReport

    article = factory.SubFactory(ArticleFactory)
    selection = "comfortable majority"
    url = factory.LazyAttribute(lambda report: f"http://testserver{report.article.get_absolute_url()}")


class LiveBlogFactory(DjangoModelFactory):
    class Meta:
        model = LiveBlog

    article = factory.SubFactory(ArticleFactory, title="Election night, as it happens", slug="election-night-live")
    opened_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class LiveEntryFactory(DjangoModelFactory):
    class Meta:
        model = LiveEntry

    blog = factory.SubFactory(LiveBlogFactory)
    body = factory.Sequence(lambda n: f"<p>Polling stations report turnout number {n}.</p>")
