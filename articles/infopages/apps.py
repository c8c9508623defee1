from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoPagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles.infopages"
    # The label it had as an app of its own: its table, migrations and permissions keep their names.
    label = "infopages"
    verbose_name = _("Site pages")

    def ready(self):
        from . import services

        services.connect()
