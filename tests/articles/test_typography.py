"""Russian typography on render: quotes, non-breaking spaces, dashes; HTML left intact; English untouched."""

import json
import re

import pytest
from django.utils import timezone

from articles.typography import NBSP, for_edition, typeset_html, typeset_text
from tests.factories import ArticleFactory, AuthorFactory, RelatedLinkFactory, SectionFactory

S = NBSP


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        # One- and two-letter words hold on to the next word; so do chains of them.
        ("выборах в Индии", f"выборах в{S}Индии"),
        ("и в Москве", f"и{S}в{S}Москве"),
        ("Он не знал", f"Он{S}не{S}знал"),
        # A dash binds to the word before it; a hyphen typed between spaces is a dash.
        ("Москва — столица", f"Москва{S}— столица"),
        ("Москва - столица", f"Москва{S}— столица"),
        ("цены – выше", f"цены{S}– выше"),
        # Not a dash: a hyphenated word, a range of numbers, a dash opening a line of dialogue.
        ("из-за погоды", "из-за погоды"),
        ("по-русски", "по-русски"),
        ("с 10 - 15 градусами", f"с{S}10 - 15 градусами"),
        ("— Да, — сказал он.", f"— Да,{S}— сказал он."),
        # Quotes: «ёлочки» outside, „лапки“ inside.
        ('компания "Газпром"', "компания «Газпром»"),
        ('"Газпром "нефть""', "«Газпром „нефть“»"),
        ('он сказал: "Мы "за""!', f"он{S}сказал: «Мы{S}„за“»!"),
        ('«Завод "Арсенал"»', "«Завод „Арсенал“»"),
        ('("Ведомости")', "(«Ведомости»)"),
        # An inch mark or a quote left open stays as typed: nothing is paired by guesswork.
        ('экран 12" и больше', f'экран 12" и{S}больше'),
        ('слово "без пары', 'слово "без пары'),
        # Numbers are words of their own; the short word before them still holds on.
        ("в 2026 году", f"в{S}2026 году"),
        ("на 5%", f"на{S}5%"),
        # English words inside Russian text are not Russian typography's business.
        ('банк "Bank of America" в Нью-Йорке', f"банк «Bank of America» в{S}Нью-Йорке"),
        ("a to be", "a to be"),
        # A word ending in a short syllable is not a short word.
        ("дома в", "дома в"),
    ],
)
def test_plain_text(typed, shown):
    assert typeset_text(typed) == shown
    assert len(typeset_text(typed)) == len(typed)


def test_html_changes_text_nodes_only():
    body = (
        '<p><a href="/ru/x/?q=&quot;a&quot; b" title="в “кавычках” - и">Новость</a> о "ценах" в '
        "<strong>Москве</strong> - и <em>не</em> только</p>"
    )

    shown = typeset_html(body)

    assert '<a href="/ru/x/?q=&quot;a&quot; b" title="в “кавычках” - и">' in shown
    assert f"о{S}«ценах» в{S}<strong>Москве</strong>{S}— и{S}<em>не</em>{S}только" in shown


def test_quotes_pair_across_tags_but_never_across_paragraphs():
    assert typeset_html('<p>"Это <em>цитата</em>"</p>') == "<p>«Это <em>цитата</em>»</p>"
    assert typeset_html('<p>"Начало</p><p>конец"</p>') == '<p>"Начало</p><p>конец"</p>'


def test_html_keeps_escapes_and_leaves_code_alone():
    body = '<p>5 &lt; 7 &amp; "да"</p><pre><code>print("в a")</code></pre>'

    shown = typeset_html(body)

    assert "<p>5 &lt; 7 &amp; «да»</p>" in shown
    assert '<pre><code>print("в a")</code></pre>' in shown


def test_plain_text_is_escaped_after_setting():
    shown = for_edition('Цена < 5 & "нефть" в <b>', "ru")

    assert shown == f"Цена &lt; 5 &amp; «нефть» в{S}&lt;b&gt;"


def test_the_english_edition_is_untouched():
    assert for_edition('He said "in a word" - no', "en") == "He said &quot;in a word&quot; - no"
    body = '<p>He said "in a word" - no</p>'
    assert for_edition(body, "en", html=True) == body


@pytest.mark.django_db
def test_the_russian_story_page_shows_the_typography_and_the_english_one_does_not(client):
    section = SectionFactory(edition="ru", slug="ekonomika", name="Экономика")
    story = ArticleFactory(
        edition="ru",
        section=section,
        title='Выборы в Индии: "Партия конгресса" - в лидерах',
        lead="Подсчёт голосов идёт в штатах",
        body=(
            '<p>Как сообщает "ТАСС", голосование в <a href="https://example.org/?a=&quot;b&quot;">Дели</a>'
            " - завершено.</p>"
        ),
    )
    english = ArticleFactory(title='Polls in India: "Congress" - ahead', body='<p>Voting in "Delhi" - done.</p>')

    html = client.get(story.get_absolute_url()).content.decode()
    assert f"Выборы в{S}Индии: «Партия конгресса»{S}— в{S}лидерах</h1>" in html
    assert f"идёт в{S}штатах" in html
    assert f'«ТАСС», голосование в{S}<a href="https://example.org/?a=&quot;b&quot;">Дели</a>{S}— завершено.' in html

    html = client.get(english.get_absolute_url()).content.decode()
    assert "Polls in India: &quot;Congress&quot; - ahead</h1>" in html
    assert '<p>Voting in "Delhi" - done.</p>' in html


TYPED_HEADLINE = 'Выборы в Индии: "Партия конгресса" - в лидерах'
SET_HEADLINE = f"Выборы в{S}Индии: «Партия конгресса»{S}— в{S}лидерах"
TYPED_LEAD = "Подсчёт голосов идёт в штатах"
SET_LEAD = f"Подсчёт голосов идёт в{S}штатах"
TYPED_SHOWN = TYPED_HEADLINE.replace('"', "&quot;")


@pytest.fixture
def russian_story():
    section = SectionFactory(edition="ru", slug="politika", name="Политика")
    story = ArticleFactory(edition="ru", section=section, title=TYPED_HEADLINE, lead=TYPED_LEAD, tags=["выборы"])
    story.authors.add(AuthorFactory(slug="ivan-petrov", name="Иван Петров"))
    return story


def _page(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "section", "tag", "author", "archive"])
def test_russian_headlines_and_leads_are_set_on_every_list(client, russian_story, page):
    path = {
        "home": "/ru/",
        "section": russian_story.section.get_absolute_url(),
        "tag": "/ru/tags/выборы/",
        "author": "/ru/authors/ivan-petrov/",
        "archive": f"/ru/archive/{timezone.localtime(russian_story.published_at):%Y/%m/%d}/",
    }[page]

    html = _page(client, path)

    assert SET_HEADLINE in html
    assert TYPED_SHOWN not in html


@pytest.mark.django_db
def test_russian_search_results_set_the_text_around_the_marked_words(client, russian_story):
    html = _page(client, "/ru/search/", q="конгресса")

    # Only the text nodes change: the mark stays whole, the quotes pair across it.
    assert f"Выборы в{S}Индии: «Партия <mark>конгресса</mark>»{S}— в{S}лидерах" in html
    assert TYPED_SHOWN not in html


@pytest.mark.django_db
def test_russian_story_page_sets_title_previews_related_links_and_more_from_the_section(client, russian_story):
    ArticleFactory(edition="ru", section=russian_story.section, title='Итоги "второго тура" в штатах', lead="Кратко")
    story = ArticleFactory(edition="ru", section=russian_story.section, title='Новый "рекорд" явки', lead="В Дели")
    RelatedLinkFactory(article=story, target=russian_story, url="", title="")
    RelatedLinkFactory(article=story, target=None, url="https://example.org/", title='Обзор "Индия" за год')

    html = _page(client, story.get_absolute_url())

    title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1)
    assert title.startswith("Новый «рекорд» явки —")
    assert '<meta property="og:title" content="Новый «рекорд» явки">' in html
    assert f'<meta property="og:description" content="В{S}Дели">' in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = [json.loads(block) for block in blocks]
    assert data[0]["headline"] == "Новый «рекорд» явки"
    assert data[1]["itemListElement"][-1]["name"] == "Новый «рекорд» явки"
    # Related links, ours and another site's, and the cards of "More from".
    assert f">{SET_HEADLINE}</a>" in html
    assert f">Обзор «Индия» за{S}год</a>" in html
    assert f"Итоги «второго тура» в{S}штатах" in html


@pytest.mark.django_db
def test_english_lists_search_and_story_pages_are_untouched(client):
    story = ArticleFactory(title='Polls in India: "Congress" - ahead in a race', lead="Counting goes on in a state")
    shown = "Polls in India: &quot;Congress&quot; - ahead in a race"

    for path, params, expected in [
        ("/en/", {}, shown),
        (story.section.get_absolute_url(), {}, shown),
        ("/en/search/", {"q": "Congress"}, shown.replace("Congress", "<mark>Congress</mark>")),
    ]:
        html = _page(client, path, **params)
        assert expected in html
        assert "«" not in html
        assert "Counting goes on in a state" in html

    html = _page(client, story.get_absolute_url())
    assert re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1).startswith(f"{shown} —")
    assert '"headline": "Polls in India: \\"Congress\\" - ahead in a race"' in html
