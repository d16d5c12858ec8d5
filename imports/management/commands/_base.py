"""The shared body of import_centers, import_appointments and
import_courses: read the file, run the import (or its dry run) as a user,
print every problem by sheet, row and column, and exit non-zero through
CommandError whenever the file or any row is refused."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from centers.models import LearningCenter, User
from imports.services import ImportResult, import_check, import_run


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx file (the template's first sheet).")
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help="The user the import acts as: their scope and rights apply.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and write nothing."
        )
        if self.kind == "courses":
            parser.add_argument(
                "--center", type=int, help="Import every row for this center (its id)."
            )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            result = self._run(options)
            self._report(result)
            if not result.ok:
                raise CommandError(
                    _("Nothing was imported: %(count)s problems.") % {"count": len(result.errors)}
                )
            if result.dry_run:
                self.stdout.write(
                    _(
                        "Dry run: %(rows)s rows can be imported "
                        "(%(new)s new, %(present)s already present)."
                    )
                    % {"rows": result.rows, "new": result.created, "present": result.skipped}
                )
            else:
                self.stdout.write(
                    _("Imported batch #%(batch)s: %(new)s created, %(present)s already present.")
                    % {"batch": result.batch.pk, "new": result.created, "present": result.skipped}
                )

    def _run(self, options) -> ImportResult:
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}
            ) from None
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(_("No active user %(name)s.") % {"name": options["username"]})
        center = None
        if options.get("center"):
            center = LearningCenter.objects.filter(pk=options["center"]).first()
            if center is None:
                raise CommandError(_("No center with id %(id)s.") % {"id": options["center"]})
        run = import_check if options["dry_run"] else import_run
        try:
            return run(
                kind=self.kind, content=content, filename=path.name, actor=user, center=center
            )
        except PermissionDenied as error:
            raise CommandError(str(error)) from None

    def _report(self, result: ImportResult) -> None:
        for problem in result.errors:
            self.stderr.write(str(problem))
        for problem in result.warnings:
            self.stdout.write(_("Warning: %(problem)s") % {"problem": problem})
