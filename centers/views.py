import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from centers.account_services import account_password_reset, account_unlock
from centers.forms import AsOfForm
from centers.models import LearningCenter, Office, User
from centers.selectors import accounts_managed_by, center_rows
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
@require_GET
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
@require_GET
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


# -- the office's help with accounts (no working email, locked out) -----------


def _account_office(request: HttpRequest, office_pk: int) -> Office:
    return get_object_or_404(Office.objects.visible_to(request.user), pk=office_pk)


@login_required
@require_GET
def office_accounts(request: HttpRequest, office_pk: int) -> HttpResponse:
    """The accounts of the centers under the office: locked or not, with a
    new password and an unlock button each."""
    office = _account_office(request, office_pk)
    users = list(accounts_managed_by(request.user, office))
    locked = set(
        AccessAttempt.objects.filter(
            username__in=[u.username for u in users],
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        ).values_list("username", flat=True)
    )
    rows = [(user, user.username in locked) for user in users]
    return render(request, "centers/office_accounts.html", {"office": office, "rows": rows})


def _account(request: HttpRequest, office: Office, user_pk: int) -> User:
    return get_object_or_404(accounts_managed_by(request.user, office), pk=user_pk)


@login_required
@require_POST
def office_account_password(request: HttpRequest, office_pk: int, user_pk: int) -> HttpResponse:
    office = _account_office(request, office_pk)
    user = _account(request, office, user_pk)
    password = account_password_reset(actor=request.user, office=office, user=user)
    # Shown once, on this response: never stored in the session or a message.
    response = render(
        request,
        "centers/password_issued.html",
        {"office": office, "account": user, "password": password},
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def office_account_unlock(request: HttpRequest, office_pk: int, user_pk: int) -> HttpResponse:
    office = _account_office(request, office_pk)
    user = _account(request, office, user_pk)
    account_unlock(actor=request.user, office=office, user=user)
    messages.success(request, _("%(user)s can sign in again.") % {"user": user})
    return redirect("centers:office_accounts", office_pk=office.pk)
