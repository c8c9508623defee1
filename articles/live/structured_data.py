"""schema.org LiveBlogPosting for a live blog's story page, beside its NewsArticle."""

from ..discovery.structured_data import moment, news_article, story_image

# Search engines read the newest updates; older ones stay on the page and its later pages.
UPDATES_IN_MARKUP = 20


def live_blog_posting(blog, request):
    article = blog.article
    url = request.build_absolute_uri(article.get_absolute_url())
    story = news_article(article, request)
    entries = list(blog.entries.newest_first().select_related("author")[:UPDATES_IN_MARKUP])
    updates = []
    for entry in entries:
        update = {
            "@type": "BlogPosting",
            "headline": entry.label,
            "articleBody": entry.plain_text(),
            "datePublished": moment(entry.published_at),
            "dateModified": moment(max(entry.edited_at, entry.published_at)),
            "url": f"{url}#entry-{entry.pk}",
        }
        if entry.author_id:
            update["author"] = {"@type": "Person", "name": entry.author.name}
        updates.append(update)
    image = story_image(article, request)
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": f"{url}#live",
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": moment(article.published_at),
        "dateModified": moment(max([article.updated_at or article.published_at, *(e.edited_at for e in entries)])),
        "coverageStartTime": moment(blog.opened_at),
        "coverageEndTime": moment(blog.closed_at),
        "author": story["author"],
        "publisher": story["publisher"],
        "image": [{"@type": "ImageObject", "url": image["url"], "width": image["width"], "height": image["height"]}],
        "inLanguage": article.edition,
        "liveBlogUpdate": updates,
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}
