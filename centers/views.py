import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django_tables2 import RequestConfig

from centers.forms import AsOfForm
from centers.models import LearningCenter, Office
from centers.selectors import center_rows
from centers.tables import AppointmentTable, CenterTable

PER_PAGE = 25


def _as_of(request: HttpRequest) -> tuple[AsOfForm, datetime.date | None]:
    form = AsOfForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["on"]
    return form, None


def _office_table(request, office: Office, on: datetime.date | None) -> dict:
    day = office.scope_date(on)
    centers = LearningCenter.objects.visible_to(request.user).under_office(office, on=day)
    table = CenterTable(
        center_rows(centers.active_on(day), on=day), on=day, prefix=f"o{office.pk}-"
    )
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return {"office": office, "day": day, "table": table}


@login_required
def center_list(request: HttpRequest) -> HttpResponse:
    """The centers a user looks after, as of a date: center staff their
    centers, office staff their offices' centers, administrators every
    center; nothing without a role. Also the home of users who are neither
    center nor office staff."""
    today = timezone.localdate()
    form, on = _as_of(request)
    appointments = request.user.appointments.current(today).select_related("center__unit__parent")
    offices = request.user.offices.select_related("unit").order_by("name")
    office_tables = [_office_table(request, office, on) for office in offices]
    all_centers = None
    if request.user.is_superuser and not office_tables:
        day = on or today
        all_centers = CenterTable(
            center_rows(LearningCenter.objects.visible_to(request.user).active_on(day), on=day),
            on=day,
        )
        RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(all_centers)
    return render(
        request,
        "centers/home.html",
        {
            "form": form,
            "today": today,
            "appointments": appointments,
            "office_tables": office_tables,
            "all_centers": all_centers,
        },
    )


@login_required
def center_detail(request: HttpRequest, pk: int) -> HttpResponse:
    centers = LearningCenter.objects.visible_to(request.user).select_related("unit__parent__parent")
    center = get_object_or_404(centers, pk=pk)
    appointments = AppointmentTable(center.appointments.order_by("-start_date", "role"))
    return render(
        request,
        "centers/center_detail.html",
        {
            "center": center,
            "appointments": appointments,
            "predecessors": center.predecessors.visible_to(request.user).select_related("unit"),
            "successors": center.successors.visible_to(request.user).select_related("unit"),
            "director": center.director_on(timezone.localdate()),
        },
    )
