from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from outbox.models import Message
from outbox.services import message_send_again


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Every mail the product sent or will send. Administrators only: the
    bodies hold password-reset links. Read-only but for "send again"."""

    list_display = ("created_at", "kind", "recipient", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("recipient", "subject", "dedupe_key")
    readonly_fields = [field.name for field in Message._meta.fields]
    actions = ("send_again",)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected mails again"))
    def send_again(self, request, queryset):
        count = message_send_again(message_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d mail will be sent again within a minute.",
                "%(count)d mails will be sent again within a minute.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
