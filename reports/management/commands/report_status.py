from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from centers.models import LearningCenter, Office
from courses.periods import InvalidPeriod, Period
from courses.reporting import SYSTEM, Figures, period_report
from reports.selectors import period_is_in_office_life


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def totals_line(label: str, figures: Figures) -> str:
    """ "Tổng cộng: 15 lớp học, chuyên đề; 1.234 lượt người học (nữ 700, DTTS
    14); 9 hoạt động" """
    return _(
        "%(label)s: %(courses)s courses and sessions; %(total)s participations "
        "(women %(women)s, ethnic minority %(minority)s); %(activities)s activities"
    ) % {
        "label": label,
        "courses": _n(figures.courses),
        "total": _n(figures.participants_total),
        "women": _n(figures.participants_women),
        "minority": _n(figures.participants_ethnic_minority),
        "activities": _n(figures.activities),
    }


class Command(BaseCommand):
    help = (
        "Print who has reported to an office for a period, its totals and each center's "
        "status — the office dashboard on the command line (e.g. --period 2020-Q4)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--office", required=True, help="The office's id or exact name.")
        parser.add_argument(
            "--period",
            required=True,
            help="2020, 2020-H2, 2020-Q4, 2020-10, NH2020-2021, campaign:<slug>",
        )

    def handle(self, *args, office, period, **options):
        with translation.override(settings.LANGUAGE_CODE):
            for line in self._lines(office, period):
                self.stdout.write(line)

    def _lines(self, office_text: str, period_text: str):
        try:
            period = Period.parse(period_text)
        except InvalidPeriod as error:
            raise CommandError(str(error)) from error
        office = self._office(office_text)
        if not period_is_in_office_life(office, period):
            raise CommandError(
                _("%(office)s did not supervise centers during %(period)s.")
                % {"office": office.name, "period": period.label}
            )
        centers = LearningCenter.objects.in_office_during(office, period.start, period.end)
        report = period_report(
            viewer=SYSTEM,  # the command reads as the system
            centers=centers,
            period=period,
            today=timezone.localdate(),
            root=office.unit,
        )
        counts = report.counts
        yield f"{office.name} — {period.label}"
        yield _("%(reported)s/%(expected)s reported") % {
            "reported": _n(counts.reported),
            "expected": _n(counts.expected),
        }
        yield totals_line(_("Grand total"), report.total)
        deadlines = sorted({row.deadline for row in report.rows if row.deadline})
        if deadlines:
            days = ", ".join(date_format(day, "SHORT_DATE_FORMAT") for day in deadlines)
            yield _("Due: %(days)s") % {"days": days}
        for group in report.groups:
            if len(report.groups) > 1:
                yield totals_line(group.label, group.total)
            for row in group.rows:
                yield "  - " + "; ".join(
                    part
                    for part in (
                        row.center.name,
                        row.status_label,
                        row.closed_note,
                        row.verdict_label if row.deadline else "",
                    )
                    if part
                )

    def _office(self, text: str) -> Office:
        text = (text or "").strip()
        offices = Office.objects.filter(pk=int(text)) if text.isdigit() else Office.objects.none()
        offices = offices or Office.objects.filter(name=text)
        if len(offices) != 1:
            raise CommandError(_("No single office matches “%(office)s”.") % {"office": text})
        return offices[0]
