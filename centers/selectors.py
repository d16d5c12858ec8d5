"""Reads that several pages share. Each returns a queryset with everything
its table shows joined or annotated, so a page costs a fixed number of
queries whatever its rows."""

import datetime

from django.db.models import Q, QuerySet, Subquery

from centers.models import Appointment, LearningCenter, Office, User


def center_rows(centers: QuerySet, *, on: datetime.date) -> QuerySet:
    """`centers` with unit, parent and the director's name on `on`."""
    director = Appointment.objects.director_of_each_center(on).values("full_name")[:1]
    return centers.select_related("unit__parent").annotate(director_name=Subquery(director))


def users_pickable_by(user: User) -> QuerySet:
    """The accounts `user` may put on an appointment or an office in the
    admin: administrators any; office staff the people appointed at the
    centers under their offices and their colleagues — never themselves
    (nobody raises their own rights) and never an administrator."""
    if user.is_superuser:
        return User.objects.all()
    centers = LearningCenter.objects.office_scope(user)
    appointed = Appointment.objects.filter(center__in=centers, user__isnull=False).values("user")
    colleagues = Office.objects.filter(members=user).values("members")
    return (
        User.objects.filter(Q(pk__in=appointed) | Q(pk__in=colleagues))
        .exclude(pk=user.pk)
        .exclude(is_superuser=True)
    )


def accounts_managed_by(actor: User, office: Office) -> QuerySet:
    """The accounts `actor` may reset and unlock for `office`: people
    appointed (any term) at the centers under it that the actor sees —
    not staff or administrators, not anyone working at an office, not the
    actor. Fails closed for someone not working at the office."""
    if not (actor.is_superuser or office.members.filter(pk=actor.pk).exists()):
        return User.objects.none()
    centers = LearningCenter.objects.visible_to(actor).under_office(office)
    appointed = Appointment.objects.filter(center__in=centers).values("user")
    return (
        User.objects.filter(pk__in=appointed, is_active=True)
        .exclude(Q(is_staff=True) | Q(is_superuser=True) | Q(offices__isnull=False))
        .exclude(pk=actor.pk)
        .order_by("username")
    )
