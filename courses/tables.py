"""Tables of a center's records (django-tables2). Every accessor is joined
by the view's queryset (`select_related`), so a page costs a fixed number
of queries."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from courses.models import Activity, Course

NUMBER = {"th": {"class": "number"}, "td": {"class": "number"}}


class CourseTable(tables.Table):
    start_date = tables.DateColumn(verbose_name=_("Start"), short=True)
    title = tables.Column(verbose_name=_("Title"), linkify=True)
    topic = tables.Column(
        verbose_name=_("Topic"), accessor="topic__name", order_by=("topic__position", "topic__name")
    )
    format = tables.Column(verbose_name=_("Format"))
    sessions = tables.Column(verbose_name=_("Sessions"), attrs=NUMBER)
    participants_total = tables.Column(verbose_name=_("Participations"), attrs=NUMBER, default="—")
    participants_women = tables.Column(verbose_name=_("Women"), attrs=NUMBER, default="—")
    participants_ethnic_minority = tables.Column(
        verbose_name=_("Ethnic minority"), attrs=NUMBER, default="—"
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
    date = tables.DateColumn(verbose_name=_("Date"), short=True)
    title = tables.Column(verbose_name=_("Title"), linkify=True)
    kind = tables.Column(verbose_name=_("Kind"))
    campaign = tables.Column(
        verbose_name=_("Campaign"), accessor="campaign__name", default="—", orderable=False
    )
    participants = tables.Column(verbose_name=_("Participations"), attrs=NUMBER, default="—")

    class Meta:
        model = Activity
        fields = ("date", "title", "kind", "campaign", "participants")
        empty_text = _("No activities match.")
