"""The browser flow of an import: download the template, upload the filled
file, read the dry run's problems by row and column, confirm, see the
result; the list of one's batches, each of which can be undone."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from centers.models import LearningCenter
from imports import services
from imports.forms import UploadForm
from imports.models import BatchStatus, ImportBatch, ImportKind
from imports.selectors import batch_rows, template_workbook
from imports.tables import BatchTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILENAMES = {
    ImportKind.CENTERS: "mau-nhap-trung-tam.xlsx",
    ImportKind.APPOINTMENTS: "mau-nhap-can-bo.xlsx",
    ImportKind.COURSES: "mau-nhap-lop-hoc.xlsx",
}


def _kind(request: HttpRequest, kind: str) -> str:
    """The import kind of the URL, if the user may import it (404 for an
    unknown kind, 403 for one that is not theirs)."""
    if kind not in ImportKind.values:
        raise Http404
    if not services.may_import(request.user, kind):
        raise PermissionDenied(_("You cannot import this list."))
    return kind


def _center(request: HttpRequest, kind: str) -> LearningCenter | None:
    """The center a course import is for (`?center=`), within the user's
    reach; None for a file that names its centers."""
    raw = request.GET.get("center") or request.POST.get("center")
    if kind != ImportKind.COURSES or not raw or not str(raw).isdigit():
        return None
    return get_object_or_404(services.importable_centers(request.user), pk=raw)


@login_required
@require_GET
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind(request, kind)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{FILENAMES[kind]}"'
    template_workbook(kind, request.user).save(response)
    return response


@login_required
def import_upload(request: HttpRequest, kind: str) -> HttpResponse:
    """GET: the upload form; POST: the dry run, kept as a checked batch
    with its file until it is confirmed."""
    kind = _kind(request, kind)
    center = _center(request, kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        result = services.import_check(
            kind=kind, content=content, filename=upload.name, actor=request.user, center=center
        )
        batch = ImportBatch.objects.create(
            kind=kind,
            status=BatchStatus.CHECKED if result.ok else BatchStatus.REFUSED,
            created_by=request.user,
            center=center,
            filename=upload.name[:255],
            sha256=result.sha256,
            content=content if result.ok else b"",
            rows=result.rows,
            created=result.created,
            skipped=result.skipped,
            problems=services.problems_as_dicts(result.problems),
        )
        return redirect(batch)
    context = {"form": form, "kind": kind, "label": ImportKind(kind).label, "center": center}
    return render(request, "imports/upload.html", context)


def _visible_batch(request: HttpRequest, pk: int) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=pk)


@login_required
@require_GET
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _visible_batch(request, pk)
    context = {
        "batch": batch,
        "mine": batch.created_by_id == request.user.pk,
        "may_undo": batch.status == BatchStatus.DONE
        and (request.user.is_superuser or batch.created_by_id == request.user.pk),
        "keep_hours": settings.IMPORT_CHECKED_KEEP_HOURS,
    }
    return render(request, "imports/batch_detail.html", context)


@login_required
@require_POST
def batch_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Import the checked file for real. Whatever changed since the dry run
    (a period locked meanwhile) is checked again: with any problem nothing
    is written and the batch shows them."""
    batch = _visible_batch(request, pk)
    try:
        result = services.batch_confirm(actor=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    if result.ok:
        messages.success(
            request,
            _("Imported: %(new)s created, %(present)s already present.")
            % {"new": result.created, "present": result.skipped},
        )
        return redirect(result.batch)
    messages.error(request, _("Nothing was imported; see the problems below."))
    return redirect(batch)


@login_required
@require_POST
def batch_undo(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _visible_batch(request, pk)
    try:
        deleted = services.batch_undo(actor=request.user, batch=batch)
    except ValidationError as error:
        messages.error(
            request,
            _("The import cannot be undone: %(reasons)s") % {"reasons": " ".join(error.messages)},
        )
        return redirect(batch)
    messages.success(request, _("Undone: %(count)s records deleted.") % {"count": deleted})
    return redirect(batch)


@login_required
@require_GET
def batch_list(request: HttpRequest) -> HttpResponse:
    table = BatchTable(batch_rows(request.user))
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    kinds = [
        (kind, label)
        for kind, label in ImportKind.choices
        if services.may_import(request.user, kind)
    ]
    return render(request, "imports/batch_list.html", {"table": table, "kinds": kinds})
