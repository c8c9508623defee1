"""Admin pages of records the code writes and people only read: the audit log, readers' votes, wire runs."""

from django.contrib import admin


class RecordsAdmin(admin.ModelAdmin):
    """Listed and opened, never added or edited by hand (superusers included): the services write them,
    and a record changed by hand would no longer say what happened. `deletable` lets a permission holder
    remove one (a wire run's log), never rewrite it."""

    deletable = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)
