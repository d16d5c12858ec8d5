from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from centers.admin import (
    ScopedHistoryAdmin,
    SearchKeyAdminMixin,
    SmallListSearchMixin,
    SuperuserWritesMixin,
    scoped_choices,
)
from centers.models import Office
from centers.paging import EstimatedCountPaginator
from courses import services
from courses.models import (
    Activity,
    Campaign,
    CampaignReport,
    CollectedPeriod,
    Course,
    DeadlineExtension,
    Submission,
    SubmissionEvent,
    Topic,
)
from courses.periods import InvalidPeriod, Period


class CenterScopedAdmin(ScopedHistoryAdmin):
    """Administrators see and correct every record here; any other staff user
    only reads those of the centers they may see (the same `visible_to` as
    the pages). Centers' staff write through the workspace, whose services
    check their appointment and term. The lists stay as fast at a million
    rows as at ten thousand: no full count, an estimated one for the whole
    table, orderings served by an index, no date hierarchy."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False

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
    """Records dated inside a submitted or approved period cannot change or
    go here either: the model's clean() refuses the change (where the
    record was and where it would go), saves and deletes take the centers'
    row locks through the services, and a refused delete says why."""

    def save_model(self, request, obj, form, change):
        services.record_save(obj, request.user)

    def delete_model(self, request, obj):
        services.record_delete(obj, request.user)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        lock = _lock(obj)
        if lock is not None:
            self.message_user(request, lock.lock_message(), messages.ERROR)
            return redirect(
                reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
            )
        return super().delete_view(request, object_id, extra_context)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        """The bulk delete action: records in a locked period stay, and the
        reasons are said; the others go, each under its center's lock."""
        services.lock_centers(*queryset.values_list("center", flat=True).distinct())
        refused = []
        for record in queryset:
            lock = _lock(record)
            if lock is not None:
                refused.append(f"{record}: {lock.lock_message()}")
                continue
            services.record_delete(record, request.user)
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d record lies in a locked period and was not deleted: %(list)s",
                    "%(count)d records lie in locked periods and were not deleted: %(list)s",
                    len(refused),
                )
                % {"count": len(refused), "list": "; ".join(refused)},
                messages.WARNING,
            )


def period_label(stored_key: str) -> str:
    """ "Quý IV/2020" for "2020-Q4" (a campaign's name for its stored key);
    a key that no longer names a period, as it is."""
    try:
        return Period.from_stored(stored_key).label
    except InvalidPeriod:
        return stored_key


def _lock(record):
    if record is None or record.record_date is None:
        return None
    return Submission.objects.lock_for(record.center_id, record.record_date)


@admin.register(Topic)
class TopicAdmin(SuperuserWritesMixin, SmallListSearchMixin, admin.ModelAdmin):
    list_display = ("name", "position", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("name",)


@admin.register(Campaign)
class CampaignAdmin(SuperuserWritesMixin, SmallListSearchMixin, admin.ModelAdmin):
    list_display = ("name", "theme", "start_date", "end_date", "report_deadline")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "theme", "slug")


@admin.register(Course)
class CourseAdmin(LockedRecordAdmin):
    list_display = ("title", "center", "topic", "format", "start_date", "participants_total")
    list_filter = ("topic", "format", ("start_date", admin.DateFieldListFilter))
    list_select_related = ("center", "topic")
    search_fields = ("search_title",)
    search_help_text = _("Type with or without accents, e.g. “thach trung”.")
    autocomplete_fields = ("center",)
    # No date hierarchy: it reads every row's year (DISTINCT date_trunc)
    # on each page; the date filter beside the list does the same job.

    def get_search_results(self, request, queryset, search_term):
        return (queryset.search(search_term), False) if search_term else (queryset, False)


@admin.register(Activity)
class ActivityAdmin(LockedRecordAdmin):
    list_display = ("title", "center", "kind", "date", "participants", "campaign")
    list_filter = ("kind", "campaign", ("date", admin.DateFieldListFilter))
    list_select_related = ("center", "campaign")
    search_fields = ("search_title",)
    autocomplete_fields = ("center",)

    def get_search_results(self, request, queryset, search_term):
        return (queryset.search(search_term), False) if search_term else (queryset, False)


@admin.register(CampaignReport)
class CampaignReportAdmin(LockedRecordAdmin):
    list_display = ("campaign", "center", "books", "bookcases", "money")
    list_filter = ("campaign",)
    list_select_related = ("campaign", "center")
    autocomplete_fields = ("center",)


class SubmissionEventInline(admin.TabularInline):
    """A report's steps, read-only: who did what, when, and what they wrote."""

    model = SubmissionEvent
    fields = ("at", "action", "actor", "office", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(SearchKeyAdminMixin, CenterScopedAdmin):
    """Read-only: reports move only through their services (submit, approve,
    return, reopen), which check who may do what; never deleted, since a
    submitted or approved one is what locks its period."""

    list_display = (
        "center",
        "period_label",
        "status",
        "nothing_to_report",
        "submitted_at",
        "decided_by",
    )
    list_filter = ("status", "period_kind", "nothing_to_report")
    list_select_related = ("center", "decided_by", "campaign")
    search_fields = ("center__search_name",)
    search_text_fields = ("period_key",)
    inlines = [SubmissionEventInline]

    @admin.display(description=_("period"), ordering="period_start")
    def period_label(self, obj):
        return obj.period.label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    """Extensions are given on the office's dashboard (the service checks the
    office and the period); here they are read, and an administrator may
    correct one."""

    list_display = ("office", "period_label", "center", "deadline", "reason", "created_by")
    list_select_related = ("office", "center", "created_by")
    readonly_fields = ("created_by", "created_at")

    @admin.display(description=_("period"), ordering="period_key")
    def period_label(self, obj):
        return period_label(obj.period_key)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(office__in=Office.objects.visible_to(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


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
