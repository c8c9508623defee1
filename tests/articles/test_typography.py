"""Russian typography on render: quotes, non-breaking spaces, dashes; HTML left intact; English untouched."""

import pytest

from articles.typography import NBSP, for_edition, typeset_html, typeset_text
from tests.factories import ArticleFactory, SectionFactory

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
