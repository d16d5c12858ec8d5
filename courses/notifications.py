"""Who is told when a period report moves, and what they read: the office's
report addresses when a center submits; the center's director when the
office returns (with its comment) or approves. Each mail goes through the
outbox (`outbox.services.message_enqueue`) in the transaction of the step
itself — sent after the commit, once (a dedupe key per event and
recipient), recorded and visible in the admin."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from centers.models import Office
from courses.models import Submission, SubmissionAction, SubmissionEvent
from courses.periods import Period
from outbox.services import message_enqueue


def _link(submission: Submission) -> str:
    path = reverse("courses:submission", args=[submission.center_id, submission.period.key])
    return settings.SITE_URL.rstrip("/") + path


def office_for(submission: Submission) -> Office | None:
    """The office a report is sent to: the nearest office above the center
    during the period that collects its kind (for a campaign, or when none
    does, the nearest office above it)."""
    period = submission.period
    offices = (
        Office.objects.over(submission.center.unit, period.start, period.end)
        .select_related("unit")
        .prefetch_related("collected_periods")
    )
    offices = sorted(offices, key=lambda office: len(office.unit.path), reverse=True)
    collecting = [
        o for o in offices if any(r.kind == period.kind for r in o.collected_periods.all())
    ]
    return (collecting or offices or [None])[0]


def _director_address(submission: Submission) -> str:
    """The director's address: the center's director today (on its last day
    once it has closed), else the account that signed, else the center's."""
    center = submission.center
    today = timezone.localdate()
    director = center.director_on(min(today, center.closed_on) if center.closed_on else today)
    if director is not None and director.email:
        return director.email
    signer = submission.submitted_by
    return (signer.email if signer is not None else "") or center.email


def _recipients(submission: Submission, event: SubmissionEvent) -> list[str]:
    if event.action == SubmissionAction.SUBMITTED:
        office = office_for(submission)
        return office.recipient_list if office else []
    if event.action in (SubmissionAction.RETURNED, SubmissionAction.APPROVED):
        address = _director_address(submission)
        return [address] if address else []
    return []


TEMPLATES = {
    SubmissionAction.SUBMITTED: "courses/email/report_submitted.txt",
    SubmissionAction.RETURNED: "courses/email/report_returned.txt",
    SubmissionAction.APPROVED: "courses/email/report_approved.txt",
}


def _subject(submission: Submission, event: SubmissionEvent, period: Period) -> str:
    values = {"center": submission.center.name, "period": period.label}
    if event.action == SubmissionAction.SUBMITTED:
        return _("%(center)s submitted its report for %(period)s") % values
    if event.action == SubmissionAction.RETURNED:
        return _("Your report for %(period)s was returned — %(center)s") % values
    return _("Your report for %(period)s was approved — %(center)s") % values


def notify(submission: Submission, event: SubmissionEvent) -> int:
    """Put in the outbox the mails this step sends; returns how many."""
    if event.action not in TEMPLATES:
        return 0
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        period = submission.period
        context = {"submission": submission, "event": event, "period": period}
        body = render_to_string(TEMPLATES[event.action], context | {"link": _link(submission)})
        subject = _subject(submission, event, period)
    for recipient in dict.fromkeys(_recipients(submission, event)):
        message_enqueue(
            kind=f"report_{event.action}",
            recipient=recipient,
            subject=subject,
            body=body,
            dedupe_key=f"submission-event:{event.pk}:{recipient}",
        )
        sent += 1
    return sent
