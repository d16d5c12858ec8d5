import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from centers.models import LearningCenter
from reports.selectors import Status

BADGES = {
    Status.NOT_STARTED: "text-bg-secondary",
    Status.DRAFT: "text-bg-light border",
    Status.SUBMITTED: "text-bg-primary",
    Status.RETURNED: "text-bg-warning",
    Status.APPROVED: "text-bg-success",
    Status.NOTHING: "text-bg-info",
}
LABELS = dict(Status.CHOICES)
NUMBER = {"td": {"class": "number"}, "th": {"class": "number"}}


class NumberColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUMBER)
        super().__init__(*args, **kwargs)


class OfficeDashboardTable(tables.Table):
    """Every center under an office for one period (rows from
    `reports.selectors.office_rows`, which annotates every column)."""

    name = tables.Column(verbose_name=_("Learning center"))
    report_state = tables.Column(verbose_name=_("Status"))
    submitted_at = tables.DateTimeColumn(
        verbose_name=_("Submitted"), format="SHORT_DATE_FORMAT", default="—"
    )
    is_late = tables.Column(verbose_name=_("Deadline"))
    courses_count = NumberColumn(verbose_name=_("Courses"))
    participants_total = NumberColumn(verbose_name=_("Participations"))
    participants_women = NumberColumn(verbose_name=_("Women"))
    participants_minority = NumberColumn(verbose_name=_("Ethnic minority"))
    activities_count = NumberColumn(verbose_name=_("Activities"))

    class Meta:
        model = LearningCenter
        fields = (
            "name",
            "report_state",
            "submitted_at",
            "is_late",
            "courses_count",
            "participants_total",
            "participants_women",
            "participants_minority",
            "activities_count",
        )
        empty_text = _("No learning center matches.")

    def __init__(self, *args, period_key: str, **kwargs):
        self.period_key = period_key
        super().__init__(*args, **kwargs)

    def render_name(self, record, value):
        url = reverse("courses:submission", args=[record.pk, self.period_key])
        return format_html('<a href="{}">{}</a>', url, value)

    def render_report_state(self, value):
        return format_html('<span class="badge {}">{}</span>', BADGES[value], LABELS[value])

    def render_is_late(self, value):
        if value:
            return format_html('<span class="badge text-bg-danger">{}</span>', _("late"))
        return _("on time")


class MissingTable(tables.Table):
    """The centers that have not reported: whom to call or remind."""

    name = tables.Column(verbose_name=_("Learning center"), orderable=False)
    report_state = tables.Column(verbose_name=_("Status"), orderable=False)
    director_name = tables.Column(verbose_name=_("Director"), default="—", orderable=False)
    director_phone = tables.Column(verbose_name=_("Phone"), default="—", orderable=False)
    director_email = tables.Column(verbose_name=_("Email"), default="—", orderable=False)
    last_reminder = tables.DateTimeColumn(
        verbose_name=_("Last reminded"), format="SHORT_DATETIME_FORMAT", default="—",
        orderable=False,
    )  # fmt: skip
    remind = tables.TemplateColumn(
        template_name="reports/_remind_button.html",
        verbose_name="",
        orderable=False,
        accessor="pk",
    )

    class Meta:
        model = LearningCenter
        fields = ("name", "report_state", "director_name", "director_phone", "director_email")
        empty_text = _("Every center has reported.")

    def render_report_state(self, value):
        return format_html('<span class="badge {}">{}</span>', BADGES[value], LABELS[value])

    def render_director_phone(self, value):
        return format_html('<a href="tel:{}">{}</a>', value.replace(" ", ""), value)

    def render_director_email(self, value):
        return format_html('<a href="mailto:{}">{}</a>', value, value)
