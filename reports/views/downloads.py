"""Report downloads: the office dashboard's "Tải Excel", the reports page
(kind, unit, period), a center's period report from its page, and the
background exports of the large ones (status page, download for the
requester only). Scope first, always: a unit, center or period outside the
user's is a 404 that says why."""

import io

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from centers.models import AdministrativeUnit
from courses.periods import Period
from courses.views.records import _visible_center
from courses.views.submissions import _center_period
from reports import exports, services
from reports.exports import CSV, XLSX, ReportError, ReportKind, ReportRequest
from reports.filters import OfficeDashboardFilter
from reports.forms import ReportForm
from reports.models import Export, ExportStatus, exports_storage
from reports.selectors import (
    collected_kinds,
    default_period,
    period_choices,
    period_is_in_office_life,
)
from reports.views.office import _office


def _deliver(request: HttpRequest, report: ReportRequest) -> HttpResponse:
    """The file at once, or — over EXPORT_SYNC_MAX_ROWS data rows — a
    background export and its status page."""
    user, today = request.user, timezone.localdate()
    try:
        exports.check_scope(user, report)
        rows = exports.row_count(user, report)
        if rows > settings.EXPORT_SYNC_MAX_ROWS:
            export = services.export_request(requester=user, request=report, rows=rows, today=today)
            return redirect(export)
        document = exports.document(user, report, today=today, preparer=user.full_name)
    except ReportError as error:
        raise Http404(str(error)) from error
    buffer = io.BytesIO()
    exports.write(document, report.format, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=exports.CONTENT_TYPES[report.format])
    name = exports.filename(document, report.format)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _format(request: HttpRequest) -> str:
    return CSV if request.GET.get("format") == CSV else XLSX


@login_required
@require_safe
def office_export(request: HttpRequest, office_pk: int) -> HttpResponse:
    """The office dashboard's "Tải Excel": the center summary of the office's
    unit for the period and filters the dashboard shows."""
    office = _office(request, office_pk)
    text = request.GET.get("period", "").strip()
    try:
        period = exports.parse_period(text) if text else None
    except ReportError as error:
        raise Http404(str(error)) from error
    if period is None:
        period = default_period(office, collected_kinds(office), today=timezone.localdate())
    if not period_is_in_office_life(office, period):
        raise Http404(
            _("%(office)s did not supervise centers during %(period)s.")
            % {"office": office.name, "period": period.label}
        )
    filters = OfficeDashboardFilter(request.GET)
    pairs = ()
    if filters.is_valid():
        pairs = tuple((k, v) for k, v in sorted(filters.cleaned_data.items()) if v)
    report = ReportRequest(
        kind=ReportKind.SUMMARY,
        period=period,
        unit=office.unit,
        filters=pairs,
        format=_format(request),
    )
    return _deliver(request, report)


def _office_user(request: HttpRequest) -> None:
    if not (request.user.is_superuser or request.user.offices.exists()):
        raise Http404(_("Reports across centers are for education offices."))


@login_required
@require_safe
def report_form(request: HttpRequest) -> HttpResponse:
    """Pick a report, a unit within your offices' and a period; download it."""
    _office_user(request)
    units = exports.office_units(request.user)
    offices = list(request.user.offices.all()) if not request.user.is_superuser else []
    periods = _period_suggestions(offices)
    form = ReportForm(
        request.GET if "kind" in request.GET else None,
        kinds=[(k, v) for k, v in ReportKind.CHOICES if k in ReportKind.OFFICE],
        units=units,
        periods=periods,
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            period = exports.parse_period(data["period"])
        except ReportError as error:
            form.add_error("period", str(error))
        else:
            unit = AdministrativeUnit.objects.filter(pk=data["unit"]).first()
            if unit is None:
                raise Http404(_("There is no such administrative unit."))
            report = ReportRequest(
                kind=data["kind"],
                period=period,
                unit=unit,
                roll_up=data["roll_up"],
                format=data["format"],
            )
            return _deliver(request, report)
    recent = Export.objects.filter(requested_by=request.user)[:10]
    return render(
        request,
        "reports/report_form.html",
        {"form": form, "periods": periods, "exports": recent},
    )


def _period_suggestions(offices) -> list[Period]:
    """The periods the user's offices collect (the dashboard's choices),
    offered as suggestions beside the free text."""
    today = timezone.localdate()
    seen, periods = set(), []
    for office in offices:
        for _label, group in period_choices(office, collected_kinds(office), today=today):
            for period in group[:12]:
                if period.key not in seen:
                    seen.add(period.key)
                    periods.append(period)
    return periods


@login_required
@require_safe
def center_report_export(request: HttpRequest, center_pk: int, period_key: str) -> HttpResponse:
    """A center's period report, as its director prints, signs and stamps
    it (for a report in the office's hands: the figures as signed)."""
    center = _visible_center(request, center_pk)
    period = _center_period(center, period_key)
    report = ReportRequest(
        kind=ReportKind.CENTER, period=period, center=center, format=_format(request)
    )
    return _deliver(request, report)


def _own_export(request: HttpRequest, pk: int) -> Export:
    """An export of the requester's own; anybody else's is a 404."""
    return get_object_or_404(Export.objects.filter(requested_by=request.user), pk=pk)


@login_required
@require_safe
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    export = _own_export(request, pk)
    return render(request, "reports/export_status.html", {"export": export})


@login_required
@require_safe
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    export = _own_export(request, pk)
    storage = exports_storage()
    if export.status != ExportStatus.DONE or not storage.exists(export.file.name):
        raise Http404(_("This export is not ready, or it has expired."))
    return FileResponse(
        storage.open(export.file.name, "rb"), as_attachment=True, filename=export.filename
    )
