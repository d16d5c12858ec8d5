"""A period report's life: the center prepares it, its director signs and
submits it (freezing its figures) or withdraws it, the office approves it,
returns it with a comment, or reopens an approved period; offices extend
deadlines. Each step takes the center's row lock first — as every write to
its records does — then the report's row, checks who may act and the
report's state, and records an event (who, when, what they wrote)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centers.models import LearningCenter, Office, User
from courses.models import (
    DeadlineExtension,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
)
from courses.notifications import notify
from courses.periods import Period
from courses.reporting import Figures, expects_report, snapshot
from courses.scoping import deciding_office, may_prepare, may_submit
from courses.services.records import lock_centers

__all__ = [
    "deadline_extend",
    "submission_approve",
    "submission_check",
    "submission_prepare",
    "submission_reopen",
    "submission_return",
    "submission_submit",
    "submission_withdraw",
]


def _fmt(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _locked_submission(center: LearningCenter, period: Period) -> Submission:
    """The center's submission for the period, row-locked, created as a draft
    if there is none yet (the lock makes concurrent decisions queue)."""
    Submission.objects.get_or_create(
        center=center,
        period_key=period.stored_key,
        defaults={
            "period_kind": period.kind,
            "period_start": period.start,
            "period_end": period.end,
            "campaign_id": period.campaign_id or None,
        },
    )
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("center", "campaign")
        .get(center=center, period_key=period.stored_key)
    )


def _state_error(submission: Submission) -> ValidationError:
    """Why a submission in its current state cannot take the requested step."""
    who = submission.decided_by or submission.submitted_by
    when = submission.decided_at or submission.submitted_at
    values = {
        "period": submission.period.label,
        "who": who or "—",
        "when": date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT") if when else "…",
    }
    messages = {
        SubmissionStatus.DRAFT: _("The report for %(period)s has not been submitted yet."),
        SubmissionStatus.SUBMITTED: _(
            "The report for %(period)s was already submitted by %(who)s at %(when)s."
        ),
        SubmissionStatus.RETURNED: _(
            "The report for %(period)s was returned by %(who)s at %(when)s."
        ),
        SubmissionStatus.APPROVED: _(
            "The report for %(period)s was already approved by %(who)s at %(when)s."
        ),
    }
    return ValidationError(messages[submission.status] % values)


def _check_period(center: LearningCenter, period: Period, today: datetime.date) -> None:
    """A report is signed once its period (a campaign: its window) is over,
    and only by a center that owes it (open on the period's last day)."""
    if not period.is_over_on(today):
        raise ValidationError(
            _("%(period)s ends on %(end)s; its report can be submitted from %(day)s.")
            % {
                "period": period.label,
                "end": _fmt(period.end),
                "day": _fmt(period.end + datetime.timedelta(days=1)),
            }
        )
    if not expects_report(center, period):
        raise ValidationError(
            _("%(center)s operated %(start)s – %(end)s and owes no report for %(period)s.")
            % {
                "center": center.name,
                "start": _fmt(center.established_on),
                "end": _fmt(center.closed_on) if center.closed_on else "…",
                "period": period.label,
            }
        )


def _check_content(submission: Submission, figures: Figures) -> None:
    _check_content_of(submission.period, submission.nothing_to_report, figures)


def _check_content_of(period: Period, nothing_to_report: bool, figures: Figures) -> None:
    """ "Nothing to report" must be true, and a report must report something."""
    period = period.label
    if nothing_to_report and not figures.is_empty:
        raise ValidationError(
            _(
                "%(count)s courses and activities are recorded in %(period)s; "
                "untick “nothing to report” or remove them."
            )
            % {"count": figures.records, "period": period}
        )
    if not nothing_to_report and figures.is_empty:
        raise ValidationError(
            _(
                "Nothing is recorded in %(period)s. Record the courses and activities, "
                "or tick “nothing to report”."
            )
            % {"period": period}
        )


def _store(
    submission: Submission,
    actor: User,
    action: str,
    *,
    office: Office | None = None,
    comment: str = "",
) -> Submission:
    submission.full_clean()
    submission._history_user = actor
    submission.save()
    event = SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        at=timezone.now(),
        actor=actor,
        office=office,
        comment=comment,
    )
    notify(submission, event)  # the outbox sends after the commit
    return submission


def submission_check(
    *, center: LearningCenter, period: Period, nothing_to_report: bool, today: datetime.date
) -> None:
    """What `submission_submit` would refuse about the report itself (the
    period not over, a center that owes none, "nothing to report" against
    the records) — for a page to say so before asking to confirm."""
    _check_period(center, period, today)
    figures, _rows = snapshot(center, period)
    _check_content_of(period, nothing_to_report, Figures.from_dict(figures))


@transaction.atomic
def submission_prepare(
    *,
    actor: User,
    center: LearningCenter,
    period: Period,
    nothing_to_report: bool = False,
    note: str = "",
    today: datetime.date | None = None,
) -> Submission:
    """Prepare (or correct) the center's draft for the period: whoever may
    sign it, or a deputy or staff member there now whose term touched the
    period. Only a draft or a returned report can change."""
    today = today or timezone.localdate()
    if not may_prepare(actor, center, period, today=today):
        raise PermissionDenied(_("You hold no appointment at this center for this report."))
    lock_centers(center.pk)
    submission = _locked_submission(center, period)
    if submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED):
        raise _state_error(submission)
    submission.nothing_to_report, submission.note = nothing_to_report, note
    submission.prepared_by = actor
    # The event keeps what the center wrote then (the note may change later).
    return _store(submission, actor, SubmissionAction.PREPARED, comment=note)


@transaction.atomic
def submission_submit(
    *,
    actor: User,
    center: LearningCenter,
    period: Period,
    nothing_to_report: bool | None = None,
    note: str | None = None,
    today: datetime.date | None = None,
) -> Submission:
    """The director signs and sends the period's figures to the office ("ký
    và gửi"): only the center's director on the day, once the period is
    over. The figures and course rows are stored with the report as
    signed, and from now until it is returned or withdrawn the center's
    records dated in the period are locked. A report already submitted or
    approved is refused with who and when."""
    today = today or timezone.localdate()
    if not may_submit(actor, center, period, today=today):
        raise PermissionDenied(
            _("Only the center's director on the day of signing can sign and submit the report.")
        )
    _check_period(center, period, today)
    lock_centers(center.pk)
    submission = _locked_submission(center, period)
    if submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED):
        raise _state_error(submission)
    if nothing_to_report is not None:
        submission.nothing_to_report = nothing_to_report
    if note is not None:
        submission.note = note
    figures, rows = snapshot(center, period)
    _check_content(submission, Figures.from_dict(figures))
    submission.figures, submission.course_rows = figures, rows
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by, submission.submitted_at = actor, timezone.now()
    submission.prepared_by = submission.prepared_by or actor
    return _store(submission, actor, SubmissionAction.SUBMITTED, comment=submission.note)


@transaction.atomic
def submission_withdraw(
    *, actor: User, submission: Submission, today: datetime.date | None = None
) -> Submission:
    """The director takes back a report the office has not decided on; it
    becomes a draft again and the period's records unlock."""
    today = today or timezone.localdate()
    if not may_submit(actor, submission.center, submission.period, today=today):
        raise PermissionDenied(_("Only the center's director can withdraw the report."))
    lock_centers(submission.center_id)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise _state_error(submission)
    submission.status = SubmissionStatus.DRAFT
    submission.submitted_by, submission.submitted_at = None, None
    submission.figures, submission.course_rows = {}, []
    return _store(submission, actor, SubmissionAction.WITHDRAWN)


def _decide(actor: User, submission: Submission, expected: str) -> tuple[Submission, Office]:
    """Lock the center and the submission, check the actor's office and the
    report's state."""
    office = deciding_office(actor, submission.center, submission.period)
    if office is None and not actor.is_superuser:
        raise PermissionDenied(_("Your office does not supervise this center in this period."))
    lock_centers(submission.center_id)
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("center", "campaign")
        .get(pk=submission.pk)
    )
    if submission.status != expected:
        raise _state_error(submission)
    return submission, office


@transaction.atomic
def submission_approve(*, actor: User, submission: Submission) -> Submission:
    """Approve a submitted report; its period stays locked for the center.
    The figures stored when the director signed must still be what is
    recorded (a change made in the admin, say, is refused here). Two
    officers deciding at once queue on the row lock; the second is told
    what the first did."""
    submission, office = _decide(actor, submission, SubmissionStatus.SUBMITTED)
    live, _rows = snapshot(submission.center, submission.period)
    if live != submission.figures:
        raise ValidationError(
            _(
                "The figures recorded for %(period)s no longer match the report the director "
                "signed on %(day)s. Return it so the center can check and sign it again."
            )
            % {
                "period": submission.period.label,
                "day": _fmt(timezone.localtime(submission.submitted_at).date()),
            }
        )
    submission.status = SubmissionStatus.APPROVED
    submission.decided_by, submission.decided_office = actor, office
    submission.decided_at = timezone.now()
    submission.office_comment = ""
    return _store(submission, actor, SubmissionAction.APPROVED, office=office)


def _require_comment(comment: str, field: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({field: _("Say why, so the center knows what to correct.")})
    return comment


@transaction.atomic
def submission_return(*, actor: User, submission: Submission, comment: str) -> Submission:
    """Send a submitted report back to the center with a comment; its period
    unlocks, and it counts as not submitted from now."""
    comment = _require_comment(comment, "comment")
    submission, office = _decide(actor, submission, SubmissionStatus.SUBMITTED)
    submission.status = SubmissionStatus.RETURNED
    submission.decided_by, submission.decided_office = actor, office
    submission.decided_at, submission.office_comment = timezone.now(), comment
    return _store(submission, actor, SubmissionAction.RETURNED, office=office, comment=comment)


@transaction.atomic
def submission_reopen(*, actor: User, submission: Submission, reason: str) -> Submission:
    """Reopen an approved period (unlocking it), giving the reason; the
    report goes back to the center as returned."""
    reason = _require_comment(reason, "reason")
    submission, office = _decide(actor, submission, SubmissionStatus.APPROVED)
    submission.status = SubmissionStatus.RETURNED
    submission.decided_by, submission.decided_office = actor, office
    submission.decided_at = timezone.now()
    submission.office_comment = _("Reopened: %(reason)s") % {"reason": reason}
    return _store(submission, actor, SubmissionAction.REOPENED, office=office, comment=reason)


# -- deadline extensions ---------------------------------------------------------------


@transaction.atomic
def deadline_extend(
    *,
    actor: User,
    office: Office,
    period: Period,
    deadline: datetime.date,
    reason: str,
    center: LearningCenter | None = None,
) -> DeadlineExtension:
    """Extend (gia hạn) the deadline of `period` for every center under the
    office, or for one, giving the reason; extending again replaces the
    office's earlier extension. The deadline rule in `courses.reporting`
    takes the latest date that applies to a center."""
    if not (actor.is_superuser or office.members.filter(pk=actor.pk).exists()):
        raise PermissionDenied(_("You do not work at this office."))
    in_period = LearningCenter.objects.in_office_during(office, period.start, period.end)
    if not in_period.exists():
        raise ValidationError(
            _("%(office)s did not supervise centers during %(period)s.")
            % {"office": office.name, "period": period.label}
        )
    if center is not None and not in_period.filter(pk=center.pk).exists():
        raise ValidationError({"center": _("This center is not under your office in this period.")})
    if deadline <= period.end:
        raise ValidationError(
            {"deadline": _("The new deadline must fall after the period ends (%(end)s).")
             % {"end": _fmt(period.end)}}
        )  # fmt: skip
    reason = _require_comment(reason, "reason")
    extension, _created = DeadlineExtension.objects.update_or_create(
        office=office,
        period_key=period.stored_key,
        center=center,
        defaults={"deadline": deadline, "reason": reason, "created_by": actor},
    )
    return extension
