from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Stories")

    def ready(self):
        from .api import signals  # noqa: F401 (connects the partner API's receivers)
        from .permissions import grant_after_migrate

        # Every app's new permissions (comments' models, later) reach the editorial groups.
        post_migrate.connect(grant_after_migrate, dispatch_uid="articles.grant_editorial_permissions")
