from django.contrib import admin

from centers.models import LearningCenter
from reports.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The record of reminders: who reminded which center, when, and
    whether the mail went out. Written by the dashboard's button only."""

    list_display = ("center", "period_key", "recipient", "sent_by", "created_at", "status")
    list_filter = ("status",)
    list_select_related = ("center", "sent_by")
    readonly_fields = [field.name for field in Reminder._meta.fields]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(center__in=LearningCenter.objects.visible_to(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
