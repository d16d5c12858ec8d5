"""manage.py import_appointments FILE.xlsx --as USERNAME [--dry-run]: see
imports/management/commands/_base.py."""

from imports.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import appointments from the template's .xlsx, all or nothing (--dry-run to check only)."
    )
    kind = "appointments"
