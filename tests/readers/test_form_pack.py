"""Reader forms render through our own crispy-forms pack (templates/crispy_newsportal), in the classes of
site.css: no CSS framework's class names, every field labelled, errors next to the field they are about."""

import re

import pytest
from django.urls import reverse

from tests.comments.conftest import old_stamp
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}
BOOTSTRAP_CLASSES = {
    "mb-3",
    "form-control",
    "form-label",
    "form-text",
    "form-select",
    "form-check",
    "form-check-input",
    "form-check-label",
    "invalid-feedback",
    "is-invalid",
    "alert",
    "alert-danger",
    "alert-block",
    "asteriskField",
    "requiredField",
    "m-0",
}


def classes(html):
    return {name for value in re.findall(r'class="([^"]*)"', html) for name in value.split()}


def labelled_ids(html):
    return set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))


def input_ids(html):
    return set(re.findall(r'<(?:input|textarea|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html))


def test_a_refused_comment_shows_each_error_at_its_field_in_our_classes(client):
    story = ArticleFactory()
    fields = {"author_name": "", "text": "", "website": "", "issued": old_stamp()}

    page = client.post(reverse("comments:post", kwargs={"pk": story.pk}), fields, **BROWSER).content.decode()

    assert not classes(page) & BOOTSTRAP_CLASSES
    assert page.count('class="field field--invalid"') == 2  # the name and the text
    name_field = re.search(r'<div id="div_id_author_name".*?</div>\s*<p id="id_author_name_helptext"', page, re.S)
    assert name_field and "Please give a name to sign your comment with." in name_field.group(0)
    assert 'aria-invalid="true"' in page
    assert input_ids(page) <= labelled_ids(page) | {"kept-text"}


def test_the_story_page_forms_carry_our_classes_only(client):
    story = ArticleFactory()

    page = client.get(story.get_absolute_url()).content.decode()

    assert not classes(page) & BOOTSTRAP_CLASSES
    # The rating's stars, the comment form and the typo dialog, all from the pack.
    assert page.count('class="rating__input visually-hidden"') == 5
    assert {"field", "field__label", "field__input", "field__help"} <= classes(page)
    assert {"id_author_name", "id_text", "typo-selection", "typo-comment"} <= labelled_ids(page)
    assert 'id="typo-selection" ' in page or 'id="typo-selection">' in page


def test_a_refused_vote_comes_back_with_the_stars_and_the_reason(client):
    story = ArticleFactory()

    page = client.post(reverse("articles:rate", kwargs={"pk": story.pk}), {"score": "9"}, **BROWSER)

    html = page.content.decode()
    assert page.status_code == 400
    assert "Choose a score from 1 to 5 stars." in html
    assert html.count('type="radio"') == 5
    assert not classes(html) & BOOTSTRAP_CLASSES
