"""A period's report: the center prepares it and its director signs and
submits it; the office approves it (locking the period), returns it with a
comment, or reopens it with a reason. One page per center and period, the
same for both sides; what each person may do there follows their role,
and the services check it again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from courses import scoping, services
from courses.forms import ReopenForm, ReturnForm, SubmissionForm
from courses.models import Submission, SubmissionStatus
from courses.periods import InvalidPeriod, Period
from courses.selectors import center_periods, deadline_for, is_late, period_figures
from courses.views.records import _visible_center

__all__ = ["submission_detail", "submission_list"]

DONE = {
    SubmissionStatus.DRAFT: gettext_lazy("The draft is saved."),
    SubmissionStatus.SUBMITTED: gettext_lazy("The report is signed and sent to the office."),
    SubmissionStatus.APPROVED: gettext_lazy("The report is approved; its period is now locked."),
    SubmissionStatus.RETURNED: gettext_lazy("The report is sent back to the center."),
}


def parse_period(text: str) -> Period:
    """A period from a URL; an unknown one is a 404 that says why."""
    try:
        return Period.parse(text)
    except InvalidPeriod as error:
        raise Http404(str(error)) from error


@login_required
def submission_list(request: HttpRequest, center_pk: int) -> HttpResponse:
    """The periods the center reports on, with where each report stands."""
    center = _visible_center(request, center_pk)
    today = timezone.localdate()
    rows = center_periods(center, today=today)
    return render(
        request, "courses/submission_list.html", {"center": center, "rows": rows, "today": today}
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
    form = {"prepare": forms["report"], "submit": forms["report"]}.get(action) or forms.get(action)
    if action not in {"prepare", "submit", "approve", "return", "reopen"}:
        raise Http404(_("Unknown action."))
    if action in {"approve", "return", "reopen"} and submission is None:
        raise Http404(_("There is no report for this period yet."))
    if form is not None and not form.is_valid():
        return None
    fields = form.cleaned_data if form is not None else {}
    try:
        if action == "prepare":
            return services.submission_prepare(actor=actor, center=center, period=period, **fields)
        if action == "submit":
            return services.submission_submit(actor=actor, center=center, period=period, **fields)
        if action == "approve":
            return services.submission_approve(actor=actor, submission=submission)
        if action == "return":
            return services.submission_return(actor=actor, submission=submission, **fields)
        return services.submission_reopen(actor=actor, submission=submission, **fields)
    except ValidationError as error:
        if form is None:
            for message in error.messages:
                messages.error(request, message)
        else:
            form.add_error(None, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request: HttpRequest, center_pk: int, period_key: str) -> HttpResponse:
    center = _visible_center(request, center_pk)
    period = parse_period(period_key)
    submission = Submission.objects.filter(center=center).for_period(period).first()
    forms = _forms(request, submission)
    if request.method == "POST":
        done = _run(request, center, period, submission, forms)
        if done is not None:
            messages.success(request, DONE[done.status])
            return redirect(done)
        submission = Submission.objects.filter(center=center).for_period(period).first()
    deadline = deadline_for(center, period)
    return render(
        request,
        "courses/submission_detail.html",
        {
            "center": center,
            "period": period,
            "submission": submission,
            "figures": period_figures(center, period),
            "deadline": deadline,
            "late": is_late(submission, deadline, today=timezone.localdate()),
            "can_prepare": scoping.may_prepare(request.user, center, period),
            "can_submit": scoping.may_submit(request.user, center, period),
            "can_decide": scoping.may_decide(request.user, center, period),
            "form": forms["report"],
            "return_form": forms["return"],
            "reopen_form": forms["reopen"],
            "history": submission.history.select_related("history_user")[:20] if submission else [],
        },
    )
