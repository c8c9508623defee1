from django.contrib import admin

from .models import InfoPage


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "slug", "in_footer", "position", "updated_at"]
    list_editable = ["in_footer", "position"]
    list_filter = ["edition", "in_footer"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
