"""Administrative units with history, learning centers, appointments, offices
and users — and the scoping every other app starts from (`visible_to`)."""

import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from centers.fields import NFCCharField, NFCTextField, SearchKeyField
from centers.text import COLLATION, search_key
from centers.units import (
    CODE_WIDTH,
    KIND_LEVEL,
    InvalidCode,
    UnitKind,
    UnitLevel,
    normalize_code,
    prefixed_name,
)

__all__ = [
    "AdministrativeUnit",
    "Appointment",
    "LearningCenter",
    "Office",
    "UnitKind",
    "UnitLevel",
    "UnitSuccession",
    "User",
]


def _fmt(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "…"


def _valid_on(on: datetime.date, prefix: str = "") -> Q:
    """Rows whose [valid_from, valid_until] contains `on` (an open end is ongoing)."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": on})
    )


def _overlapping(start, end, start_field="valid_from", end_field="valid_until") -> Q:
    """Rows whose period overlaps [start, end]; `end` None means ongoing."""
    condition = Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start})
    if end is not None:
        condition &= Q(**{f"{start_field}__lte": end})
    return condition


def _within(start, end, outer_start, outer_end) -> bool:
    """Whether the period [start, end] lies inside [outer_start, outer_end]
    (an end of None is open, still running)."""
    if start < outer_start:
        return False
    if outer_end is None:
        return True
    return end is not None and end <= outer_end


class SearchQuerySet(models.QuerySet):
    """Querysets of models with a `search_name` (a SearchKeyField)."""

    def search(self, text: str):
        """Accent-free, case-free search: "thach trung" finds "Xã Thạch Trung".

        A contains-match on the stored key, served on PostgreSQL by a
        trigram index (migration 0003). Later search boxes reuse this.
        """
        key = search_key(text)
        return self.filter(search_name__contains=key) if key else self


class User(AbstractUser):
    """A person who signs in. Rights come from appointments at centers and
    from working at an office; a user with neither sees nothing."""

    full_name = NFCCharField(_("full name"), max_length=150, blank=True, db_collation=COLLATION)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username


# ---------------------------------------------------------------------------
# Administrative units
# ---------------------------------------------------------------------------


class AdministrativeUnitQuerySet(SearchQuerySet):
    def valid_on(self, on: datetime.date):
        return self.filter(_valid_on(on))

    def overlapping(self, start: datetime.date, end: datetime.date | None):
        return self.filter(_overlapping(start, end))

    def by_code(self, code: int | str, *, level: int | None = None):
        """Units with this statistics-office code, in any period.

        Accepts 436 or "436". A text code's width tells its level; a number
        without `level` may match several levels (1 -> "01", "001", "00001").
        """
        levels = [level] if level else list(UnitLevel)
        if level is None and isinstance(code, str) and code.strip().isdigit():
            width_level = [lvl for lvl, w in CODE_WIDTH.items() if w == len(code.strip())]
            levels = width_level or levels
        condition = Q(pk__in=[])
        for lvl in levels:
            try:
                condition |= Q(level=lvl, code=normalize_code(code, lvl))
            except InvalidCode:
                continue
        return self.filter(condition)

    def subtree(self, unit: "AdministrativeUnit", *, on: datetime.date | None = None):
        """This unit and everything below it (as of `on`, if given), in one query.

        The tree is kept as a materialised path of primary keys ("/12/340/9051/"):
        the subtree is one indexed prefix match that works the same on SQLite
        and PostgreSQL and composes into other queries as a plain filter
        (centers under an office, reports by province). A closure table would
        need a second table kept in step; a recursive CTE (django-tree-queries)
        walks the whole tree on every call and does not nest well as a
        subquery. Units rarely change parent, so rewriting paths on a move is
        the cheap side of the trade.
        """
        queryset = self.filter(path__startswith=unit.path)
        return queryset.valid_on(on) if on else queryset

    def visible_to(self, user):
        """Units a user may look after: administrators all; office staff
        their offices' subtrees; center staff the units of their centers."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        condition = Q(centers__appointments__user=user)
        for office in Office.objects.filter(members=user).select_related("unit"):
            condition |= Q(path__startswith=office.unit.path)
        return self.filter(pk__in=self.model.objects.filter(condition).values("pk"))

    def search(self, text: str):
        """By name, accent-free (see SearchQuerySet), or by exact code."""
        key = search_key(text)
        if key.isdigit():
            return self.filter(Q(search_name__contains=key) | Q(code=key))
        return super().search(text)


class AdministrativeUnit(models.Model):
    """A province, district (before 1 July 2025) or commune-level unit over a
    period of validity. A unit that changes substantially (merged, split,
    moved) is closed and succeeded by another row; nothing is deleted."""

    code = models.CharField(
        _("code"),
        max_length=5,
        help_text=_(
            "Statistics-office code: 2 digits for a province, 3 for a district, 5 for a commune."
        ),
    )
    name = NFCCharField(_("name"), max_length=255, db_collation=COLLATION)
    search_name = SearchKeyField(source="name")
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=UnitLevel.choices, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    # Materialised path of primary keys, "/<root pk>/…/<own pk>/"; see `subtree`.
    path = models.CharField(max_length=255, editable=False, default="", db_index=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        through="UnitSuccession",
        symmetrical=False,
        related_name="predecessors",
        verbose_name=_("successors"),
        blank=True,
    )

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "name", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="unit_valid_until_after_valid_from",
                violation_error_message=_("The end of validity cannot be before its start."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(level=UnitLevel.PROVINCE, kind__in=[UnitKind.PROVINCE, UnitKind.MUNICIPALITY])
                    | Q(
                        level=UnitLevel.DISTRICT,
                        kind__in=[
                            UnitKind.RURAL_DISTRICT,
                            UnitKind.URBAN_DISTRICT,
                            UnitKind.TOWN,
                            UnitKind.PROVINCIAL_CITY,
                        ],
                    )
                    | Q(
                        level=UnitLevel.COMMUNE,
                        kind__in=[
                            UnitKind.COMMUNE,
                            UnitKind.WARD,
                            UnitKind.TOWNSHIP,
                            UnitKind.SPECIAL_ZONE,
                        ],
                    )
                ),
                name="unit_kind_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True, population_year__isnull=True)
                | Q(population__isnull=False, population_year__isnull=False),
                name="unit_population_has_year",
                violation_error_message=_("Give the population together with its year."),
            ),
            # Identity within a period is (level, code). Overlaps are checked
            # in clean(); the database holds the two cases it can express
            # portably: one start per code, one open-ended unit per code.
            models.UniqueConstraint(
                fields=["level", "code", "valid_from"], name="unit_code_unique_per_start"
            ),
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=Q(valid_until__isnull=True),
                name="unit_code_unique_while_current",
            ),
        ]
        indexes = [
            # by_code() and imports: look a code up at a level.
            models.Index(fields=["level", "code"], name="unit_level_code_idx"),
            # subtree(on=…) and valid_on(): the validity window.
            models.Index(fields=["valid_from", "valid_until"], name="unit_validity_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    # -- the tree ------------------------------------------------------------

    def save(self, *args, **kwargs):
        """Save, then keep the materialised path (and the subtree's) in step.

        This is the table's own invariant, not business logic: every writer
        — admin, imports, the shell — must keep it, so it lives here.
        """
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._refresh_path()

    def get_absolute_url(self) -> str:
        return reverse("admin:centers_administrativeunit_change", args=[self.pk])

    def _refresh_path(self) -> None:
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        old_path = self.path
        if new_path == old_path:
            return
        AdministrativeUnit.objects.filter(pk=self.pk).update(path=new_path)
        if old_path:
            # Moved: rewrite every descendant's prefix in one statement.
            AdministrativeUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1))
            )
        self.path = new_path

    # -- reading -----------------------------------------------------------

    def is_valid_on(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    @property
    def ancestor_ids(self) -> list[int]:
        """This unit's and its ancestors' primary keys, read off the path."""
        return [int(pk) for pk in self.path.strip("/").split("/") if pk]

    @property
    def validity_display(self) -> str:
        return f"{_fmt(self.valid_from)} – {_fmt(self.valid_until)}"

    @property
    def full_name(self) -> str:
        """ "Xã Thạch Trung, Thành phố Hà Tĩnh, Tỉnh Hà Tĩnh" — cheap when the
        parents are select_related (the tree is at most three levels deep)."""
        names, unit = [], self
        while unit is not None:
            names.append(unit.name)
            unit = unit.parent
        return ", ".join(names)

    def successors_on(self, on: datetime.date) -> list["AdministrativeUnit"]:
        """The unit(s) this one had become as of `on`, following successor links.

        One query per reform passed through (each step fetches all links of
        the frontier at once), so the cost follows history, not tree size.
        """
        if self.is_valid_on(on):
            return [self]
        if on < self.valid_from:
            return []
        found, frontier, seen = {}, {self.pk}, {self.pk}
        while frontier:
            links = UnitSuccession.objects.filter(predecessor__in=frontier).select_related(
                "successor__parent"
            )
            frontier = set()
            for link in links:
                unit = link.successor
                if unit.pk in seen:
                    continue
                seen.add(unit.pk)
                if unit.is_valid_on(on):
                    found[unit.pk] = unit
                elif unit.valid_until is not None and unit.valid_until < on:
                    frontier.add(unit.pk)
        return sorted(found.values(), key=lambda u: (u.level, u.code))

    # -- validation ----------------------------------------------------------

    def clean(self):
        errors: dict[str, list] = {}
        if self.kind in KIND_LEVEL:
            self.level = KIND_LEVEL[UnitKind(self.kind)]
            if self.name:
                self.name = prefixed_name(self.name, self.kind)
            if self.code:
                try:
                    self.code = normalize_code(self.code, self.level)
                except InvalidCode as exc:
                    errors.setdefault("code", []).append(str(exc))
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors.setdefault("valid_until", []).append(
                _("The end of validity cannot be before its start.")
            )
        if (self.population is None) != (self.population_year is None):
            errors.setdefault("population_year", []).append(
                _("Give the population together with its year.")
            )
        for field, message in self._parent_errors():
            errors.setdefault(field, []).append(message)
        if self.pk and self.valid_until:
            outliving = self.children.filter(
                Q(valid_until__isnull=True) | Q(valid_until__gt=self.valid_until)
            ).count()
            if outliving:
                errors.setdefault("valid_until", []).append(
                    _("%(count)s units below this one are valid after %(day)s; end them first.")
                    % {"count": outliving, "day": _fmt(self.valid_until)}
                )
        if not errors and self.level and self.code and self.valid_from:
            clash = self._clashing_unit()
            if clash:
                errors.setdefault("code", []).append(
                    _(
                        "Code %(code)s is already used by %(name)s (valid %(validity)s) "
                        "in an overlapping period."
                    )
                    % {"code": self.code, "name": clash.name, "validity": clash.validity_display}
                )
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self):
        if not self.level:
            return
        if self.level == UnitLevel.PROVINCE:
            if self.parent_id:
                yield "parent", _("A province-level unit has no parent unit.")
            return
        parent = _related_or_none(self, "parent")
        if parent is None:
            yield "parent", _("Choose the unit this one belongs to.")
            return
        if parent.pk == self.pk or (self.pk and self.path and parent.path.startswith(self.path)):
            yield "parent", _("A unit cannot belong to itself or to a unit below it.")
        elif parent.level >= self.level:
            yield "parent", _("The parent unit must be at a higher level than this unit.")
        elif self.valid_from and not _within(
            self.valid_from, self.valid_until, parent.valid_from, parent.valid_until
        ):
            yield (
                "parent",
                _("The parent unit %(name)s is not valid throughout %(validity)s.")
                % {"name": parent.name, "validity": self.validity_display},
            )

    def _clashing_unit(self) -> "AdministrativeUnit | None":
        return (
            AdministrativeUnit.objects.filter(level=self.level, code=self.code)
            .overlapping(self.valid_from, self.valid_until)
            .exclude(pk=self.pk)
            .first()
        )


class UnitSuccession(models.Model):
    """`predecessor` became (wholly, or in part) `successor`."""

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("predecessor"),
        on_delete=models.PROTECT,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        related_name="predecessor_links",
    )
    partial = models.BooleanField(
        _("partial"),
        default=False,
        help_text=_("Only part of the predecessor went into the successor (it was split)."),
    )

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        ordering = ["predecessor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="succession_not_to_itself",
                violation_error_message=_("A unit cannot succeed itself."),
            ),
        ]

    def __str__(self) -> str:
        arrow = "⇢" if self.partial else "→"
        return f"{self.predecessor} {arrow} {self.successor}"


# ---------------------------------------------------------------------------
# Offices
# ---------------------------------------------------------------------------


class OfficeQuerySet(SearchQuerySet):
    def valid_on(self, on: datetime.date):
        return self.filter(_valid_on(on))

    def over(self, unit: "AdministrativeUnit", start: datetime.date, end: datetime.date):
        """Offices supervising `unit` at some time in [start, end]: attached
        to it or to a unit above it, and valid then. One query."""
        return self.filter(unit_id__in=unit.ancestor_ids).filter(_overlapping(start, end))

    def visible_to(self, user):
        """Offices a user may see: their own; administrators see all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(members=user)


class Office(models.Model):
    """A supervising body attached to a unit for a period: a Phòng GD&ĐT over a
    district until 30/06/2025, the Sở GD&ĐT over a province. Its staff see
    the unit's subtree; its recipients receive the reports."""

    name = NFCCharField(_("name"), max_length=255, db_collation=COLLATION)
    search_name = SearchKeyField(source="name")
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="offices",
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    report_recipients = NFCTextField(
        _("report recipients"),
        blank=True,
        help_text=_("Email addresses that receive reports, one per line or separated by commas."),
    )
    members = models.ManyToManyField(
        User, verbose_name=_("staff"), related_name="offices", blank=True
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="office_valid_until_after_valid_from",
                violation_error_message=_("The end of validity cannot be before its start."),
            ),
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="office_name_unique_per_unit",
                violation_error_message=_("This unit already has an office with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:centers_office_change", args=[self.pk])

    @property
    def recipient_list(self) -> list[str]:
        text = (self.report_recipients or "").replace(",", "\n").replace(";", "\n")
        return [line.strip() for line in text.split("\n") if line.strip()]

    def is_valid_on(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def scope_date(self, on: datetime.date | None = None) -> datetime.date:
        """`on` (default today) moved inside the office's validity: a closed
        office is looked at as of its last day."""
        on = on or timezone.localdate()
        if self.valid_until and on > self.valid_until:
            return self.valid_until
        return max(on, self.valid_from)

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of validity cannot be before its start.")
        invalid = [e for e in self.recipient_list if not _is_email(e)]
        if invalid:
            errors["report_recipients"] = _("Not an email address: %(list)s") % {
                "list": ", ".join(invalid)
            }
        unit = _related_or_none(self, "unit")
        if (
            not errors
            and unit
            and self.valid_from
            and not _within(self.valid_from, self.valid_until, unit.valid_from, unit.valid_until)
        ):
            errors["unit"] = _(
                "%(unit)s is valid %(validity)s; the office's validity must fall inside it."
            ) % {"unit": unit.name, "validity": unit.validity_display}
        if errors:
            raise ValidationError(errors)


def _related_or_none(instance: models.Model, field: str):
    """The related object, or None when unset or pointing at nothing (the
    field's own validation reports that case)."""
    try:
        return getattr(instance, field)
    except models.ObjectDoesNotExist:
        return None


def _is_email(value: str) -> bool:
    try:
        EmailValidator()(value)
    except ValidationError:
        return False
    return True


# ---------------------------------------------------------------------------
# Learning centers
# ---------------------------------------------------------------------------


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
        return self.filter(self._office_condition(user, on=on))

    def _office_condition(self, user, *, on: datetime.date | None) -> Q:
        condition = Q(pk__in=[])
        for office in Office.objects.filter(members=user).select_related("unit"):
            condition |= office_center_condition(office, on=on)
        return condition


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
