from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from centers.models import LearningCenter
from courses.admin import period_label
from reports.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The record of reminders: who reminded which center, when, and
    whether the mail went out (the outbox's status). Written by the
    dashboard's button only."""

    list_display = ("center", "period", "recipient", "sent_by", "created_at", "mail_status")
    list_filter = ("message__status",)
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
