"""Page 2 of every paginated Russian list speaks Russian: the pager shows only when there are pages, so
page 1 of a short list never renders it. Looked for three ways: the catalogue's English, the English
the code marks for translation (extracted afresh), and any Latin-script word outside story content."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import edition_url
from tests.factories import ArticleFactory, CommentFactory

from .untranslated import english_left, extracted_english_fragments, latin_words

pytestmark = pytest.mark.django_db

TITLES = ["Рубль укрепился к доллару", "Нефть подорожала на шесть процентов", "Бюджет исполнен с профицитом"]


@pytest.fixture
def paginated(settings, ru_story):
    """One story and one comment per page, so three stories and three comments make three pages."""
    settings.ARTICLES_PER_PAGE = 1
    settings.COMMENTS_PER_PAGE = 1
    for n, title in enumerate(TITLES):
        story = ArticleFactory(
            edition="ru",
            section=ru_story.section,
            title=title,
            slug=f"novost-{n}",
            lead="Короткое описание новости.",
            body="<p>Подробности появятся позже.</p>",
            source_name="ТАСС",
            authors=list(ru_story.authors.all()),
            tags=["ставка"],
            published_at=ru_story.published_at - timedelta(minutes=n + 1),
        )
        CommentFactory(article=story, author_name="Пётр", text=f"Мнение читателя номер {n}.")
    return ru_story


def assert_russian(html, extracted_catalogue):
    assert '<html lang="ru"' in html
    assert english_left(html, fragments=extracted_english_fragments(str(extracted_catalogue))) == []
    assert latin_words(html) == []


def test_the_latin_detector_sees_strings_no_catalogue_knows():
    assert latin_words('<nav class="pager"><a href="?page=1">← Newer</a> Страница 2 из 3</nav>') == ["Newer"]
    assert latin_words('<img alt="Loading spinner" src="/static/x.svg">') == ["Loading", "spinner"]
    assert latin_words('<a lang="en" href="/en/">English</a> <a href="/ru/feeds/rss/">RSS</a>') == []
    assert latin_words("<p>Пишите на desk@example.org или https://example.org/news</p>") == []


def list_pages(story):
    when = timezone.localtime(story.published_at)
    return [
        story.section.get_absolute_url(),
        edition_url("ru", "articles:tag", slug=story.tags.get(name="ставка").slug),
        "/ru/authors/anna-petrova/",
        f"/ru/archive/{when:%Y}/",
        f"/ru/archive/{when:%Y}/{when:%m}/",
        "/ru/search/?q=новости&page=",
    ]


@pytest.mark.parametrize("index", range(6), ids=["section", "tag", "author", "year", "month", "search"])
def test_page_two_of_every_story_list(client, paginated, extracted_catalogue, index):
    url = list_pages(paginated)[index]
    url = f"{url}2" if url.endswith("page=") else f"{url}?page=2"

    response = client.get(url)

    assert response.status_code == 200, url
    html = response.content.decode()
    assert 'class="pager"' in html
    assert "Страница 2 из" in html
    assert_russian(html, extracted_catalogue)


def test_page_two_of_the_comments(client, paginated, extracted_catalogue):
    response = client.get(f"{paginated.get_absolute_url()}?cpage=2")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'rel="prev"' in html and "cpage=1" in html
    assert_russian(html, extracted_catalogue)


def test_the_last_page_of_the_comments_newest_first(client, paginated, extracted_catalogue):
    response = client.get(f"{paginated.get_absolute_url()}?comments=newest&cpage=3")

    assert response.status_code == 200
    assert_russian(response.content.decode(), extracted_catalogue)
