import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from centers.models import AdministrativeUnit
from centers.services import MergeSource, units_merge


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.replace(";", ",").split(",") if code.strip()]


class Command(BaseCommand):
    help = (
        "Record that units became one unit on a date: closes the whole ones the day before, "
        "links all of them to it, deletes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--into", required=True, help="Code of the unit they became.")
        parser.add_argument("--from", dest="sources", default="", help="Codes, comma-separated.")
        parser.add_argument(
            "--partial", nargs="*", default=[], help="Codes of units only part of which went in."
        )
        parser.add_argument("--on", required=True, type=datetime.date.fromisoformat)

    def handle(self, *args, into, sources, partial, on, **options):
        day_before = on - datetime.timedelta(days=1)
        partial_codes = [code for item in partial for code in _codes(item)]
        target = self._unit(into, on)
        merge_sources = [
            MergeSource(self._unit(code, day_before), partial=False)
            for code in _codes(sources)
            if code not in partial_codes
        ] + [MergeSource(self._unit(code, day_before), partial=True) for code in partial_codes]
        try:
            links = units_merge(into=target, sources=merge_sources, on=on)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        for link in links:
            self.stdout.write(str(link))

    def _unit(self, code: str, on: datetime.date) -> AdministrativeUnit:
        units = list(AdministrativeUnit.objects.by_code(code).valid_on(on))
        if len(units) != 1:
            raise CommandError(
                _("No single unit has code %(code)s on %(day)s.")
                % {"code": code, "day": on.strftime("%d/%m/%Y")}
            )
        return units[0]
