import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from centers.services import OFFICIAL_LIST_VALID_FROM, units_load_official


class Command(BaseCommand):
    help = (
        "Load today's official administrative units (34 provinces, 3,321 communes) "
        "from the vietnam-provinces package. Idempotent: a rerun updates names, adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", help="Only this province's code, e.g. 42 for Hà Tĩnh.")
        parser.add_argument(
            "--valid-from",
            type=datetime.date.fromisoformat,
            default=OFFICIAL_LIST_VALID_FROM,
            help="Date the list took effect (YYYY-MM-DD, default 2025-07-01).",
        )

    def handle(self, *args, province=None, valid_from=None, **options):
        try:
            result = units_load_official(province_code=province, valid_from=valid_from)
        except ValueError as exc:
            raise CommandError(_("Unknown province code: %(code)s") % {"code": province}) from exc
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Units: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
        )
