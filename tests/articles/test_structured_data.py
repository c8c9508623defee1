"""Rich previews of a story: canonical link, Open Graph, Twitter card, schema.org JSON-LD, share links."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import extruct
import jsonschema
import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

DATE_TIME = {"type": "string", "format": "date-time"}
URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
IMAGE_OBJECT = {
    "type": "object",
    "required": ["@type", "url", "width", "height"],
    "properties": {"@type": {"const": "ImageObject"}, "url": URL, "width": {"type": "integer"}},
}
NEWS_ARTICLE = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "headline",
        "datePublished",
        "dateModified",
        "author",
        "image",
        "publisher",
        "articleSection",
        "inLanguage",
        "mainEntityOfPage",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "NewsArticle"},
        "headline": {"type": "string", "minLength": 1},
        "datePublished": DATE_TIME,
        "dateModified": DATE_TIME,
        "author": {
            "oneOf": [
                {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["@type", "name"],
                        "properties": {"@type": {"const": "Person"}, "url": URL},
                    },
                },
                {"type": "object", "required": ["@type", "name"], "properties": {"@type": {"const": "Organization"}}},
            ]
        },
        "image": {"type": "array", "minItems": 1, "items": IMAGE_OBJECT},
        "publisher": {
            "type": "object",
            "required": ["@type", "name", "logo"],
            "properties": {"@type": {"const": "Organization"}, "logo": IMAGE_OBJECT},
        },
        "articleSection": {"type": "string"},
        "inLanguage": {"enum": ["en", "ru"]},
        "mainEntityOfPage": {
            "type": "object",
            "required": ["@type", "@id"],
            "properties": {"@type": {"const": "WebPage"}, "@id": URL},
        },
        "correction": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["@type", "text", "datePublished"],
                "properties": {"@type": {"const": "CorrectionComment"}, "datePublished": DATE_TIME},
            },
        },
    },
    "not": {"anyOf": [{"required": ["aggregateRating"]}, {"required": ["review"]}]},
}


def validate(data, schema=NEWS_ARTICLE):
    jsonschema.validate(data, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture
def story():
    return ArticleFactory(
        title="Central bank holds rates",
        lead="The bank kept its key rate unchanged.",
        section=SectionFactory(slug="economy", name="Economy"),
        authors=[AuthorFactory(name="Anna Petrova", slug="anna-petrova")],
        tags=["rates", "central bank"],
        image=PhotoFactory(),
        published_at=timezone.now() - timedelta(hours=3),
    )


def page_data(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    data = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld", "opengraph"], uniform=True)
    by_type = {item["@type"]: item for item in data["json-ld"]}
    return html, by_type, data["opengraph"][0]


def test_news_article_json_ld_describes_the_story(client, story):
    CorrectionFactory(article=story, text="An earlier version gave the wrong rate.")
    story.refresh_from_db()

    _html, data, _og = page_data(client, story)

    article = data["NewsArticle"]
    validate(article)
    url = f"http://testserver{story.get_absolute_url()}"
    assert article["headline"] == "Central bank holds rates"
    assert article["mainEntityOfPage"]["@id"] == url
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Anna Petrova",
            "url": "http://testserver/en/authors/anna-petrova/",
            "jobTitle": "Correspondent",
        }
    ]
    assert article["articleSection"] == "Economy"
    assert article["inLanguage"] == "en"
    assert article["keywords"] == ["rates", "central bank"]
    assert article["image"][0]["url"].startswith("http://testserver/media/")
    # The largest resized copy (JPEG) no wider than the original.
    assert (article["image"][0]["width"], article["image"][0]["height"]) == (640, 426)
    assert article["publisher"]["name"] == "Newsportal"
    assert article["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.png"
    assert article["dateModified"] > article["datePublished"]
    [correction] = article["correction"]
    assert correction["text"] == "An earlier version gave the wrong rate."
    assert "aggregateRating" not in article


def test_wire_copy_is_authored_by_its_agency(client):
    story = ArticleFactory(source_name="TASS")

    _html, data, og = page_data(client, story)

    validate(data["NewsArticle"])
    assert data["NewsArticle"]["author"] == {"@type": "Organization", "name": "TASS"}
    # No picture of its own: previews show ours, at its real size.
    assert data["NewsArticle"]["image"][0]["url"] == "http://testserver/static/img/share.png"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")


def test_breadcrumb_list_matches_the_page(client, story):
    _html, data, _og = page_data(client, story)

    items = data["BreadcrumbList"]["itemListElement"]
    assert [(i["position"], i["name"], i["item"]) for i in items] == [
        (1, "Home", "http://testserver/en/"),
        (2, "Economy", "http://testserver/en/economy/"),
        (3, "Central bank holds rates", f"http://testserver{story.get_absolute_url()}"),
    ]


def test_headline_cannot_break_out_of_the_json_ld_block(client):
    title = '</script><script>alert("x")</script><!-- & "quotes"'
    story = ArticleFactory(title=title)

    html, data, og = page_data(client, story)

    assert data["NewsArticle"]["headline"] == title
    assert data["BreadcrumbList"]["itemListElement"][2]["name"] == title
    assert og["og:title"] == title
    assert '<script>alert("x")' not in html
    assert "\\u003C/script\\u003E" in html
    # Every <script> in the page is one we put there.
    scripts = re.findall(r"<script[^>]*>", html)
    assert all("application/ld+json" in tag or "src=" in tag for tag in scripts), scripts


def test_open_graph_and_twitter_card(client, story):
    html, _data, og = page_data(client, story)

    url = f"http://testserver{story.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert og["@type"] == "article"  # extruct's uniform form of og:type
    assert og["og:title"] == "Central bank holds rates"
    assert og["og:description"] == "The bank kept its key rate unchanged."
    assert og["og:url"] == url
    assert og["og:locale"] == "en_US"
    assert og["og:image"].startswith("http://testserver/media/")
    assert (og["og:image:width"], og["og:image:height"]) == ("640", "426")
    assert og["article:section"] == "Economy"
    assert og["article:published_time"] == timezone.localtime(story.published_at).isoformat(timespec="seconds")
    assert "article:modified_time" in og
    assert set(re.findall(r'<meta property="article:tag" content="([^"]+)">', html)) == {"rates", "central bank"}
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{og["og:image"]}">' in html


def test_russian_story_has_russian_locale(client):
    story = ArticleFactory(edition="ru", slug="novost", title="Новость")

    _html, data, og = page_data(client, story)

    assert og["og:locale"] == "ru_RU"
    assert data["NewsArticle"]["inLanguage"] == "ru"


def test_schema_rejects_a_bad_date():
    """The date-time format really is checked (the tests above would notice a broken date)."""
    with pytest.raises(jsonschema.ValidationError):
        validate({"when": "29/11/2026 12:00"}, {"properties": {"when": DATE_TIME}})


def test_share_links_are_plain_links_with_the_encoded_story(client):
    story = ArticleFactory(title="Rates & bonds: what next?", slug="rates-bonds")

    html = client.get(story.get_absolute_url()).content.decode()

    start = html.index('<section class="share"')
    section = html[start : html.index("</section>", start)]
    links = dict(re.findall(r'share__link--(\w+)" href="([^"]+)"', section))
    assert set(links) == {"email", "telegram", "vk", "x", "facebook"}
    url = f"http://testserver{story.get_absolute_url()}"
    telegram = parse_qs(urlsplit(links["telegram"].replace("&amp;", "&")).query)
    assert telegram == {"url": [url], "text": ["Rates & bonds: what next?"]}
    assert links["email"].startswith("mailto:?subject=Rates%20%26%20bonds")
    assert "target=" not in section and "<script" not in section


@pytest.mark.usefixtures("page_cache_off")
def test_story_page_adds_no_queries_for_previews(client, django_assert_max_num_queries, story):
    with django_assert_max_num_queries(10):
        client.get(story.get_absolute_url())
