from django.contrib import admin

from imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """The record of imports: read-only (an import is undone from its page,
    through the service that checks what depends on it)."""

    list_display = ("pk", "kind", "filename", "created_by", "created_at", "status", "created")
    list_filter = ("kind", "status")
    list_select_related = ("created_by",)
    search_fields = ("filename", "sha256")
    readonly_fields = [f.name for f in ImportBatch._meta.fields if f.name != "content"]
    exclude = ("content",)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user).defer("content")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
