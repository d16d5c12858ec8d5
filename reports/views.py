"""The office workspace: the completeness dashboard (the office user's
home) and one-click reminders. Everything starts from the scoping
functions of `centers`; an office the user does not work at is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from centers import views as center_views
from centers.models import LearningCenter, Office
from courses import views as course_views
from courses.periods import InvalidPeriod, Period
from reports import services
from reports.filters import OfficeDashboardFilter
from reports.forms import RemindForm
from reports.selectors import (
    Status,
    collected_kinds,
    completeness,
    default_period,
    office_deadline,
    office_rows,
    period_choices,
)
from reports.tables import MissingTable, OfficeDashboardTable

PER_PAGE = 50


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Each user's own work: center staff their center's dashboard, office
    staff their office's dashboard, others the centers' home (administrators
    see every center; a user without a role is told so)."""
    today = timezone.localdate()
    if request.user.appointments.current(today).exists():
        return course_views.home(request)
    office = _home_office(request, today)
    if office is not None:
        return redirect("reports:office_dashboard", office_pk=office.pk)
    return center_views.center_list(request)


def _home_office(request: HttpRequest, today) -> Office | None:
    offices = list(request.user.offices.order_by("-valid_from", "name"))
    current = [office for office in offices if office.is_valid_on(today)]
    return (current or offices or [None])[0]


def _period(request: HttpRequest, office: Office, kinds: list[str], today) -> Period:
    """The period asked for in ?period=, or the default; a bad one is said."""
    default = default_period(office, kinds, today=today)
    text = request.GET.get("period", "").strip()
    if not text:
        return default
    try:
        period = Period.parse(text)
    except InvalidPeriod as error:
        messages.error(request, str(error))
        return default
    if period.end < office.valid_from or (office.valid_until and period.start > office.valid_until):
        messages.error(
            request,
            _("%(office)s did not supervise centers during %(period)s.")
            % {"office": office.name, "period": period.label},
        )
        return default
    return period


@login_required
@require_GET
def office_dashboard(request: HttpRequest, office_pk: int) -> HttpResponse:
    office = get_object_or_404(
        Office.objects.visible_to(request.user).select_related("unit"), pk=office_pk
    )
    today = timezone.localdate()
    kinds = collected_kinds(office)
    period = _period(request, office, kinds, today)
    deadline = office_deadline(office, period)
    rows = office_rows(
        office,
        period,
        centers=LearningCenter.objects.visible_to(request.user),
        deadline=deadline,
        today=today,
    )
    filtered = OfficeDashboardFilter(request.GET or None, queryset=rows)
    table = OfficeDashboardTable(filtered.qs, period_key=period.key, prefix="c-")
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    missing = MissingTable(rows.filter(report_state__in=Status.MISSING), prefix="m-")
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(missing)
    return render(
        request,
        "reports/office_dashboard.html",
        {
            "office": office,
            "period": period,
            "periods": period_choices(office, kinds, today=today),
            "deadline": deadline,
            "day": office.scope_date(period.end),
            "filter": filtered,
            "table": table,
            "missing": missing,
            "counts": completeness(rows),
        },
    )


@login_required
@require_POST
def office_remind(request: HttpRequest, office_pk: int) -> HttpResponse:
    office = get_object_or_404(Office.objects.visible_to(request.user), pk=office_pk)
    form = RemindForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reminder could not be read; try again."))
        return redirect("reports:office_dashboard", office_pk=office.pk)
    center = get_object_or_404(
        LearningCenter.objects.visible_to(request.user), pk=form.cleaned_data["center"]
    )
    back = reverse("reports:office_dashboard", args=[office.pk])
    try:
        period = Period.parse(form.cleaned_data["period"])
    except InvalidPeriod as error:
        messages.error(request, str(error))
        return redirect(back)
    back += "?" + urlencode({"period": period.key})
    try:
        reminder = services.reminder_send(
            actor=request.user, office=office, center=center, period=period
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    if reminder.message.published is False:
        messages.warning(
            request,
            _(
                "Reminder to %(recipient)s for %(center)s recorded. The mail service is "
                "unavailable right now; the mail will go out automatically when it is back."
            )
            % {"recipient": reminder.recipient, "center": center.name},
        )
    else:
        messages.success(
            request,
            _("Reminder sent to %(recipient)s for %(center)s.")
            % {"recipient": reminder.recipient, "center": center.name},
        )
    return redirect(back)
