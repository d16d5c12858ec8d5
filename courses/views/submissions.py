"""A period's report: the center prepares it and its director signs and
submits it (or withdraws it); the office approves it, returns it with a
comment, or reopens it with a reason. One page per center and period, the
same for both sides; what each person may do there follows their role,
and the services check it again. Figures, deadline and verdict come from
the reporting read model, as on every other page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from centers.models import LearningCenter
from courses import scoping, services
from courses.forms import ReopenForm, ReturnForm, SubmissionForm
from courses.models import Submission, SubmissionStatus
from courses.periods import InvalidPeriod, Period
from courses.reporting import Figures, center_period
from courses.selectors import by_year, center_periods
from courses.views.records import _visible_center

__all__ = ["parse_period", "submission_detail", "submission_list"]

DONE = {
    SubmissionStatus.DRAFT: gettext_lazy("The draft is saved."),
    SubmissionStatus.SUBMITTED: gettext_lazy("The report is signed and sent to the office."),
    SubmissionStatus.APPROVED: gettext_lazy("The report is approved; its period is now locked."),
    SubmissionStatus.RETURNED: gettext_lazy("The report is sent back to the center."),
}
ACTIONS = {"prepare", "submit", "withdraw", "approve", "return", "reopen"}
# Steps that are asked twice: the first press shows what is about to happen
# and a "Confirm" button (a plain form, so it works without JavaScript).
CONFIRMED = {"submit", "withdraw", "approve", "return", "reopen"}
CONFIRM_TITLES = {
    "submit": gettext_lazy("Sign and submit the report?"),
    "withdraw": gettext_lazy("Withdraw the report?"),
    "approve": gettext_lazy("Approve the report?"),
    "return": gettext_lazy("Return the report to the center?"),
    "reopen": gettext_lazy("Reopen the approved period?"),
}


def parse_period(text: str) -> Period:
    """A period from a URL; an unknown one is a 404 that says why."""
    try:
        return Period.parse(text)
    except InvalidPeriod as error:
        raise Http404(str(error)) from error


def _center_period(center: LearningCenter, text: str) -> Period:
    """A period the center lived some of; otherwise a 404 that says why."""
    period = parse_period(text)
    if period.end < center.established_on or (center.closed_on and period.start > center.closed_on):
        raise Http404(
            _("%(center)s did not operate during %(period)s (it operated %(start)s – %(end)s).")
            % {
                "center": center.name,
                "period": period.label,
                "start": date_format(center.established_on, "SHORT_DATE_FORMAT"),
                "end": date_format(center.closed_on, "SHORT_DATE_FORMAT")
                if center.closed_on
                else "…",
            }
        )
    return period


@login_required
@require_safe
def submission_list(request: HttpRequest, center_pk: int) -> HttpResponse:
    """The periods the center reports on, with where each report stands."""
    center = _visible_center(request, center_pk)
    today = timezone.localdate()
    rows = center_periods(center, today=today, viewer=request.user)
    return render(
        request,
        "courses/submission_list.html",
        {"center": center, "years": by_year(rows), "today": today},
    )


def _forms(request: HttpRequest, submission: Submission | None) -> dict:
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if data else None
    initial = {}
    if submission:
        initial = {"nothing_to_report": submission.nothing_to_report, "note": submission.note}
    # Only the form that was posted is bound; the others stay empty.
    return {
        "report": SubmissionForm(
            data if action in {"prepare", "submit"} else None, initial=initial
        ),
        "return": ReturnForm(data if action == "return" else None),
        "reopen": ReopenForm(data if action == "reopen" else None),
    }


def _run(request, center, period: Period, submission: Submission | None, forms: dict):
    """Run the POSTed action through its service; return the submission, or
    None with the refusal put beside the form (which keeps what was typed)."""
    action, actor = request.POST.get("action"), request.user
    if action not in ACTIONS:
        raise Http404(_("Unknown action."))
    if action in {"withdraw", "approve", "return", "reopen"} and submission is None:
        raise Http404(_("There is no report for this period yet."))
    form = {"prepare": forms["report"], "submit": forms["report"]}.get(action) or forms.get(action)
    if form is not None and not form.is_valid():
        return None
    fields = form.cleaned_data if form is not None else {}
    try:
        if _needs_confirmation(request, center, period, fields):
            return CONFIRM
        return _step(action, actor, center, period, submission, fields)
    except ValidationError as error:
        if form is None:
            for message in error.messages:
                messages.error(request, message)
        else:
            form.add_error(None, error)
        return None


CONFIRM = object()  # `_run`'s answer when the step must be confirmed first


def _step(action: str, actor, center, period: Period, submission, fields: dict) -> Submission:
    if action == "prepare":
        return services.submission_prepare(actor=actor, center=center, period=period, **fields)
    if action == "submit":
        return services.submission_submit(actor=actor, center=center, period=period, **fields)
    if action == "withdraw":
        return services.submission_withdraw(actor=actor, submission=submission)
    if action == "approve":
        return services.submission_approve(actor=actor, submission=submission)
    if action == "return":
        return services.submission_return(actor=actor, submission=submission, **fields)
    return services.submission_reopen(actor=actor, submission=submission, **fields)


def _needs_confirmation(request, center, period: Period, fields: dict) -> bool:
    """Whether this press is the first of a step asked twice. Whoever could
    not take the step is refused at once (403), and a report that could not
    be signed says why, before any confirmation."""
    action = request.POST["action"]
    if action not in CONFIRMED or request.POST.get("confirmed") == "yes":
        return False
    _may_act(request.user, center, period, action)
    if action == "submit":
        services.submission_check(
            center=center,
            period=period,
            nothing_to_report=fields["nothing_to_report"],
            today=timezone.localdate(),
        )
    return True


def _may_act(actor, center, period: Period, action: str) -> None:
    """Refuse at once (403) whoever could not take the step, rather than
    after the confirmation."""
    today = timezone.localdate()
    if action in {"submit", "withdraw"}:
        allowed = scoping.may_submit(actor, center, period, today=today)
    else:
        allowed = scoping.may_decide(actor, center, period)
    if not allowed:
        raise PermissionDenied(_("You cannot take this step on this report."))


def _confirm_page(request, center, period: Period, row) -> HttpResponse:
    """The second step: what is about to happen, the figures it concerns,
    and the same form again with "confirmed" — or a way back."""
    action = request.POST["action"]
    posted = [
        (name, value)
        for name, value in request.POST.items()
        if name not in {"csrfmiddlewaretoken", "confirmed"}
    ]
    return render(
        request,
        "courses/submission_confirm.html",
        {
            "center": center,
            "period": period,
            "row": row,
            "action": action,
            "title": CONFIRM_TITLES[action],
            "posted": posted,
        },
    )


def _signed(request, center, period: Period, submission: Submission | None):
    """The figures and courses as the director signed them, for whoever may
    read every record of the period (they may include another term's)."""
    if not (submission and submission.figures):
        return None, []
    if not scoping.reads_whole_period(request.user, center, period):
        return None, []
    return Figures.from_dict(submission.figures), submission.course_rows


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request: HttpRequest, center_pk: int, period_key: str) -> HttpResponse:
    center = _visible_center(request, center_pk)
    period = _center_period(center, period_key)
    today = timezone.localdate()
    reports = Submission.objects.filter(center=center).for_period(period)
    submission = reports.first()
    forms = _forms(request, submission)
    if request.method == "POST":
        done = _run(request, center, period, submission, forms)
        if done is CONFIRM:
            row = center_period(viewer=request.user, center=center, period=period, today=today)
            return _confirm_page(request, center, period, row)
        if done is not None:
            messages.success(request, DONE[done.status])
            return redirect(done)
        submission = reports.first()
    row = center_period(viewer=request.user, center=center, period=period, today=today)
    signed, signed_rows = _signed(request, center, period, submission)
    events = submission.events.select_related("actor", "office") if submission else []
    return render(
        request,
        "courses/submission_detail.html",
        {
            "center": center,
            "period": period,
            "submission": submission,
            "row": row,
            "figures": row.figures,
            "signed": signed,
            "signed_rows": signed_rows,
            "signed_differs": signed is not None and signed != row.figures,
            "can_prepare": scoping.may_prepare(request.user, center, period, today=today),
            "can_submit": scoping.may_submit(request.user, center, period, today=today),
            "can_decide": scoping.may_decide(request.user, center, period),
            "period_over": period.is_over_on(today),
            "form": forms["report"],
            "return_form": forms["return"],
            "reopen_form": forms["reopen"],
            "events": events,
        },
    )
