import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from centers.imports import UnitImportError, units_import


class Command(BaseCommand):
    help = (
        "Import a statistics-office list of administrative units (.xlsx with the columns "
        "Mã TP, Tỉnh/Thành phố, Mã QH, Quận/Huyện, Mã PX, Phường/Xã, Cấp), all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .xlsx file.")
        parser.add_argument(
            "--valid-from", required=True, type=datetime.date.fromisoformat, help="YYYY-MM-DD"
        )
        parser.add_argument("--valid-until", type=datetime.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--max-rows", type=int, help="Refuse files with more data rows.")

    def handle(self, *args, file: Path, valid_from, valid_until, max_rows, **options):
        if not file.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": file})
        try:
            with file.open("rb") as handle:
                result = units_import(
                    file=handle, valid_from=valid_from, valid_until=valid_until, max_rows=max_rows
                )
        except UnitImportError as exc:
            raise CommandError(
                _("Nothing was imported:") + "\n" + "\n".join(f"- {m}" for m in exc.messages)
            ) from exc
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
