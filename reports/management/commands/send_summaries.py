"""manage.py send_summaries: the scheduled summaries, now, from the command
line — the same code the beat task runs, synchronously."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from centers.models import Office
from courses.periods import InvalidPeriod, Period
from reports.summaries import SENT, WOULD_SEND, summaries_send


class Command(BaseCommand):
    help = (
        "Mail each office its summary of a period (the center summary workbook attached) "
        "to its report addresses, once: a second run sends nothing more. Without --period, "
        "each office's latest ended period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--office", type=int, help="Only this office (its id).")
        parser.add_argument(
            "--period", help="2020, 2020-H2, 2020-Q4, 2020-10, NH2020-2021 or campaign:<slug>."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be sent and to whom; send nothing.",
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                period = Period.parse(options["period"]) if options["period"] else None
            except InvalidPeriod as error:
                raise CommandError(str(error)) from error
            office_id = options["office"]
            if office_id is not None and not Office.objects.filter(pk=office_id).exists():
                raise CommandError(_("There is no office with id %(id)s.") % {"id": office_id})
            outcomes = summaries_send(
                today=timezone.localdate(),
                period=period,
                office_id=office_id,
                dry_run=options["dry_run"],
            )
            for outcome in outcomes:
                self.stdout.write(str(outcome))
            sent = sum(o.status in (SENT, WOULD_SEND) for o in outcomes)
            self.stdout.write(
                _("%(sent)s of %(total)s offices: summary put in the outbox.")
                % {"sent": sent, "total": len(outcomes)}
                if not options["dry_run"]
                else _("Dry run: %(sent)s of %(total)s offices would get a summary; nothing sent.")
                % {"sent": sent, "total": len(outcomes)}
            )
