"""The office dashboard's tables. Their rows are the reporting read model's
`CenterPeriod`s (`courses.reporting`), already computed: a column only
reads an attribute, so a page costs no query per row."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from centers.table_columns import DateColumn
from courses.reporting import ReportStatus, Verdict

NUMBER = {"td": {"class": "number"}, "th": {"class": "number"}, "tf": {"class": "number"}}
# What a 360-px phone leaves out of a row's card (templates/tables/
# bootstrap5.html): shown from the md breakpoint up, and on the center's
# report page, a tap on its name.
PHONE_HIDDEN = "d-none d-md-table-cell"
WIDE = {key: {"class": PHONE_HIDDEN} for key in ("th", "td", "tf")}
WIDE_NUMBER = {key: {"class": f"number {PHONE_HIDDEN}"} for key in ("th", "td", "tf")}
NO_LABEL = {"td": {"class": "no-label"}}  # a badge says what it is
VERDICT_BADGES = {
    Verdict.ON_TIME: "text-bg-success",
    Verdict.LATE: "text-bg-danger",
    Verdict.NOT_DUE: "text-bg-light border",
    Verdict.NOT_APPLICABLE: "text-bg-light border text-body-secondary",
}


def _total(name: str):
    """A footer with the sum of the rows shown (the table's data)."""

    def footer(table) -> int:
        return sum(getattr(row.figures, name) for row in table.data)

    return footer


class FigureColumn(tables.Column):
    def __init__(self, name: str, **kwargs):
        kwargs.setdefault("attrs", NUMBER)
        super().__init__(accessor=f"figures__{name}", footer=_total(name), **kwargs)


def status_badge(row) -> str:
    note = format_html('<div class="small">{}</div>', row.closed_note) if row.closed_note else ""
    return format_html(
        '<span class="badge {}" data-status="{}">{}</span>{}',
        ReportStatus.BADGES[row.status],
        row.status,
        row.status_label,
        note,
    )


class OfficeDashboardTable(tables.Table):
    """Every center an office answers for in one period, with its status,
    deadline and verdict, and its figures; the footer adds up what is shown."""

    name = tables.Column(
        verbose_name=_("Learning center"),
        accessor="center__name",
        order_by=("sort_name",),
        footer=_("Grand total"),
        attrs={
            "td": {"class": "center-name card-title"},
            "th": {"class": "center-name"},
            "tf": {"class": "card-title"},
        },
    )
    group = tables.Column(
        verbose_name=_("Unit"),
        accessor="group__name",
        default="—",
        attrs={"td": {"class": "unit-name"}, "th": {"class": "unit-name"}},
    )
    status = tables.Column(
        verbose_name=_("Status"),
        order_by=("status",),
        attrs={"td": {"class": "no-label status"}, "th": {"class": "status"}},
    )
    # Left for the center's report page below 1400 px (a tap on its name).
    submitted_at = DateColumn(
        verbose_name=_("Submitted"),
        format="SHORT_DATE_FORMAT",
        default="—",
        attrs={key: {"class": "d-none d-xxl-table-cell"} for key in ("th", "td", "tf")},
    )
    deadline = DateColumn(
        verbose_name=_("Due"), format="SHORT_DATE_FORMAT", default="—", attrs=WIDE
    )
    verdict = tables.Column(verbose_name=_("On time or late"), attrs=NO_LABEL)
    courses = FigureColumn("courses", verbose_name=_("Courses and sessions"), attrs=WIDE_NUMBER)
    participants_total = FigureColumn("participants_total", verbose_name=_("Participations"))
    participants_women = FigureColumn(
        "participants_women", verbose_name=_("Women"), attrs=WIDE_NUMBER
    )
    participants_ethnic_minority = FigureColumn(
        "participants_ethnic_minority", verbose_name=_("Ethnic minority"), attrs=WIDE_NUMBER
    )
    activities = FigureColumn("activities", verbose_name=_("Activities"), attrs=WIDE_NUMBER)
    # A campaign's resources, shown for campaign periods only.
    books = FigureColumn("books", verbose_name=_("Books mobilised"))
    bookcases = FigureColumn("bookcases", verbose_name=_("Bookcases / reading corners"))
    money = FigureColumn("money", verbose_name=_("Money mobilised (đồng)"))

    class Meta:
        empty_text = _("No learning center matches.")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def __init__(self, *args, period, show_group: bool = True, **kwargs):
        self.period = period
        exclude = [] if show_group else ["group"]
        if period.kind != "campaign":
            exclude += ["books", "bookcases", "money"]
        super().__init__(*args, exclude=exclude, **kwargs)

    def render_name(self, record, value):
        url = reverse("courses:submission", args=[record.center.pk, self.period.key])
        return format_html('<a href="{}">{}</a>', url, value)

    def render_status(self, record):
        return status_badge(record)

    def render_deadline(self, record, value):
        # A center that closed before the period ended owes no report.
        if value is None or not record.expected:
            return "—"
        return date_format(value, "SHORT_DATE_FORMAT")

    def render_verdict(self, record):
        return format_html(
            '<span class="badge {}" data-verdict="{}">{}</span>',
            VERDICT_BADGES[record.verdict],
            record.verdict,
            record.verdict_label,
        )


class MissingTable(tables.Table):
    """The centers that owe a report and have not sent it: whom to call or remind."""

    name = tables.Column(
        verbose_name=_("Learning center"),
        accessor="center__name",
        orderable=False,
        attrs={"td": {"class": "card-title"}},
    )
    status = tables.Column(verbose_name=_("Status"), orderable=False, attrs=NO_LABEL)
    director_name = tables.Column(
        verbose_name=_("Director"), accessor="director__full_name", default="—", orderable=False
    )
    director_phone = tables.Column(
        verbose_name=_("Phone"), accessor="director__phone", default="—", orderable=False
    )
    director_email = tables.Column(
        verbose_name=_("Email"),
        accessor="director__email",
        default="—",
        orderable=False,
        attrs=WIDE,
    )
    last_reminder = DateColumn(
        verbose_name=_("Last reminded"), format="SHORT_DATETIME_FORMAT", default="—",
        orderable=False,
    )  # fmt: skip
    remind = tables.TemplateColumn(
        template_name="reports/_remind_button.html",
        verbose_name="",
        orderable=False,
        accessor="center__pk",
        attrs=NO_LABEL,
    )

    class Meta:
        empty_text = _("Every center has reported.")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_status(self, record):
        return status_badge(record)

    def render_director_phone(self, value):
        return format_html('<a href="tel:{}">{}</a>', value.replace(" ", ""), value)

    def render_director_email(self, value):
        return format_html('<a href="mailto:{}">{}</a>', value, value)
