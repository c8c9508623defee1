from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    # Not "Stories": the admin's breadcrumbs would read "Stories › Stories".
    verbose_name = _("Newsroom")

    def ready(self):
        from taggit.models import Tag

        from . import invalidation
        from .api import signals  # noqa: F401 (connects the partner API's receivers)
        from .breaking.developing import chain_after_delete, chain_before_delete
        from .desk import versions
        from .desk.permissions import grant_after_migrate
        from .editions import edition_search_configs_sync
        from .pages import sections_changed
        from .tags import give_tag_a_slug

        # Every save of a story is a version (django-reversion).
        versions.register()
        # Every change an editor saves reaches the cached pages.
        invalidation.connect()
        pre_save.connect(give_tag_a_slug, sender=Tag, dispatch_uid="articles.give_tag_a_slug")

        # Every app's new permissions (comments' models, later) reach the editorial groups.
        post_migrate.connect(grant_after_migrate, dispatch_uid="articles.grant_editorial_permissions")
        # The search-vector trigger's SQL and indexes follow the edition registry: a new edition reaches them.
        post_migrate.connect(edition_search_configs_sync, sender=self, dispatch_uid="articles.edition_search_configs")
        # Pages read the sections from the cache; a change reaches them at once.
        post_save.connect(sections_changed, sender="articles.Section", dispatch_uid="articles.sections_saved")
        post_delete.connect(sections_changed, sender="articles.Section", dispatch_uid="articles.sections_deleted")
        # A story deleted from a developing-story chain: the stories around it form their chains again.
        pre_delete.connect(chain_before_delete, sender="articles.Article", dispatch_uid="articles.chain_before_delete")
        post_delete.connect(chain_after_delete, sender="articles.Article", dispatch_uid="articles.chain_after_delete")
