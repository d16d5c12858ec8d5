"""Writes to courses, activities and campaign reports. Each public function is
keyword-only, checks the actor's right to the record's center and date,
runs full_clean() and works in one transaction. Views, the demo and later
imports call these; none re-implements them."""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centers.models import LearningCenter, Office, User
from courses.models import (
    Activity,
    Campaign,
    CampaignReport,
    Course,
    Submission,
    SubmissionStatus,
    UsedFormToken,
    may_write,
    writer_terms,
)
from courses.periods import Period
from courses.scoping import deciding_office, may_prepare, may_submit


class DuplicateSubmission(Exception):
    """The form's one-time token was already used: the record exists at `url`."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


# -- rights -----------------------------------------------------------------


def _require_right(actor: User, center: LearningCenter, day: datetime.date, field: str) -> None:
    """Refuse, beside the date field, a record dated outside every term the
    actor holds at the center."""
    if day is None or may_write(actor, center, day):
        return
    terms = writer_terms(actor).filter(center=center).order_by("start_date")
    if not terms:
        raise PermissionDenied(_("You hold no appointment at %(center)s.") % {"center": center})
    raise ValidationError(
        {
            field: _("You can record for %(center)s only for dates within your term (%(terms)s).")
            % {"center": center.name, "terms": "; ".join(t.term_display for t in terms)}
        }
    )


def _claim_token(token: uuid.UUID | None, actor: User) -> UsedFormToken | None:
    """Claim a form token inside the caller's transaction. If the record's
    creation then fails, the claim rolls back with it and the user can
    correct the form and send it again with the same token."""
    if token is None:
        return None
    try:
        with transaction.atomic():
            return UsedFormToken.objects.create(token=token, user=actor)
    except IntegrityError:
        used = UsedFormToken.objects.filter(token=token).first()
        raise DuplicateSubmission(used.result_url if used else "") from None


def form_token_result(token: uuid.UUID | str | None) -> str | None:
    """Where the record made with this form token lives, if the token was
    used: a second press of Save goes there instead of validating again
    (the claim in `_claim_token` stays the guarantee)."""
    if not token:
        return None
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    used = UsedFormToken.objects.filter(token=token).first()
    return (used.result_url or "/") if used else None


def require_unlocked(record, field: str) -> None:
    """Refuse to delete a record dated inside an approved period."""
    lock = Submission.objects.lock_for(record.center_id, getattr(record, field))
    if lock:
        raise ValidationError({field: lock.lock_message()})


def _save(record, actor: User) -> None:
    record.full_clean()
    record._history_user = actor  # who changed it, also outside a request (demo, imports)
    record.save()


def _apply(record, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(record, name, value)


# -- courses ----------------------------------------------------------------


@transaction.atomic
def course_create(
    *,
    actor: User,
    center: LearningCenter,
    form_token: uuid.UUID | None = None,
    **fields: Any,
) -> Course:
    """Record a course at `center`. The actor needs a writing appointment
    there whose term contains the start date. With `form_token`, a second
    call with the same token creates nothing and raises DuplicateSubmission
    naming the first course's page."""
    claim = _claim_token(form_token, actor)
    course = Course(center=center, created_by=actor)
    _apply(course, fields)
    _require_right(actor, center, course.start_date, "start_date")
    _save(course, actor)
    if claim is not None:
        claim.result_url = course.get_absolute_url()
        claim.save(update_fields=["result_url"])
    return course


@transaction.atomic
def course_update(*, actor: User, course: Course, **fields: Any) -> Course:
    """Change a course. The actor needs the right to both the date the course
    had and the date it gets: moving a record out of one's term is refused
    like writing there."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    _require_right(actor, course.center, course.start_date, "start_date")
    _apply(course, fields)
    _require_right(actor, course.center, course.start_date, "start_date")
    _save(course, actor)
    return course


@transaction.atomic
def course_delete(*, actor: User, course: Course) -> None:
    """Delete a course; the history keeps it, with who deleted it and when."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    _require_right(actor, course.center, course.start_date, "start_date")
    require_unlocked(course, "start_date")
    course._history_user = actor
    course.delete()


# -- activities ---------------------------------------------------------------


@transaction.atomic
def activity_create(
    *,
    actor: User,
    center: LearningCenter,
    form_token: uuid.UUID | None = None,
    **fields: Any,
) -> Activity:
    """Log an activity at `center`, dated within one of the actor's terms
    there (and inside its campaign's window, if it has one)."""
    claim = _claim_token(form_token, actor)
    activity = Activity(center=center, created_by=actor)
    _apply(activity, fields)
    _require_right(actor, center, activity.date, "date")
    _save(activity, actor)
    if claim is not None:
        claim.result_url = activity.get_absolute_url()
        claim.save(update_fields=["result_url"])
    return activity


@transaction.atomic
def activity_update(*, actor: User, activity: Activity, **fields: Any) -> Activity:
    """Change an activity; the actor needs the right to its old and new date."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    _require_right(actor, activity.center, activity.date, "date")
    _apply(activity, fields)
    _require_right(actor, activity.center, activity.date, "date")
    _save(activity, actor)
    return activity


@transaction.atomic
def activity_delete(*, actor: User, activity: Activity) -> None:
    """Delete an activity; the history keeps it."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    _require_right(actor, activity.center, activity.date, "date")
    require_unlocked(activity, "date")
    activity._history_user = actor
    activity.delete()


# -- campaign reports -----------------------------------------------------------


def campaign_report_is_open(campaign: Campaign, on: datetime.date) -> bool:
    """A center fills in its campaign report from the first day of the
    campaign until its reporting deadline."""
    return campaign.start_date <= on <= campaign.report_deadline


@transaction.atomic
def campaign_report_save(
    *,
    actor: User,
    center: LearningCenter,
    campaign: Campaign,
    on: datetime.date | None = None,
    **fields: Any,
) -> CampaignReport:
    """Create or update `center`'s report on `campaign` (books, bookcases,
    money, notes). Open from the campaign's first day to its deadline
    (`on` is today unless given); the actor needs a term covering the
    campaign's first day."""
    on = on or timezone.localdate()
    if not campaign_report_is_open(campaign, on):
        raise ValidationError(
            _("The report on %(campaign)s can be filled in from %(start)s to %(deadline)s.")
            % {
                "campaign": campaign.name,
                "start": date_format(campaign.start_date, "SHORT_DATE_FORMAT"),
                "deadline": date_format(campaign.report_deadline, "SHORT_DATE_FORMAT"),
            }
        )
    _require_right(actor, center, campaign.start_date, "__all__")
    lock = Submission.objects.lock_for(center.pk, campaign.start_date)
    if lock:
        raise ValidationError(lock.lock_message())
    # get_or_create retries the read if a concurrent save created it first.
    report, _created = CampaignReport.objects.select_for_update().get_or_create(
        center=center, campaign=campaign
    )
    _apply(report, fields)
    _save(report, actor)
    return report


# -- submissions: prepare, submit ("ký duyệt"), approve, return, reopen ---------


def _locked_submission(center: LearningCenter, period: Period) -> Submission:
    """The center's submission for the period, row-locked, created as a draft
    if there is none yet (the lock makes concurrent decisions queue)."""
    Submission.objects.get_or_create(
        center=center,
        period_key=period.key,
        defaults={
            "period_kind": period.kind,
            "period_start": period.start,
            "period_end": period.end,
        },
    )
    return Submission.objects.select_for_update().get(center=center, period_key=period.key)


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


def _record_counts(center: LearningCenter, period: Period) -> int:
    return (
        Course.objects.filter(center=center).in_period(period).count()
        + Activity.objects.filter(center=center).in_period(period).count()
    )


def _check_content(submission: Submission) -> None:
    """ "Nothing to report" must be true, and a report must report something."""
    records = _record_counts(submission.center, submission.period)
    if submission.nothing_to_report and records:
        raise ValidationError(
            {
                "nothing_to_report": _(
                    "%(count)s courses and activities are recorded in %(period)s; "
                    "untick “nothing to report” or remove them."
                )
                % {"count": records, "period": submission.period.label}
            }
        )
    if not submission.nothing_to_report and not records:
        raise ValidationError(
            {
                "nothing_to_report": _(
                    "Nothing is recorded in %(period)s. Record the courses and activities, "
                    "or tick “nothing to report”."
                )
                % {"period": submission.period.label}
            }
        )


def _store(submission: Submission, actor: User) -> Submission:
    submission.full_clean()
    submission._history_user = actor
    submission.save()
    return submission


@transaction.atomic
def submission_prepare(
    *,
    actor: User,
    center: LearningCenter,
    period: Period,
    nothing_to_report: bool = False,
    note: str = "",
) -> Submission:
    """Prepare (or correct) the center's draft for the period. Any writing
    role may prepare; only a draft or a returned report can change."""
    if not may_prepare(actor, center, period):
        raise PermissionDenied(_("You hold no appointment at this center during this period."))
    submission = _locked_submission(center, period)
    if submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED):
        raise _state_error(submission)
    submission.nothing_to_report, submission.note = nothing_to_report, note
    submission.prepared_by = actor
    return _store(submission, actor)


@transaction.atomic
def submission_submit(
    *,
    actor: User,
    center: LearningCenter,
    period: Period,
    nothing_to_report: bool | None = None,
    note: str | None = None,
) -> Submission:
    """The director signs and sends the period's figures to the office
    ("ký duyệt"). Only the center's director during the period may; a
    report already submitted or approved is refused with who and when."""
    if not may_submit(actor, center, period):
        raise PermissionDenied(_("Only the center's director can sign and submit the report."))
    submission = _locked_submission(center, period)
    if submission.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED):
        raise _state_error(submission)
    if nothing_to_report is not None:
        submission.nothing_to_report = nothing_to_report
    if note is not None:
        submission.note = note
    _check_content(submission)
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by, submission.submitted_at = actor, timezone.now()
    submission.prepared_by = submission.prepared_by or actor
    return _store(submission, actor)


def _decide(actor: User, submission: Submission, expected: str) -> tuple[Submission, Office]:
    """Lock the submission, check the actor's office and its state."""
    office = deciding_office(actor, submission.center, submission.period)
    if office is None and not actor.is_superuser:
        raise PermissionDenied(_("Your office does not supervise this center in this period."))
    submission = (
        Submission.objects.select_for_update().select_related("center").get(pk=submission.pk)
    )
    if submission.status != expected:
        raise _state_error(submission)
    return submission, office


@transaction.atomic
def submission_approve(*, actor: User, submission: Submission) -> Submission:
    """Approve a submitted report; its period is then locked for the center.
    Two officers deciding at once queue on the row lock; the second is
    told what the first did."""
    submission, office = _decide(actor, submission, SubmissionStatus.SUBMITTED)
    submission.status = SubmissionStatus.APPROVED
    submission.decided_by, submission.decided_office = actor, office
    submission.decided_at = timezone.now()
    submission.office_comment = ""
    return _store(submission, actor)


def _require_comment(comment: str, field: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({field: _("Say why, so the center knows what to correct.")})
    return comment


@transaction.atomic
def submission_return(*, actor: User, submission: Submission, comment: str) -> Submission:
    """Send a submitted report back to the center with a comment."""
    comment = _require_comment(comment, "comment")
    submission, office = _decide(actor, submission, SubmissionStatus.SUBMITTED)
    submission.status = SubmissionStatus.RETURNED
    submission.decided_by, submission.decided_office = actor, office
    submission.decided_at, submission.office_comment = timezone.now(), comment
    return _store(submission, actor)


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
    return _store(submission, actor)
