"""The reporting side's pages: the office workspace (`office`) and the
report downloads and background exports (`downloads`)."""

from reports.views.downloads import (
    center_report_export,
    export_download,
    export_status,
    office_export,
    report_form,
)
from reports.views.office import home, office_dashboard, office_extend, office_remind

__all__ = [
    "center_report_export",
    "export_download",
    "export_status",
    "home",
    "office_dashboard",
    "office_export",
    "office_extend",
    "office_remind",
    "report_form",
]
