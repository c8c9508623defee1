"""The site the gates judge: a small newsroom in both editions, and the list of every public page type.

The gate list (PAGE_TYPES) names each page type by its URL route, so tests/gates/test_routes.py can
tell when a route has no entry here (or in EXEMPT_ROUTES) and fail: a new page cannot skip the gates.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag

from articles.infopages.models import InfoPage
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    CorrectionFactory,
    LiveBlogFactory,
    LiveEntryFactory,
    PhotoFactory,
    RelatedLinkFactory,
    SectionFactory,
    VoteFactory,
)

EDITIONS = [code for code, _name in settings.LANGUAGES]

# Words of each edition, so a Russian page holds Russian text (axe and the Nu checker see the real thing).
TEXT = {
    "en": {
        "sections": [("politics", "Politics"), ("economy", "Economy")],
        "author": ("Anna Petrova", "anna-petrova", "Parliamentary correspondent", "Covers parliament and the budget."),
        "tag": ("Budget", "budget"),
        "title": "Parliament passes the budget bill after a night of debate",
        "lead": "Lawmakers approved next year's spending plan by 251 votes to 120.",
        "body": (
            "<p>The bill passed with a comfortable majority after eleven hours of debate.</p>"
            "<h2>What changes</h2><p>Spending on schools and roads grows; the defence budget stays flat.</p>"
            "<p>It now goes to the upper house, which is expected to approve it next week.</p>"
        ),
        "other": "Central bank keeps the key rate unchanged",
        "other_lead": "The regulator said inflation was slowing faster than it had expected.",
        "related": ("The budget bill, full text", "https://example.org/budget-bill"),
        "correction": "An earlier version gave the wrong number of votes against the bill.",
        "comment": "The school money is long overdue. Good to see it pass.",
        "reply": "Let us see what the upper house does with it first.",
        "pick": "A clear summary of a very long night, thank you.",
        "photo": ("Deputies vote on the budget bill in the main hall", "Deputies during the vote", "Ivan Smirnov"),
        "search": "budget",
        "nothing": "zebrafish",
        "info": ("about", "About us", "<p>Newsportal is a news agency.</p><p>We report the news as it happens.</p>"),
        "live": ("Election night, as it happens", "Results from every region as they come in."),
        "entries": [
            ("", "<p>Polling stations have opened across the country.</p>"),
            ("Turnout passes 40%", "<p>The election commission reports <strong>turnout above 40%</strong>.</p>"),
            ("", "<p>Counting has started; first results are expected within the hour.</p>"),
        ],
    },
    "ru": {
        "sections": [("politika", "Политика"), ("ekonomika", "Экономика")],
        "author": ("Анна Петрова", "anna-petrova-ru", "Парламентский корреспондент", "Пишет о парламенте и бюджете."),
        "tag": ("Бюджет", "бюджет"),
        "title": "Парламент принял бюджет после ночных дебатов",
        "lead": "Депутаты одобрили план расходов на следующий год: 251 голос за, 120 против.",
        "body": (
            "<p>Закон приняли уверенным большинством после одиннадцати часов обсуждения.</p>"
            "<h2>Что изменится</h2><p>Расходы на школы и дороги растут, оборонный бюджет не меняется.</p>"
            "<p>Теперь закон рассмотрит верхняя палата; ожидается, что она одобрит его на следующей неделе.</p>"
        ),
        "other": "Центробанк сохранил ключевую ставку",
        "other_lead": "Регулятор сообщил, что инфляция замедляется быстрее, чем он ожидал.",
        "related": ("Текст закона о бюджете", "https://example.org/byudzhet"),
        "correction": "В первой версии было указано неверное число голосов против.",
        "comment": "Деньги на школы давно нужны. Хорошо, что закон приняли.",
        "reply": "Посмотрим сначала, что скажет верхняя палата.",
        "pick": "Понятный пересказ очень долгой ночи, спасибо.",
        "photo": ("Депутаты голосуют за бюджет в большом зале", "Депутаты во время голосования", "Иван Смирнов"),
        "search": "бюджет",
        "nothing": "данио",
        "info": ("about", "О нас", "<p>Newsportal — информационное агентство.</p><p>Мы сообщаем новости сразу.</p>"),
        "live": ("Выборы: онлайн-трансляция", "Результаты из всех регионов по мере поступления."),
        "entries": [
            ("", "<p>Избирательные участки открылись по всей стране.</p>"),
            ("Явка превысила 40%", "<p>Избирательная комиссия сообщает о <strong>явке выше 40%</strong>.</p>"),
            ("", "<p>Начался подсчёт голосов; первые результаты ожидаются в течение часа.</p>"),
        ],
    },
}


@dataclass
class Edition:
    """What one edition of the gate site holds: enough for every page type to show all its parts."""

    code: str
    sections: list
    author: object
    tag: object
    story: object  # with image, related links, correction, tags, rating and comments
    plain_story: object  # no image, no comments yet
    comment: object
    day: object  # the local date the stories were published on
    live_story: object = None  # a live blog: a pinned entry, a key event, an entry with a photo


@dataclass
class GateSite:
    editions: dict = field(default_factory=dict)


def build_gate_site():
    """Create the gate site with the project's factories; returns a GateSite."""
    site = GateSite()
    # Yesterday at noon (local time): the archives show a full day, the story shows no "updated".
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=1)
    for code in EDITIONS:
        words = TEXT[code]
        sections = [
            SectionFactory(edition=code, slug=slug, name=name, position=i)
            for i, (slug, name) in enumerate(words["sections"])
        ]
        name, slug, title, bio = words["author"]
        author = AuthorFactory(name=name, slug=slug, title=title, bio=bio)
        tag_name, tag_slug = words["tag"]
        tag = Tag.objects.get_or_create(name=tag_name, slug=tag_slug)[0]
        alt, caption, credit = words["photo"]
        photo = PhotoFactory(alt_text=alt, caption=caption, credit=credit)
        story = ArticleFactory(
            edition=code,
            section=sections[0],
            title=words["title"],
            slug=f"budget-{code}",
            lead=words["lead"],
            body=words["body"],
            image=photo,
            is_featured=True,
            published_at=noon,
            authors=[author],
            tags=[tag],
        )
        plain_story = ArticleFactory(
            edition=code,
            section=sections[1],
            title=words["other"],
            slug=f"key-rate-{code}",
            lead=words["other_lead"],
            published_at=noon - timedelta(hours=2),
            authors=[author],
            tags=[tag],
        )
        for hours in (3, 4, 5):
            ArticleFactory(
                edition=code,
                section=sections[hours % 2],
                title=f"{words['other']} ({hours})",
                slug=f"more-{code}-{hours}",
                lead=words["other_lead"],
                published_at=noon - timedelta(hours=hours),
            )
        related_title, related_url = words["related"]
        RelatedLinkFactory(article=story, target=plain_story, url="", title="", position=0)
        RelatedLinkFactory(article=story, url=related_url, title=related_title, position=1)
        CorrectionFactory(article=story, text=words["correction"])
        for score in (5, 4, 4):
            VoteFactory(article=story, score=score)
        comment = CommentFactory(article=story, author_name=name, text=words["comment"])
        CommentFactory(article=story, parent=comment, text=words["reply"])
        CommentFactory(article=story, text=words["pick"], is_pick=True)
        info_slug, info_title, info_body = words["info"]
        InfoPage.objects.create(edition=code, slug=info_slug, title=info_title, body=info_body)
        live_title, live_lead = words["live"]
        live_story = ArticleFactory(
            edition=code,
            section=sections[1],
            title=live_title,
            slug=f"live-{code}",
            lead=live_lead,
            body="",
            published_at=noon - timedelta(hours=6),
        )
        blog = LiveBlogFactory(article=live_story, opened_at=noon - timedelta(hours=6))
        for minutes, (entry_title, entry_body) in enumerate(words["entries"]):
            LiveEntryFactory(
                blog=blog,
                title=entry_title,
                body=entry_body,
                is_key_event=bool(entry_title),
                is_pinned=minutes == 0,
                photo=photo if minutes == 2 else None,
                author=author if minutes == 2 else None,
                published_at=noon - timedelta(hours=5, minutes=-10 * minutes),
            )
        story.refresh_from_db()
        site.editions[code] = Edition(
            code=code,
            sections=sections,
            author=author,
            tag=tag,
            story=story,
            plain_story=plain_story,
            comment=comment,
            day=timezone.localtime(noon).date(),
            live_story=live_story,
        )
    return site


# What migrations and post_migrate write. A transactional test with serialized_rollback leaves these
# tables empty and the next one restores them by id, so the gate site leaves them as it found them.
REFERENCE_TABLES = ["django_content_type", "auth_permission", "auth_group", "auth_group_permissions"]


def empty_tables(tables):
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), sorted(tables)))
    ContentType.objects.clear_cache()


def content_tables():
    return set(connection.introspection.django_table_names(only_existing=True)) - set(REFERENCE_TABLES)


def ensure_reference_data():
    """Content types, permissions and groups, if a serialized_rollback test left them out; True if it did."""
    if ContentType.objects.exists():
        return False
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    return True


@contextmanager
def gate_database():
    """An empty database with the reference data; afterwards, the database as it was found (emptied)."""
    empty_tables(content_tables())
    had_reference = not ensure_reference_data()
    try:
        yield
    finally:
        empty_tables(content_tables() if had_reference else content_tables() | set(REFERENCE_TABLES))


@dataclass(frozen=True)
class PageType:
    """One kind of public page. `path(edition)` gives its address in an edition of the gate site.

    `status`: the status the page is answered with. `state`: something a reader does before the page is
    judged in the browser (the HTML checker sees the page as sent). `lighthouse`: also scored by Lighthouse.
    Answers to a no-JS form: `data(edition)` is POSTed (with a valid CSRF token when `csrf`), under
    `settings` overrides.
    """

    name: str
    route: str
    path: object
    status: int = 200
    state: str = ""
    lighthouse: bool = False
    data: object = None
    csrf: bool = True
    settings: dict = field(default_factory=dict)

    @property
    def method(self):
        return "POST" if self.data else "GET"


def _url(edition, route, *args, query=None, **kwargs):
    with translation.override(edition.code):
        url = reverse(route, args=args, kwargs=kwargs)
    return f"{url}?{urlencode(query)}" if query else url


def _story(edition, query=None, story=None):
    story = story or edition.story
    return _url(edition, "articles:detail", section=story.section.slug, pk=story.pk, slug=story.slug, query=query)


# The gate list: every public page type. Both editions of each are judged.
PAGE_TYPES = [
    PageType("home", "articles:home", lambda e: _url(e, "articles:home"), lighthouse=True),
    PageType("section", "articles:section", lambda e: _url(e, "articles:section", section=e.sections[0].slug)),
    PageType("tag", "articles:tag", lambda e: _url(e, "articles:tag", slug=e.tag.slug)),
    PageType("author", "articles:author", lambda e: _url(e, "articles:author", slug=e.author.slug)),
    PageType("archive-year", "articles:archive_year", lambda e: _url(e, "articles:archive_year", year=f"{e.day:%Y}")),
    PageType(
        "archive-month",
        "articles:archive_month",
        lambda e: _url(e, "articles:archive_month", year=f"{e.day:%Y}", month=f"{e.day:%m}"),
    ),
    PageType(
        "archive-day",
        "articles:archive_day",
        lambda e: _url(e, "articles:archive_day", year=f"{e.day:%Y}", month=f"{e.day:%m}", day=f"{e.day:%d}"),
    ),
    # Image, byline, related links (a story and an outside page), a correction, tags, the rating widget
    # with votes, the comments (a reply, an editor's pick) and the comment form.
    PageType("story", "articles:detail", _story, lighthouse=True),
    PageType("story-plain", "articles:detail", lambda e: _story(e, story=e.plain_story)),
    # A live blog: key events, a pinned entry, entries with a headline, a photo and an author.
    PageType("story-live", "articles:detail", lambda e: _story(e, story=e.live_story)),
    PageType("story-typo-dialog", "articles:detail", _story, state="open_typo_dialog"),
    PageType("story-rated", "articles:detail", lambda e: _story(e, query={"rated": 1})),
    PageType("story-comment-pending", "articles:detail", lambda e: _story(e, query={"comment": "pending"})),
    PageType("story-comments-newest", "articles:detail", lambda e: _story(e, query={"comments": "newest"})),
    PageType("search", "articles:search", lambda e: _url(e, "articles:search", query={"q": TEXT[e.code]["search"]})),
    PageType("search-empty", "articles:search", lambda e: _url(e, "articles:search")),
    PageType(
        "search-nothing", "articles:search", lambda e: _url(e, "articles:search", query={"q": TEXT[e.code]["nothing"]})
    ),
    PageType("comment-form", "comments:post", lambda e: _url(e, "comments:post", pk=e.story.pk)),
    PageType(
        "comment-reply-form",
        "comments:post",
        lambda e: _url(e, "comments:post", pk=e.story.pk, query={"reply_to": e.comment.pk}),
    ),
    PageType("404", "", lambda e: f"/{e.code}/no-such-section/no-such-page/", status=404),
    PageType("info-page", "infopages:page", lambda e: _url(e, "infopages:page", slug=TEXT[e.code]["info"][0])),
    # What a reader without scripts gets back from the forms on the story page when something is wrong.
    PageType(
        "comment-refused",
        "comments:post",
        lambda e: _url(e, "comments:post", pk=e.story.pk),
        status=400,
        data=lambda e: {"author_name": "", "text": ""},
    ),
    PageType(
        "csrf-confirm",
        "comments:post",
        lambda e: _url(e, "comments:post", pk=e.story.pk),
        status=403,
        data=lambda e: {"author_name": e.author.name, "text": TEXT[e.code]["comment"]},
        csrf=False,
    ),
    PageType(
        "rating-refused",
        "articles:rate",
        lambda e: _url(e, "articles:rate", pk=e.story.pk),
        status=400,
        data=lambda e: {"score": "9"},
    ),
    PageType(
        "typo-failed",
        "comments:typo_report",
        lambda e: _url(e, "comments:typo_report"),
        status=400,
        data=lambda e: {"article": e.story.pk, "selection": ""},
    ),
    PageType(
        "rate-limited",
        "comments:typo_report",
        lambda e: _url(e, "comments:typo_report"),
        status=429,
        data=lambda e: {"article": e.story.pk, "selection": "comfortable"},
        settings={"TYPO_RATE_LIMIT": "0/m"},
    ),
]

# Django's static() serving of uploads is an unnamed pattern: its key is the pattern itself.
MEDIA_ROUTE = f"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$"

# Routes that are not HTML pages for readers, each with the reason it is not judged.
EXEMPT_ROUTES = {
    "admin:*": "Django admin: editors' pages, Django's own markup",
    "robots_txt": "plain text for crawlers, not HTML",
    "favicon": "a redirect to the site's icon (static/favicon.svg), not HTML",
    "sitemap_index": "XML sitemap index, not HTML",
    "sitemap_section": "XML sitemap, not HTML",
    "articles:feed_rss": "RSS feed (XML), not HTML",
    "articles:feed_atom": "Atom feed (XML), not HTML",
    "articles:feed_section_rss": "RSS feed (XML), not HTML",
    "articles:feed_section_atom": "Atom feed (XML), not HTML",
    "articles:feed_tag_rss": "RSS feed (XML), not HTML",
    "articles:feed_tag_atom": "Atom feed (XML), not HTML",
    "articles:reader_csrf": "JSON endpoint (a CSRF token for scripts)",
    "articles:rating_state": "JSON endpoint (the reader's own vote)",
    "articles:breaking": "JSON endpoint (the edition's breaking news, for the banner's script)",
    "articles:reader_seen": "POST-only beacon (view counts), answers 204",
    "comments:state": "JSON endpoint (the reader's pending comments)",
    "comments:report": "POST-only endpoint (comment reports), answers with a redirect",
    "comments:goto": "redirect to a comment's place on the story page",
    "articles:live_poll": "JSON endpoint (a live blog's new entries, for its page's script)",
    "articles:live_entry": "redirect to an entry's place on its live blog's page",
    "set_language": "POST-only (Django's set_language): the admin's interface language, answers with a redirect",
    MEDIA_ROUTE: "uploaded files (photos), not HTML; served by Django only in the demo (SERVE_MEDIA)",
    "api-v1:*": "partner API (JSON for keys) and its Swagger UI docs page (tests/api)",
}


@dataclass(frozen=True)
class GatePage:
    name: str  # "story-en"
    kind: PageType
    edition: str
    path: str
    data: dict

    def __getattr__(self, name):
        return getattr(self.kind, name)


def gate_pages(site):
    """Every page of the gate list, in both editions: {name: GatePage}."""
    return {
        f"{kind.name}-{code}": GatePage(
            name=f"{kind.name}-{code}",
            kind=kind,
            edition=code,
            path=kind.path(edition),
            data=kind.data(edition) if kind.data else {},
        )
        for code, edition in site.editions.items()
        for kind in PAGE_TYPES
    }


# A browser's User-Agent: requests without one are taken for scripts (no votes, no view counts).
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


def client_get_page(client, page):
    """The page as the test client gets it (POSTed answers included)."""
    from django.test import Client, override_settings

    headers = {"User-Agent": BROWSER_UA}
    with override_settings(**page.settings):
        if page.method == "GET":
            return client.get(page.path, headers=headers)
        if page.csrf:
            return client.post(page.path, page.data, headers=headers)
        return Client(enforce_csrf_checks=True).post(page.path, page.data, headers=headers)
