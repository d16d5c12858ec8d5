"""The office workspace: the completeness dashboard (the office user's
home), one-click reminders and deadline extensions. Everything starts from
the scoping functions of `centers`; an office the user does not work at is
a 404. The dashboard's rows, deadlines, verdicts and totals are the
reporting read model's (`courses.reporting`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from centers import views as center_views
from centers.models import LearningCenter, Office
from courses import services as course_services
from courses import views as course_views
from courses.periods import InvalidPeriod, Period
from reports import services
from reports.filters import OfficeDashboardFilter
from reports.forms import ExtendForm, RemindForm
from reports.selectors import (
    collected_kinds,
    default_period,
    office_report,
    period_choices,
    period_is_in_office_life,
    waiting_periods,
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
    if office is None and request.user.appointments.exists():
        return course_views.home(request)  # a former director: his past centers
    if office is not None:
        return redirect("reports:office_dashboard", office_pk=office.pk)
    return center_views.center_list(request)


def _home_office(request: HttpRequest, today) -> Office | None:
    offices = list(request.user.offices.order_by("-valid_from", "name"))
    current = [office for office in offices if office.is_valid_on(today)]
    return (current or offices or [None])[0]


def _office(request: HttpRequest, office_pk: int) -> Office:
    offices = Office.objects.visible_to(request.user).select_related("unit")
    return get_object_or_404(offices, pk=office_pk)


def _period(request: HttpRequest, office: Office, kinds: list[str], today, text: str) -> Period:
    """The period asked for (?period=, or the extension form's), or the
    default; a bad one is said."""
    text = text.strip()
    if not text:
        return default_period(office, kinds, today=today)
    try:
        period = Period.parse(text)
    except InvalidPeriod as error:
        messages.error(request, str(error))
        return default_period(office, kinds, today=today)
    if not period_is_in_office_life(office, period):
        messages.error(
            request,
            _("%(office)s did not supervise centers during %(period)s.")
            % {"office": office.name, "period": period.label},
        )
        return default_period(office, kinds, today=today)
    return period


@login_required
@require_GET
def office_dashboard(request: HttpRequest, office_pk: int) -> HttpResponse:
    office = _office(request, office_pk)
    return _dashboard_page(request, office, request.GET.get("period", ""))


def _dashboard_page(
    request: HttpRequest, office: Office, period_text: str, extend_form: ExtendForm | None = None
) -> HttpResponse:
    """The dashboard of a period; with `extend_form`, the deadline form as
    the user filled it in, with its errors (a refused extension)."""
    today = timezone.localdate()
    kinds = collected_kinds(office)
    period = _period(request, office, kinds, today, period_text)
    report = office_report(office, period, viewer=request.user, today=today)
    filters = OfficeDashboardFilter(request.GET or None)
    groups = report.groups
    table = OfficeDashboardTable(
        filters.apply(report.rows), period=period, show_group=len(groups) > 1, prefix="c-"
    )
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    missing = MissingTable(report.missing, prefix="m-")
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(missing)
    centers = [row.center for row in report.rows if row.expected]
    if extend_form is None:
        extend_form = ExtendForm(initial={"period": period.key}, centers=centers)
    else:
        extend_form.offer(centers)
    return render(
        request,
        "reports/office_dashboard.html",
        {
            "office": office,
            "period": period,
            "periods": period_choices(office, kinds, today=today),
            "report": report,
            "groups": groups if len(groups) > 1 else [],
            "deadlines": sorted({row.deadline for row in report.rows if row.deadline}),
            "filter": filters,
            "table": table,
            "missing": missing,
            "counts": report.counts,
            # The "Tải Excel" link: the period and filters shown.
            "export_query": urlencode(
                {"period": period.key}
                | {k: v for k, v in request.GET.items() if k in filters.fields and v}
            ),
            "extend_form": extend_form,
            "waiting": waiting_periods(office, kinds, today=today),
        },
    )


def _back(office: Office, period_text: str) -> str:
    return (
        reverse("reports:office_dashboard", args=[office.pk])
        + "?"
        + urlencode({"period": period_text})
    )


@login_required
@require_POST
def office_remind(request: HttpRequest, office_pk: int) -> HttpResponse:
    office = _office(request, office_pk)
    form = RemindForm(request.POST)
    if not form.is_valid():
        # Hidden fields the page fills in: an error here is a stale or
        # altered page, said with the fields' own messages.
        messages.error(request, _("The reminder could not be read; try again."))
        for error in form.errors.values():
            messages.error(request, " ".join(error))
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
    back = _back(office, period.key)
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


@login_required
@require_POST
def office_extend(request: HttpRequest, office_pk: int) -> HttpResponse:
    """Extend the period's deadline for every center under the office, or
    for one; a refusal shows the dashboard again with the form as it was
    filled in and the reason beside the field concerned."""
    office = _office(request, office_pk)
    centers = LearningCenter.objects.visible_to(request.user)
    form = ExtendForm(request.POST, centers=centers.filter(pk=_int(request.POST.get("center"))))
    if not form.is_valid():
        return _refused_extension(request, office, form)
    try:
        period = Period.parse(form.cleaned_data["period"])
    except InvalidPeriod as error:
        form.add_error("period", str(error))
        return _refused_extension(request, office, form)
    center = None
    if form.cleaned_data["center"]:
        center = get_object_or_404(centers, pk=form.cleaned_data["center"])
    try:
        course_services.deadline_extend(
            actor=request.user,
            office=office,
            period=period,
            center=center,
            deadline=form.cleaned_data["deadline"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _refused_extension(request, office, form)
    messages.success(
        request,
        _("The deadline of %(period)s is extended to %(day)s.")
        % {
            "period": period.label,
            "day": date_format(form.cleaned_data["deadline"], "SHORT_DATE_FORMAT"),
        },
    )
    return redirect(_back(office, period.key))


def _refused_extension(request: HttpRequest, office: Office, form: ExtendForm) -> HttpResponse:
    """The dashboard again, with the extension form as it was filled in
    and why it was refused, beside its fields."""
    return _dashboard_page(request, office, form.data.get("period", "")[:80], form)


def _int(text) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
