from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from centers.models import LearningCenter
from courses.admin import period_label
from courses.periods import Period
from reports.models import Reminder, Summary
from reports.summaries import summary_render, summary_send_again


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The record of reminders: who reminded which center, when, and
    whether the mail went out (the outbox's status). Written by the
    dashboard's button only."""

    list_display = (
        "center",
        "period",
        "stage",
        "recipient",
        "sent_by",
        "created_at",
        "mail_status",
    )
    list_filter = ("stage", "message__status")
    list_select_related = ("center", "sent_by", "message")
    readonly_fields = [field.name for field in Reminder._meta.fields]

    @admin.display(description=_("period"), ordering="period_key")
    def period(self, reminder):
        return period_label(reminder.period_key)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(center__in=LearningCenter.objects.visible_to(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # the record of who reminded whom stays

    @admin.display(description=_("mail"), ordering="message__status")
    def mail_status(self, reminder):
        return reminder.message.get_status_display() if reminder.message_id else "—"


class _AdministratorsOnly:
    """Schedules and summaries are the administrators' (DESIGN: "users,
    roles, schedules, recipients"): staff with model permissions neither
    see nor change them."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# django-celery-beat's periodic tasks and schedules (its own admin pages),
# for administrators only.
for _model, _model_admin in list(admin.site._registry.items()):
    if _model._meta.app_label == "django_celery_beat":
        admin.site.unregister(_model)
        admin.site.register(
            _model, type(type(_model_admin).__name__, (_AdministratorsOnly, type(_model_admin)), {})
        )


@admin.register(Summary)
class SummaryAdmin(_AdministratorsOnly, admin.ModelAdmin):
    """The summaries sent to offices (or recorded as not sendable, with the
    reason); their mails are in the outbox. Preview renders a summary
    without sending it; "send now" sends a not-sent one, or sends the
    mails of a sent one again."""

    list_display = ("office", "kind", "period", "edition", "status", "reason", "created_at")
    list_filter = ("kind", "status")
    list_select_related = ("office",)
    search_fields = ("office__name", "period_key")
    readonly_fields = [field.name for field in Summary._meta.fields]
    actions = ("preview", "send_now")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("period"), ordering="period_key")
    def period(self, summary):
        return period_label(summary.period_key)

    @admin.action(description=_("Preview the summary (nothing is sent)"))
    def preview(self, request, queryset):
        summary = queryset.select_related("office__unit").first()
        period = Period.from_stored(summary.period_key)
        _subject, _text, html, _workbook, _name = summary_render(
            summary.office, period, today=timezone.localdate()
        )
        return HttpResponse(html)

    @admin.action(description=_("Send the selected summaries now"))
    def send_now(self, request, queryset):
        again = 0
        for summary in queryset.select_related("office__unit"):
            again += summary_send_again(summary=summary, today=timezone.localdate())
        self.message_user(
            request,
            ngettext(
                "%(count)d mail will be sent within a minute.",
                "%(count)d mails will be sent within a minute.",
                again,
            )
            % {"count": again},
            messages.SUCCESS,
        )
