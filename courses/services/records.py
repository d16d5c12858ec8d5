"""Writes to courses, activities and campaign reports. Each public function is
keyword-only, checks the actor's right to the record's center and date,
locks the center's row (so a write and a report's transition for the same
center never interleave), runs full_clean() — which refuses dates inside a
submitted or approved period — and works in one transaction. Views, the
admin, the demo and imports call these; none re-implements them."""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from centers.models import LearningCenter, User
from courses.models import (
    Activity,
    Campaign,
    CampaignReport,
    Course,
    Submission,
    UsedFormToken,
    may_write,
    writer_terms,
)
from courses.selectors import changes_since


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


def lock_centers(*center_ids: int | None) -> None:
    """Take the centers' rows for update, in a fixed order. Every write to a
    center's records and every transition of its reports takes this lock
    first, so an approval and a course saved at the same moment queue: the
    course cannot land inside a period approved an instant earlier (the
    lock check reads a settled state). SQLite takes its one write lock when
    the transaction starts (`transaction_mode` IMMEDIATE), to the same effect."""
    ids = sorted({pk for pk in center_ids if pk})
    if ids:
        list(
            LearningCenter.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def require_unlocked(record, field: str) -> None:
    """Refuse to delete a record dated inside a submitted or approved period."""
    lock = Submission.objects.lock_for(record.center_id, getattr(record, field))
    if lock:
        raise ValidationError({field: lock.lock_message()})


class StaleEdit(ValidationError):
    """The record changed after the form was opened (its version moved on)."""


def _require_version(record, version: int | None) -> None:
    """Refuse a save made from a form opened at an older version, saying
    what changed meanwhile and who changed it."""
    if version is None or version == record.version:
        return
    changes, latest = changes_since(record, version)
    user = latest.history_user if latest else None
    who = (user.full_name or user.username) if user else "—"
    when = (
        date_format(timezone.localtime(latest.history_date), "SHORT_DATETIME_FORMAT")
        if latest
        else "…"
    )
    listed = "; ".join(f"{c['field']}: {c['old']} → {c['new']}" for c in changes)
    raise StaleEdit(
        _(
            "%(who)s changed this record at %(when)s, after you opened this form (%(changes)s). "
            "What you typed is kept below: check it and save again to replace their changes."
        )
        % {"who": who, "when": when, "changes": listed or "—"},
        code="stale",
    )


def record_save(record, actor: User) -> None:
    """Validate and save a course, activity or campaign report under its
    centers' locks — where it was and where it goes (the admin may move a
    record between centers). full_clean() refuses a date inside a
    submitted or approved period, at either place. A course's or an
    activity's version goes up by one."""
    versioned = hasattr(record, "version")
    stored = (
        type(record).objects.filter(pk=record.pk).values(*["center", "version"][: 1 + versioned])
    ).first()
    lock_centers(record.center_id, stored and stored["center"])
    if stored is not None and versioned:
        record.version = stored["version"] + 1
    # Who created it is the service's own doing, not input to check.
    record.full_clean(exclude=["created_by"] if versioned else None)
    record._history_user = actor  # who changed it, also outside a request (demo, imports)
    record.save()


def record_delete(record, actor: User) -> None:
    """Delete a course or activity under its center's lock, unless it lies
    in a submitted or approved period (ValidationError with the reason)."""
    lock_centers(record.center_id)
    require_unlocked(record, _date_field(record))
    record._history_user = actor
    record.delete()


def _date_field(record) -> str:
    return "start_date" if isinstance(record, Course) else "date"


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
    record_save(course, actor)
    if claim is not None:
        claim.result_url = course.get_absolute_url()
        claim.save(update_fields=["result_url"])
    return course


@transaction.atomic
def course_update(
    *, actor: User, course: Course, version: int | None = None, **fields: Any
) -> Course:
    """Change a course. The actor needs the right to both the date the course
    had and the date it gets: moving a record out of one's term is refused
    like writing there. With `version` (the one the form was opened at), a
    course changed meanwhile is refused (StaleEdit) instead of overwritten."""
    course = (
        Course.objects.select_for_update(of=("self",)).select_related("center").get(pk=course.pk)
    )
    _require_right(actor, course.center, course.start_date, "start_date")
    _require_version(course, version)
    day = course.start_date
    _apply(course, fields)
    if course.start_date != day:
        _require_right(actor, course.center, course.start_date, "start_date")
    record_save(course, actor)
    return course


@transaction.atomic
def course_delete(*, actor: User, course: Course) -> None:
    """Delete a course; the history keeps it, with who deleted it and when."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    _require_right(actor, course.center, course.start_date, "start_date")
    record_delete(course, actor)


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
    record_save(activity, actor)
    if claim is not None:
        claim.result_url = activity.get_absolute_url()
        claim.save(update_fields=["result_url"])
    return activity


@transaction.atomic
def activity_update(
    *, actor: User, activity: Activity, version: int | None = None, **fields: Any
) -> Activity:
    """Change an activity; the actor needs the right to its old and new date.
    A stale `version` is refused as for courses."""
    activity = (
        Activity.objects.select_for_update(of=("self",))
        .select_related("center")
        .get(pk=activity.pk)
    )
    _require_right(actor, activity.center, activity.date, "date")
    _require_version(activity, version)
    day = activity.date
    _apply(activity, fields)
    if activity.date != day:
        _require_right(actor, activity.center, activity.date, "date")
    record_save(activity, actor)
    return activity


@transaction.atomic
def activity_delete(*, actor: User, activity: Activity) -> None:
    """Delete an activity; the history keeps it."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    _require_right(actor, activity.center, activity.date, "date")
    record_delete(activity, actor)


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
    lock_centers(center.pk)
    report = CampaignReport.objects.filter(center=center, campaign=campaign).first()
    report = report or CampaignReport(center=center, campaign=campaign)
    _apply(report, fields)
    record_save(report, actor)  # full_clean() refuses it inside a locked period
    return report
