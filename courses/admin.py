from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from courses.models import Activity, Campaign, CampaignReport, Course, Topic


class CenterScopedAdmin(SimpleHistoryAdmin):
    """Administrators see every record; any other staff user only those of
    the centers they may see (the same `visible_to` as the pages)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.visible_to(request.user)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("name",)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "theme", "start_date", "end_date", "report_deadline")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "theme")


@admin.register(Course)
class CourseAdmin(CenterScopedAdmin):
    list_display = ("title", "center", "topic", "format", "start_date", "participants_total")
    list_filter = ("topic", "format", ("start_date", admin.DateFieldListFilter))
    list_select_related = ("center", "topic")
    search_fields = ("search_title",)
    search_help_text = _("Type with or without accents, e.g. “thach trung”.")
    autocomplete_fields = ("center",)
    date_hierarchy = "start_date"

    def get_search_results(self, request, queryset, search_term):
        return (queryset.search(search_term), False) if search_term else (queryset, False)


@admin.register(Activity)
class ActivityAdmin(CenterScopedAdmin):
    list_display = ("title", "center", "kind", "date", "participants", "campaign")
    list_filter = ("kind", "campaign", ("date", admin.DateFieldListFilter))
    list_select_related = ("center", "campaign")
    search_fields = ("search_title",)
    autocomplete_fields = ("center",)
    date_hierarchy = "date"

    def get_search_results(self, request, queryset, search_term):
        return (queryset.search(search_term), False) if search_term else (queryset, False)


@admin.register(CampaignReport)
class CampaignReportAdmin(CenterScopedAdmin):
    list_display = ("campaign", "center", "books", "bookcases", "money")
    list_filter = ("campaign",)
    list_select_related = ("campaign", "center")
    autocomplete_fields = ("center",)
