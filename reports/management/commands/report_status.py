from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from centers.models import LearningCenter, Office
from courses.periods import InvalidPeriod, Period
from reports.selectors import Status, completeness, office_deadline, office_rows

LABELS = dict(Status.CHOICES)


class Command(BaseCommand):
    help = "Print who has reported to an office for a period (e.g. --period 2020-Q4)."

    def add_arguments(self, parser):
        parser.add_argument("--office", required=True, help="The office's id or exact name.")
        parser.add_argument(
            "--period", required=True, help="2020, 2020-H2, 2020-Q4, 2020-10, NH2020-2021, …"
        )

    def handle(self, *args, office, period, **options):
        try:
            period = Period.parse(period)
        except InvalidPeriod as error:
            raise CommandError(str(error)) from error
        office = self._office(office)
        rows = office_rows(
            office,
            period,
            centers=LearningCenter.objects.all(),  # the command runs as the system
            deadline=office_deadline(office, period),
            today=timezone.localdate(),
        )
        counts = completeness(rows)
        self.stdout.write(f"{office.name} — {period.label}")
        self.stdout.write(
            _("%(reported)s of %(total)s reported")
            % {"reported": counts.reported, "total": counts.total}
        )
        for _key, label, count in counts.rows:
            self.stdout.write(f"  {label}: {count}")
        for row in rows.filter(report_state__in=Status.MISSING):
            self.stdout.write(f"  - {row.name} ({LABELS[row.report_state]})")

    def _office(self, text: str) -> Office:
        offices = Office.objects.filter(pk=int(text)) if text.isdigit() else Office.objects.none()
        offices = offices or Office.objects.filter(name=text)
        if len(offices) != 1:
            raise CommandError(_("No single office matches “%(office)s”.") % {"office": text})
        return offices[0]
