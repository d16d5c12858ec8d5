"""Administrative units with history: the tree, validity and lineage."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centers.fields import NFCCharField, SearchKeyField
from centers.models.base import (
    SearchQuerySet,
    _fmt,
    _overlapping,
    _related_or_none,
    _valid_on,
    _within,
)
from centers.text import COLLATION, search_key
from centers.units import (
    CODE_WIDTH,
    KIND_LEVEL,
    InvalidCode,
    UnitKind,
    UnitLevel,
    name_in_sentence,
    normalize_code,
    prefixed_name,
)


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

    def became(self, units: list["AdministrativeUnit"], on: datetime.date) -> dict:
        """What each of `units` had become on `on`, following successor links:
        {unit id: [(unit valid on `on`, partial)]} — `partial` when some link
        on the way took only part of a unit (Đại Nài was split). A unit
        still valid is itself. One query per reform passed through, however
        many units (the links of the whole frontier are read at once)."""
        result: dict[int, list] = {}
        # (start unit id, current unit id, partial so far)
        frontier: list[tuple[int, int, bool]] = []
        for unit in units:
            if unit.is_valid_on(on):
                result[unit.pk] = [(unit, False)]
            else:
                result[unit.pk] = []
                if unit.valid_until is not None and unit.valid_until < on:
                    frontier.append((unit.pk, unit.pk, False))
        seen = {(start, current) for start, current, _partial in frontier}
        while frontier:
            links = UnitSuccession.objects.filter(
                predecessor__in={current for _s, current, _p in frontier}
            ).select_related("successor__parent__parent")
            by_predecessor: dict[int, list] = {}
            for link in links:
                by_predecessor.setdefault(link.predecessor_id, []).append(link)
            next_frontier = []
            for start, current, partial in frontier:
                for link in by_predecessor.get(current, []):
                    unit, part = link.successor, partial or link.partial
                    if (start, unit.pk) in seen:
                        continue
                    seen.add((start, unit.pk))
                    if unit.is_valid_on(on):
                        result[start].append((unit, part))
                    elif unit.valid_until is not None and unit.valid_until < on:
                        next_frontier.append((start, unit.pk, part))
            frontier = next_frontier
        return result

    def visible_to(self, user):
        """Units a user may look after: administrators all; office staff
        their offices' subtrees; center staff the units of their centers."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        condition = Q(centers__appointments__user=user)
        from centers.models.offices import Office  # offices import units

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
        """ "Xã Thạch Trung, thành phố Hà Tĩnh, tỉnh Hà Tĩnh" (the parents' kind
        words in lower case, as in an address) — cheap when the parents are
        select_related (the tree is at most three levels deep)."""
        names, unit = [self.name], self.parent
        while unit is not None:
            names.append(unit.name_in_sentence)
            unit = unit.parent
        return ", ".join(names)

    @property
    def name_in_sentence(self) -> str:
        """ "thành phố Hà Tĩnh": the name as written inside a sentence."""
        return name_in_sentence(self.name)

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
