"""The editor's path through the story form in a real Chromium at a laptop's 1,366 px: a story with a
photo uploaded on the form, a section, tags and a related link, published, counted in interactions."""

import os

import pytest

from articles.models import Article
from tests.browser.conftest import EDITOR_PASSWORD
from tests.factories import ArticleFactory, SectionFactory, image_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}


class Steps:
    """The editor's interactions, counted: a fill, a pick from a list, a click or a file pick is one."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def fill(self, selector, text):
        self.count += 1
        self.page.locator(selector).fill(text)

    def pick(self, selector, label):
        self.count += 1
        self.page.select_option(selector, label=label)

    def click(self, locator):
        self.count += 1
        locator.click()

    def file(self, selector, path):
        self.count += 1
        self.page.set_input_files(selector, path)


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def photo_path(tmp_path):
    path = tmp_path / "duma.jpg"
    path.write_bytes(image_file(size=(1200, 800)).read())
    return os.fspath(path)


def test_an_editor_publishes_a_story_with_a_photo_in_at_most_twelve_interactions(
    live_server, page, admin_login, desk_editor, photo_path
):
    politics = SectionFactory(name="Politics", slug="politics", edition="en")
    SectionFactory(name="Политика", slug="politika", edition="ru")
    earlier = ArticleFactory(title="Budget talks begin", section=politics)
    ArticleFactory(title="Budget talks in Russian", edition="ru", section__edition="ru", section__slug="ekonomika")
    page.set_viewport_size(LAPTOP)
    admin_login(page, user=desk_editor, password=EDITOR_PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/add/")

    # The form as it opens: the headline across the column, a tall body editor, a modest lead.
    title_box = page.locator("#id_title").bounding_box()
    body_box = page.locator(".ProseMirror[contenteditable=true]").bounding_box()
    lead_box = page.locator("#id_lead").bounding_box()
    assert title_box["width"] >= 600
    assert body_box["height"] >= 250
    assert lead_box["height"] <= 100
    assert no_horizontal_scroll(page)
    # The block-type menu's arrow is drawn, not a "⏷" character system fonts lack (an empty box).
    arrow = page.evaluate("getComputedStyle(document.querySelector('.prose-menubar__selected'), '::after').content")
    assert arrow in ('""', "none")

    steps = Steps(page)
    steps.fill("#id_title", "Duma passes the budget")
    steps.fill("#id_lead", "Lawmakers approved the spending plan after a long night.")
    steps.fill(".ProseMirror[contenteditable=true]", "The bill passed with a comfortable majority.")
    steps.pick("#id_section", "Politics (en)")
    steps.file("#id_photo_file", photo_path)
    steps.fill("#id_photo_alt_text", "Deputies vote in the Duma's main hall")
    steps.fill("#id_photo_caption", "The vote in the Duma")
    steps.fill("#id_photo_credit", "Jane Doe / Newsportal")
    steps.fill("#id_new_tags", "budget, Duma")
    steps.click(page.locator("#id_related_links-0-target + .select2"))
    options = page.locator(".select2-results__option")
    options.first.wait_for()
    assert "Budget talks in Russian" not in options.all_inner_texts()  # the other edition is not offered
    steps.click(options.filter(has_text="Budget talks begin"))
    assert no_horizontal_scroll(page)
    steps.click(page.get_by_role("button", name="Save and publish"))
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")

    assert steps.count <= 12
    story = Article.objects.get(title="Duma passes the budget")
    assert story.is_live and story.section == politics
    assert story.body == "<p>The bill passed with a comfortable majority.</p>"
    assert (story.image.alt_text, story.image.caption, story.image.credit) == (
        "Deputies vote in the Duma's main hall",
        "The vote in the Duma",
        "Jane Doe / Newsportal",
    )
    assert story.image.width == 1200
    assert sorted(story.tags.names()) == ["Duma", "budget"]
    assert [link.target for link in story.related_links.all()] == [earlier]


def test_the_form_follows_the_edition_and_the_status_as_they_are_chosen(live_server, page, admin_login, desk_editor):
    SectionFactory(name="Politics", slug="politics", edition="en")
    SectionFactory(name="Политика", slug="politika", edition="ru")
    ArticleFactory(title="Budget passes").tags.add("Budget")
    russian = ArticleFactory(title="Бюджет принят", edition="ru", section__edition="ru", section__slug="ekonomika")
    russian.tags.add("Бюджет")
    page.set_viewport_size(LAPTOP)
    admin_login(page, user=desk_editor, password=EDITOR_PASSWORD)
    page.goto(f"{live_server.url}/admin/articles/article/add/")

    page.select_option("#id_edition", "ru")
    offered = page.locator("#id_section option:not([hidden])").all_inner_texts()
    offered = [label for label in offered if label != "---------"]
    assert "Политика (ru)" in offered and all(label.endswith("(ru)") for label in offered)
    page.locator("#id_existing_tags + .select2 .select2-search__field").fill("Бюд")
    page.locator(".select2-results__option", has_text="Бюджет").wait_for()
    page.locator("#id_existing_tags + .select2 .select2-search__field").fill("Bud")
    page.locator(".select2-results__option", has_text="No results found").wait_for()  # English tags are not offered
    page.keyboard.press("Escape")

    note = page.locator(".story-state-note")
    assert note.inner_text() == "Nothing: this is a draft."
    page.select_option("#id_status", "published")
    assert note.inner_text() == "The story goes live when you save it."
    page.fill("#id_published_at_0", "2020-01-01")
    page.fill("#id_published_at_1", "10:00")
    assert note.inner_text() == "The story is live."
    page.fill("#id_published_at_0", "2099-01-01")
    page.locator("#id_published_at_1").dispatch_event("input")
    assert note.inner_text().startswith("Scheduled: the story appears by itself at 2099-01-01 10:00")

    # Many related-link rows still fit a laptop's width.
    for _ in range(3):
        page.locator("#related_links-group .add-row a").click()
    assert no_horizontal_scroll(page)


ENGLISH_TIPS = ["bold", "italic", "insert link", "unordered list", "ordered list", "undo", "redo", "Insert table"]


def test_the_russian_body_editor_speaks_russian_and_links_carry_no_empty_title(
    live_server, page, admin_login, desk_editor
):
    SectionFactory(name="Политика", slug="politika", edition="ru")
    page.set_viewport_size(LAPTOP)
    admin_login(page, user=desk_editor, password=EDITOR_PASSWORD)
    page.locator("#language-form button[value=ru]").click()
    page.goto(f"{live_server.url}/admin/articles/article/add/")

    assert page.locator("#id_edition").input_value() == "ru"  # a new story starts in the editor's language
    page.locator(".prose-menubar button").first.wait_for()
    tips = page.eval_on_selector_all(".prose-menubar button[title]", "buttons => buttons.map(b => b.title)")
    assert "вставить ссылку" in tips and "полужирный" in tips
    assert [tip for tip in tips if tip in ENGLISH_TIPS] == []

    page.fill("#id_title", "Дума приняла бюджет")
    page.fill("#id_lead", "Депутаты одобрили план расходов.")
    page.select_option("#id_section", label="Политика (ru)")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.fill("Подробности на сайте Думы.")
    body.press("Control+a")
    page.locator(".prose-menubar button[title='вставить ссылку']").click()
    dialog = page.locator("dialog[open]")
    assert dialog.get_by_text("Ссылка", exact=True).is_visible()
    assert "Edit Link" not in dialog.inner_text() and "Update" not in dialog.inner_text()
    dialog.get_by_label("Адрес").fill("https://duma.example.org/")
    dialog.get_by_role("button", name="Сохранить").click()
    page.get_by_role("button", name="Сохранить", exact=True).last.click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")

    story = Article.objects.get()
    assert story.body == '<p><a href="https://duma.example.org/">Подробности на сайте Думы.</a></p>'
