"""The benchmark's yardstick: the cheapest page Django can serve through our whole middleware stack.

`make bench` compares every page with it, measured side by side, so the figures are ratios to what
the framework itself costs on the same machine at the same moment. Routed only with BENCH_YARDSTICK=true.
"""

from django.http import HttpResponse

# About 38 KB of plain HTML, built once: the size of a typical story page without its comments.
_PARAGRAPH = "<p>" + "The quick brown fox jumps over the lazy dog. " * 8 + "</p>\n"
PAGE = ("<!doctype html><html lang=en><title>yardstick</title>\n" + _PARAGRAPH * 104 + "</html>\n").encode()


def yardstick(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")
