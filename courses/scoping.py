"""Who may read and write a center's records, and prepare, sign or decide
its period reports — the one place that decides.

Reading starts from `LearningCenter.objects.visible_to(user)` (centers):
a center's records are visible with the center. Writing needs an
appointment with a linked user, in a writing role (director, deputy,
staff — not collaborator), whose term contains the record's date: a
course's start date, an activity's date. Views, services, the admin and
later reports and imports all go through these.
"""

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q

from centers.models import Appointment, AppointmentRole, LearningCenter, Office, User
from centers.text import search_key
from courses.periods import Period


class SystemViewer:
    """The reader for commands and scheduled jobs that act for no user
    (`report_status`, summaries, the figures frozen at submission): it
    reads everything, like an administrator, and can write nothing."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = False
    pk = None
    username = "system"

    def __str__(self) -> str:
        return self.username


SYSTEM = SystemViewer()

# Roles that may write a center's records (a collaborator only reads).
WRITER_ROLES = (AppointmentRole.DIRECTOR, AppointmentRole.DEPUTY, AppointmentRole.STAFF)


def writer_terms(user):
    """The appointments through which `user` may write: their own (a linked
    user), in a writing role. Each one covers the records of its center
    dated within its term. Fails closed for anonymous and inactive users."""
    if not user.is_authenticated or not user.is_active or user.pk is None:
        return Appointment.objects.none()
    return Appointment.objects.filter(user=user, role__in=WRITER_ROLES)


def may_write(user, center: LearningCenter, day: datetime.date) -> bool:
    """Whether `user` may create, edit or delete `center`'s record dated `day`."""
    return writer_terms(user).filter(center=center).current(day).exists()


class CenterRecordQuerySet(models.QuerySet):
    """Shared by the records a center keeps; `date_field` is the date that
    places a record in a period and in an appointment's term."""

    date_field = "date"

    def visible_to(self, user):
        """The records `user` may read: an office's, those of the centers
        under it; a center's people, those dated within one of their terms
        there (a former director does not read his successor's records).
        Administrators read all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        day = OuterRef(self.date_field)
        own_terms = Appointment.objects.filter(
            user=user, center=OuterRef("center"), start_date__lte=day
        ).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        if not user.office_ids:  # a center's people: no office subquery to plan
            return self.filter(Exists(own_terms))
        office_centers = LearningCenter.objects.office_scope(user)
        return self.filter(Q(center__in=office_centers) | Exists(own_terms))

    def writable_by(self, user):
        """The records `user` may change: an appointment of theirs at the
        record's center whose term contains the record's date."""
        day = OuterRef(self.date_field)
        terms = (
            writer_terms(user)
            .filter(center=OuterRef("center"), start_date__lte=day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        )
        return self.filter(Exists(terms))

    def in_period(self, period: Period):
        """The records that count in `period`: dated inside it."""
        return self.filter(**{f"{self.date_field}__range": (period.start, period.end)})

    def search(self, text: str):
        """Accent-free search in the title: "trong lac" finds "Kỹ thuật trồng lạc"."""
        key = search_key(text)
        return self.filter(search_title__contains=key) if key else self


# -- period reports: who prepares, who signs, which office decides ---------------


def _acting_day(center: LearningCenter, today: datetime.date) -> datetime.date:
    """The day whose appointments speak for the center: today, or its last
    day once it has closed."""
    return min(today, center.closed_on) if center.closed_on else today


def may_submit(
    actor: User, center: LearningCenter, period: Period, *, today: datetime.date
) -> bool:
    """Whether `actor` may sign (or withdraw) the center's report: its
    director on the day of signing. A term that has ended signs nothing —
    except that once the center has closed, its reports stay signable by
    its last director and by the director today of a center it became
    (Thạch Trung's Quý II/2025 is signed in July by the director of the
    Phường Trần Phú center)."""
    if not actor.is_active or actor.pk is None:
        return False
    directors = Appointment.objects.filter(user=actor, role=AppointmentRole.DIRECTOR)
    if directors.filter(center=center).current(_acting_day(center, today)).exists():
        return True
    if center.closed_on is None or today <= center.closed_on:
        return False
    return directors.filter(center__in=center.successors.all()).current(today).exists()


def may_prepare(
    actor: User, center: LearningCenter, period: Period, *, today: datetime.date
) -> bool:
    """Whether `actor` may prepare the draft: whoever may sign it, or a
    deputy or staff member at the center today (its last day once closed)
    whose term touched the period."""
    if may_submit(actor, center, period, today=today):
        return True
    if not actor.is_active or actor.pk is None:
        return False
    return (
        writer_terms(actor)
        .filter(center=center)
        .current(_acting_day(center, today))
        .filter(start_date__lte=period.end)
        .exists()
    )


def deciding_office(actor: User, center: LearningCenter, period: Period) -> Office | None:
    """The actor's office that supervises the center during the period — the
    one whose approval the center sees. None if the actor has no such office.
    Administrators act with the closest supervising office, if any."""
    offices = Office.objects.over(center.unit, period.start, period.end).select_related("unit")
    if not actor.is_superuser:
        offices = offices.filter(members=actor)
    # The nearest office (deepest unit) first: a Phòng before the Sở.
    return max(offices, key=lambda office: len(office.unit.path), default=None)


def may_decide(actor: User, center: LearningCenter, period: Period) -> bool:
    return actor.is_active and (
        actor.is_superuser or deciding_office(actor, center, period) is not None
    )


def reads_whole_period(viewer, center: LearningCenter, period: Period) -> bool:
    """Whether `viewer` reads every record of the center in the period: an
    office over it or an administrator, or someone whose one appointment
    there covers all of the period the center lived. Only they see the
    figures as signed (they may include records of someone else's term)."""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if viewer.is_superuser:
        return True
    if LearningCenter.objects.office_scope(viewer).filter(pk=center.pk).exists():
        return True
    first = max(period.start, center.established_on)
    last = min(period.end, center.closed_on) if center.closed_on else period.end
    return (
        Appointment.objects.filter(user=viewer, center=center, start_date__lte=first)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=last))
        .exists()
    )
