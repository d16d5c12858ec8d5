"""Tables of a center's records (django-tables2). Every accessor is joined
by the view's queryset (`select_related`), so a page costs a fixed number
of queries."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from courses.models import Activity, Course

NUMBER = {"th": {"class": "number"}, "td": {"class": "number"}}
# Columns a 360-px phone leaves out (shown from the md breakpoint up).
WIDE = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}
WIDE_NUMBER = {
    "th": {"class": "number d-none d-md-table-cell"},
    "td": {"class": "number d-none d-md-table-cell"},
}
NOWRAP = {"td": {"class": "text-nowrap"}}


class CourseTable(tables.Table):
    start_date = tables.DateColumn(verbose_name=_("Start"), short=True, attrs=NOWRAP)
    title = tables.Column(verbose_name=_("Title"), linkify=True)
    topic = tables.Column(
        verbose_name=_("Topic"),
        accessor="topic__name",
        order_by=("topic__position", "topic__name"),
        attrs=WIDE,
    )
    format = tables.Column(verbose_name=_("Format"), attrs=WIDE)
    sessions = tables.Column(verbose_name=_("Sessions"), attrs=WIDE_NUMBER)
    participants_total = tables.Column(verbose_name=_("Participations"), attrs=NUMBER, default="—")
    participants_women = tables.Column(verbose_name=_("Women"), attrs=NUMBER, default="—")
    participants_ethnic_minority = tables.Column(
        verbose_name=_("Ethnic minority"), attrs=WIDE_NUMBER, default="—"
    )

    class Meta:
        model = Course
        fields = (
            "start_date",
            "title",
            "topic",
            "format",
            "sessions",
            "participants_total",
            "participants_women",
            "participants_ethnic_minority",
        )
        empty_text = _("No courses match.")


class ActivityTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("Date"), short=True, attrs=NOWRAP)
    title = tables.Column(verbose_name=_("Title"), linkify=True)
    kind = tables.Column(verbose_name=_("Kind"), attrs=WIDE)
    campaign = tables.Column(
        verbose_name=_("Campaign"),
        accessor="campaign__name",
        default="—",
        orderable=False,
        attrs=WIDE,
    )
    participants = tables.Column(verbose_name=_("Participations"), attrs=NUMBER, default="—")

    class Meta:
        model = Activity
        fields = ("date", "title", "kind", "campaign", "participants")
        empty_text = _("No activities match.")
