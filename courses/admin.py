from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from centers.admin import ScopedHistoryAdmin, SuperuserWritesMixin, scoped_choices
from centers.models import Office
from courses.models import (
    Activity,
    Campaign,
    CampaignReport,
    CollectedPeriod,
    Course,
    Submission,
    Topic,
)


class CenterScopedAdmin(ScopedHistoryAdmin):
    """Administrators see and correct every record here; any other staff user
    only reads those of the centers they may see (the same `visible_to` as
    the pages). Centers' staff write through the workspace, whose services
    check their appointment and term."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.visible_to(request.user)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class LockedRecordAdmin(CenterScopedAdmin):
    """Records dated inside an approved period cannot be deleted here
    either (editing is refused by the model's clean())."""

    def has_delete_permission(self, request, obj=None):
        if obj is not None and Submission.objects.lock_for(obj.center_id, obj.record_date):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        locked = [r.pk for r in queryset if Submission.objects.lock_for(r.center_id, r.record_date)]
        if locked:
            self.message_user(
                request,
                ngettext(
                    "%(count)d record lies in an approved period and was not deleted.",
                    "%(count)d records lie in approved periods and were not deleted.",
                    len(locked),
                )
                % {"count": len(locked)},
                messages.WARNING,
            )
        super().delete_queryset(request, queryset.exclude(pk__in=locked))


@admin.register(Topic)
class TopicAdmin(SuperuserWritesMixin, admin.ModelAdmin):
    list_display = ("name", "position", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("name",)


@admin.register(Campaign)
class CampaignAdmin(SuperuserWritesMixin, admin.ModelAdmin):
    list_display = ("name", "theme", "start_date", "end_date", "report_deadline")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "theme")


@admin.register(Course)
class CourseAdmin(LockedRecordAdmin):
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
class ActivityAdmin(LockedRecordAdmin):
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


@admin.register(Submission)
class SubmissionAdmin(CenterScopedAdmin):
    """Read-only: reports move only through their services (submit, approve,
    return, reopen), which check who may do what; never deleted, since an
    approved one is what locks its period."""

    list_display = (
        "center",
        "period_key",
        "status",
        "nothing_to_report",
        "submitted_at",
        "decided_by",
    )
    list_filter = ("status", "period_kind", "nothing_to_report")
    list_select_related = ("center", "decided_by")
    search_fields = ("center__search_name", "period_key")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CollectedPeriod)
class CollectedPeriodAdmin(admin.ModelAdmin):
    list_display = ("office", "kind", "deadline_days")
    list_filter = ("kind",)
    list_select_related = ("office",)
    autocomplete_fields = ("office",)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(office__in=Office.objects.visible_to(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
