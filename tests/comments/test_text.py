from comments.models import WordRule, normalize_text, text_fingerprint
from comments.text import count_links, render_comment_text


def test_markup_is_shown_as_text():
    html = render_comment_text('<script>alert("x")</script> <b>bold</b> <a href="http://evil.example">x</a>')
    assert "<script" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_links_are_clickable_but_not_endorsed():
    html = render_comment_text("See https://example.org/report?a=1&b=2 and www.example.com")
    assert '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener">' in html
    assert '<a href="http://www.example.com" rel="nofollow ugc noopener">' in html
    assert 'rel="nofollow"' not in html


def test_javascript_urls_are_not_linked():
    assert "<a " not in render_comment_text("javascript:alert(1)")


def test_line_breaks_and_paragraphs_are_kept():
    html = render_comment_text("First line\nsecond line\n\nNew paragraph")
    assert html == "<p>First line<br>second line</p>\n\n<p>New paragraph</p>"


def test_quotes_in_text_cannot_forge_a_rel_attribute():
    html = render_comment_text('rel="nofollow" <a rel="nofollow">')
    assert 'rel="nofollow ugc noopener"' not in html


def test_count_links_counts_what_readers_would_see_as_links():
    assert count_links("no links here, just a sentence.") == 0
    assert count_links("one http://a.example two www.b.example three news.com") == 3


def test_fingerprint_ignores_case_and_whitespace():
    assert normalize_text("  Hello\n\tWORLD ") == "hello world"
    assert text_fingerprint("Hello   world") == text_fingerprint("hello\nWorld")
    assert text_fingerprint("Hello world") != text_fingerprint("Hello world!")


def test_word_rules_match_whole_words_ignoring_case():
    rule = WordRule(word="casino")
    assert rule.matches("Best CASINO in town")
    assert rule.matches("casino.")
    assert not rule.matches("an occasional casinos fan")
    assert WordRule(word="дурак").matches("Ты ДУРАК!")
