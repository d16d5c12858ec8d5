"""The list of import batches (django-tables2); the view's queryset joins
every accessor, so a page costs the same for any number of batches."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from centers.table_columns import DateColumn
from imports.models import ImportBatch

NUMBER = {"th": {"class": "number"}, "td": {"class": "number"}}
WIDE = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}
WIDE_NUMBER = {
    "th": {"class": "number d-none d-md-table-cell"},
    "td": {"class": "number d-none d-md-table-cell"},
}


class BatchTable(tables.Table):
    created_at = DateColumn(verbose_name=_("Uploaded"), format="SHORT_DATETIME_FORMAT")
    filename = tables.Column(verbose_name=_("File"), linkify=True)
    kind = tables.Column(verbose_name=_("Kind"), attrs=WIDE)
    created_by = tables.Column(verbose_name=_("Imported by"), attrs=WIDE)
    center = tables.Column(verbose_name=_("Center"), attrs=WIDE, default="—")
    status = tables.Column(verbose_name=_("Status"))
    created = tables.Column(verbose_name=_("Created"), attrs=NUMBER)
    skipped = tables.Column(verbose_name=_("Already present"), attrs=WIDE_NUMBER)

    class Meta:
        model = ImportBatch
        fields = (
            "created_at",
            "filename",
            "kind",
            "created_by",
            "center",
            "status",
            "created",
            "skipped",
        )
        empty_text = _("No import yet.")
