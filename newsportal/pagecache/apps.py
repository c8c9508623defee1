from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "newsportal.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"
