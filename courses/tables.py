"""Tables of a center's records (django-tables2). Every accessor is joined
by the view's queryset (`select_related`), so a page costs a fixed number
of queries."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from centers.table_columns import DateColumn
from courses.models import Activity, Course

NUMBER = {"th": {"class": "number"}, "td": {"class": "number"}, "tf": {"class": "number"}}
# Columns a 360-px phone leaves out (shown from the md breakpoint up); the
# record's own page, a tap on its title, shows them.
PHONE_HIDDEN = "d-none d-md-table-cell"
WIDE = {"th": {"class": PHONE_HIDDEN}, "td": {"class": PHONE_HIDDEN}, "tf": {"class": PHONE_HIDDEN}}
WIDE_NUMBER = {key: {"class": f"number {PHONE_HIDDEN}"} for key in ("th", "td", "tf")}
NOWRAP = {"td": {"class": "text-nowrap no-label"}}  # a date says what it is
# The cell a phone shows as the card's title (templates/tables/bootstrap5.html).
CARD_TITLE = {"td": {"class": "card-title"}, "tf": {"class": "card-title"}}


def _total(name: str):
    """The footer of a figure column: the whole filtered list's total (the
    view passes `totals`, the reporting read model's figures), not the page's."""

    def footer(table):
        return getattr(table.totals, name) if table.totals is not None else ""

    return footer


class CourseTable(tables.Table):
    start_date = DateColumn(verbose_name=_("Start"), attrs=NOWRAP)
    title = tables.Column(
        verbose_name=_("Title"), linkify=True, attrs=CARD_TITLE, footer=_("Total")
    )
    topic = tables.Column(
        verbose_name=_("Topic"),
        accessor="topic__name",
        order_by=("topic__position", "topic__name"),
        attrs=WIDE,
    )
    format = tables.Column(verbose_name=_("Format"), attrs=WIDE)
    sessions = tables.Column(verbose_name=_("Sessions"), attrs=WIDE_NUMBER)
    participants_total = tables.Column(
        verbose_name=_("Participations"),
        attrs=NUMBER,
        default="—",
        footer=_total("participants_total"),
    )
    participants_women = tables.Column(
        verbose_name=_("Women"), attrs=NUMBER, default="—", footer=_total("participants_women")
    )
    participants_ethnic_minority = tables.Column(
        verbose_name=_("Ethnic minority"),
        attrs=WIDE_NUMBER,
        default="—",
        footer=_total("participants_ethnic_minority"),
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

    def __init__(self, *args, totals=None, **kwargs):
        self.totals = totals  # the filtered list's figures, for the footer
        super().__init__(*args, **kwargs)


class ActivityTable(tables.Table):
    date = DateColumn(verbose_name=_("Date"), attrs=NOWRAP)
    title = tables.Column(verbose_name=_("Title"), linkify=True, attrs=CARD_TITLE)
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
