"""manage.py export_report: the reports of the web pages, from the command
line, read as the system (every center)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from centers.models import LearningCenter
from courses.reporting import SYSTEM
from reports import exports
from reports.exports import CSV, XLSX, ReportError, ReportKind, ReportRequest


class Command(BaseCommand):
    help = (
        "Write a report as Excel (or CSV): summary, center, courses, campaign or completeness, "
        "e.g. export_report summary --unit 436 --period 2020 -o tong-hop-2020.xlsx "
        "(thành phố Hà Tĩnh as it was in 2020)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[k for k, _label in ReportKind.CHOICES])
        parser.add_argument(
            "--unit",
            help="Statistics-office code of the unit (e.g. 436); without it, the whole country.",
        )
        parser.add_argument(
            "--period",
            required=True,
            help="2020, 2020-H2, 2020-Q4, 2020-10, NH2020-2021 or campaign:<slug>.",
        )
        parser.add_argument("--center", type=int, help="The center's id (for `center`).")
        parser.add_argument(
            "--roll-up", action="store_true", help="Group by today's units (successor links)."
        )
        parser.add_argument("--format", choices=[XLSX, CSV], default=XLSX)
        parser.add_argument("-o", "--output", required=True, help="The file to write.")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                request = self._request(options)
                document = exports.document(SYSTEM, request, today=timezone.localdate())
            except ReportError as error:
                raise CommandError(str(error)) from error
            with open(options["output"], "wb") as out:
                exports.write(document, request.format, out)
        self.stdout.write(
            _("Wrote %(file)s: %(label)s") % {"file": options["output"], "label": request.label}
        )

    def _request(self, options) -> ReportRequest:
        period = exports.parse_period(options["period"])
        kind = options["kind"]
        center = unit = None
        if kind == ReportKind.CENTER:
            if not options["center"]:
                raise ReportError(_("Give the center with --center ID."))
            center = LearningCenter.objects.select_related("unit").filter(pk=options["center"])
            center = center.first()
            if center is None:
                message = _("There is no learning center %(id)s.")
                raise ReportError(message % {"id": options["center"]})
        elif options["unit"]:
            unit = exports.unit_during(options["unit"], period)
        return ReportRequest(
            kind=kind,
            period=period,
            unit=unit,
            center=center,
            roll_up=options["roll_up"],
            format=options["format"],
        )
