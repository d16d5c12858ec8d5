"""Learning centers and the people appointed at them — and `visible_to`,
the scoping every page starts from."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centers.fields import NFCCharField, SearchKeyField
from centers.models.base import (
    SearchQuerySet,
    _fmt,
    _name_taken,
    _overlapping,
    _related_or_none,
    _valid_on,
)
from centers.models.offices import Office
from centers.models.units import AdministrativeUnit
from centers.models.users import User
from centers.text import COLLATION
from centers.units import (
    UnitLevel,
)


class LearningCenterQuerySet(SearchQuerySet):
    def active_on(self, on: datetime.date):
        return self.filter(established_on__lte=on).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=on)
        )

    def active_during(self, start: datetime.date, end: datetime.date):
        """Centers open on at least one day of [start, end]."""
        return self.filter(_overlapping(start, end, "established_on", "closed_on"))

    def under_office(self, office: "Office", *, on: datetime.date | None = None):
        """Narrow to the centers under `office` (as of `on`, if given)."""
        return self.filter(office_center_condition(office, on=on))

    def in_office_during(self, office: "Office", start: datetime.date, end: datetime.date):
        """The centers an office answers for over [start, end] — a reporting
        period: every center open on some day of it, whose unit lay under
        the office's unit while both the unit and the office were valid.
        Each keeps the unit it belonged to then, so a Sở's 2025 holds the
        centers that closed on 30/06/2025 and those opened on 01/07/2025."""
        first = max(start, office.valid_from)
        last = min(end, office.valid_until) if office.valid_until else end
        return self.in_unit_during(office.unit, first, last)

    def in_unit_during(self, unit: "AdministrativeUnit", start: datetime.date, end: datetime.date):
        """The centers under `unit` over [start, end] (within the unit's own
        validity): every center open on some day of it whose unit lay in
        `unit`'s subtree then — thành phố Hà Tĩnh's 2020 is its 15 centers
        of the time, whatever they became."""
        first = max(start, unit.valid_from)
        last = min(end, unit.valid_until) if unit.valid_until else end
        if first > last:
            return self.none()
        return (
            self.filter(unit__path__startswith=unit.path)
            .filter(_overlapping(first, last, "unit__valid_from", "unit__valid_until"))
            .active_during(first, last)
        )

    def visible_to(self, user, *, on: datetime.date | None = None):
        """The centers `user` may see — the one scoping rule every page,
        export and email starts from. Fails closed: no role, no centers.

        - administrators (superusers): all;
        - center staff: the centers of their appointments (any term; what
          they may change is decided by the term, see Appointment);
        - office staff: the centers whose unit lies in the office unit's
          subtree while the office is valid (as of `on`, if given).
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        appointed = Q(pk__in=Appointment.objects.filter(user=user).values("center"))
        return self.filter(appointed | self._office_condition(user, on=on))

    def office_scope(self, user, *, on: datetime.date | None = None):
        """The centers `user` sees through the offices they work at (all
        for administrators) — without those of their own appointments."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if not user.office_ids:
            return self.none()
        return self.filter(self._office_condition(user, on=on))

    def _office_condition(self, user, *, on: datetime.date | None):
        """Centers under one of the user's offices, as one EXISTS subquery
        over them (`User.office_ids`, read once per user object, whatever the
        number of offices; none at all for a center's people): the center's
        unit lies in the office unit's subtree (its path starts with the
        office unit's) and was valid while the office was (on `on`, if given)."""
        if not user.office_ids:
            return Q(pk__in=())
        offices = (
            Office.objects.filter(pk__in=user.office_ids)
            .annotate(prefix=Substr(OuterRef("unit__path"), 1, Length("unit__path")))
            .filter(prefix=F("unit__path"))
        )
        if on is not None:
            return Exists(offices.filter(_valid_on(on))) & _valid_on(on, prefix="unit__")
        return Exists(
            offices.filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=OuterRef("unit__valid_from")),
                valid_from__lte=Coalesce(OuterRef("unit__valid_until"), Value(datetime.date.max)),
            )
        )


def office_center_condition(office: Office, *, on: datetime.date | None = None) -> Q:
    """Centers under `office`: unit in its subtree and valid while it is
    (as of `on` when given — nothing if the office is not valid then)."""
    in_tree = Q(unit__path__startswith=office.unit.path)
    if on is not None:
        if not office.is_valid_on(on):
            return Q(pk__in=[])
        return in_tree & _valid_on(on, prefix="unit__")
    return in_tree & _overlapping(
        office.valid_from,
        office.valid_until,
        start_field="unit__valid_from",
        end_field="unit__valid_until",
    )


class CenterStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    MERGED = "merged", _("merged")
    CLOSED = "closed", _("closed")


class LearningCenter(models.Model):
    """A commune's community learning center (TTHTCĐ). Its lineage
    (`predecessors`) is recorded apart from the units' lineage: centers may
    merge on a different day, or not at all, when their communes do."""

    name = NFCCharField(_("name"), max_length=255, db_collation=COLLATION)
    search_name = SearchKeyField(source="name")
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="centers",
    )
    established_on = models.DateField(_("established on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CenterStatus.choices, default=CenterStatus.ACTIVE
    )
    address = NFCCharField(_("address"), max_length=255, blank=True)
    phone = NFCCharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("predecessor centers"),
        symmetrical=False,
        related_name="successors",
        blank=True,
    )

    objects = LearningCenterQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning center")
        verbose_name_plural = _("learning centers")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("established_on")),
                name="center_closed_after_established",
                violation_error_message=_("A center cannot close before it is established."),
            ),
            models.CheckConstraint(
                condition=Q(status=CenterStatus.ACTIVE, closed_on__isnull=True)
                | (~Q(status=CenterStatus.ACTIVE) & Q(closed_on__isnull=False)),
                name="center_status_matches_closing",
                violation_error_message=_(
                    "An active center has no closing date; a merged or closed one has one."
                ),
            ),
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="center_name_unique_per_unit",
                violation_error_message=_("This unit already has a center with this name."),
            ),
        ]
        indexes = [
            # visible_to(): centers by unit for an office's subtree join.
            models.Index(fields=["unit", "established_on"], name="center_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("centers:center_detail", args=[self.pk])

    def is_active_on(self, on: datetime.date) -> bool:
        return self.established_on <= on and (self.closed_on is None or on <= self.closed_on)

    def director_on(self, on: datetime.date) -> "Appointment | None":
        """The director on `on`, in one query."""
        return self.appointments.directors().current(on).first()

    def clean(self):
        errors = {}
        if self.established_on and self.closed_on and self.closed_on < self.established_on:
            errors["closed_on"] = _("A center cannot close before it is established.")
        if self.status == CenterStatus.ACTIVE and self.closed_on:
            errors["status"] = _("A center with a closing date is merged or closed, not active.")
        if self.status != CenterStatus.ACTIVE and not self.closed_on:
            errors["closed_on"] = _("Give the date the center was merged or closed.")
        if not errors and _related_or_none(self, "unit") and self.established_on:
            errors.update(self._unit_errors())
        if not errors and self.unit_id and _name_taken(self, LearningCenter.objects):
            errors["name"] = _("This unit already has a center with this name.")
        if errors:
            raise ValidationError(errors)

    def _unit_errors(self) -> dict:
        unit = self.unit
        if unit.level != UnitLevel.COMMUNE:
            return {"unit": _("A learning center serves a commune, ward or township.")}
        if unit.valid_until and unit.valid_until < self.established_on:
            return {
                "unit": _("%(unit)s was no longer valid on %(day)s.")
                % {"unit": unit.name, "day": _fmt(self.established_on)}
            }
        other = (
            LearningCenter.objects.filter(unit=unit)
            .filter(
                _overlapping(self.established_on, self.closed_on, "established_on", "closed_on")
            )
            .exclude(pk=self.pk)
            .first()
        )
        if other:
            return {
                "unit": _("%(unit)s already has %(center)s in this period.")
                % {"unit": unit.name, "center": other.name}
            }
        return {}


# ---------------------------------------------------------------------------
# Appointments
# ---------------------------------------------------------------------------


class AppointmentRole(models.TextChoices):
    DIRECTOR = "giam_doc", _("Director")
    DEPUTY = "pho_giam_doc", _("Deputy director")
    STAFF = "can_bo", _("Standing staff / seconded teacher")
    COLLABORATOR = "cong_tac_vien", _("Collaborator")


class AppointmentQuerySet(SearchQuerySet):
    def current(self, on: datetime.date):
        return self.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def directors(self):
        return self.filter(role=AppointmentRole.DIRECTOR)

    def director_of_each_center(self, on: datetime.date):
        """The director on `on` of the center of an outer query's row
        (`OuterRef("pk")`), for a Subquery annotation: one query for a
        whole list of centers, however long."""
        return self.directors().current(on).filter(center=OuterRef("pk")).order_by("-start_date")

    def visible_to(self, user):
        return self.filter(center__in=LearningCenter.objects.visible_to(user))


class Appointment(models.Model):
    """A person holding a role at a center for a term. Directors are usually
    the commune chairman, part-time, so the post they hold elsewhere is
    free text. A linked user has rights at the center during the term."""

    center = models.ForeignKey(
        LearningCenter,
        verbose_name=_("learning center"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    full_name = NFCCharField(_("full name"), max_length=150, db_collation=COLLATION)
    search_name = SearchKeyField(source="full_name", max_length=150)
    role = models.CharField(_("role"), max_length=16, choices=AppointmentRole.choices)
    home_post = NFCCharField(
        _("post held elsewhere"),
        max_length=255,
        blank=True,
        help_text=_("For example “Chủ tịch UBND xã Thạch Trung”."),
    )
    phone = NFCCharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    start_date = models.DateField(_("term start"))
    end_date = models.DateField(_("term end"), null=True, blank=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        related_name="appointments",
        null=True,
        blank=True,
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["center__name", "-start_date", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="appointment_end_after_start",
                violation_error_message=_("The term cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["center", "full_name", "role", "start_date"],
                name="appointment_unique",
                violation_error_message=_(
                    "This person already has this role at this center from this date."
                ),
            ),
        ]
        indexes = [
            # director_on(): a center's appointments by role and term.
            models.Index(fields=["center", "role", "start_date"], name="appointment_term_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.get_role_display()}, {self.center}"

    @property
    def term_display(self) -> str:
        return f"{_fmt(self.start_date)} – {_fmt(self.end_date)}"

    def covers(self, on: datetime.date) -> bool:
        return self.start_date <= on and (self.end_date is None or on <= self.end_date)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The term cannot end before it starts.")
        if not errors and _related_or_none(self, "center") and self.start_date:
            errors.update(self._center_errors())
        if errors:
            raise ValidationError(errors)

    def _center_errors(self) -> dict:
        center = self.center
        if self.start_date < center.established_on or (
            center.closed_on and (self.end_date is None or self.end_date > center.closed_on)
        ):
            return {
                "start_date": _("The term must fall within the center's life (%(life)s).")
                % {"life": f"{_fmt(center.established_on)} – {_fmt(center.closed_on)}"}
            }
        if self.role != AppointmentRole.DIRECTOR:
            return {}
        other = (
            Appointment.objects.directors()
            .filter(center=center)
            .filter(_overlapping(self.start_date, self.end_date, "start_date", "end_date"))
            .exclude(pk=self.pk)
            .first()
        )
        if other:
            return {
                "start_date": _("%(center)s already has a director, %(name)s, for %(term)s.")
                % {"center": center.name, "name": other.full_name, "term": other.term_display}
            }
        return {}
