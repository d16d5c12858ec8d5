"""Writes to units, centers, appointments and offices. Each public function is
keyword-only, validates, and runs in one transaction."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from vietnam_provinces import Province, ProvinceCode, VietNamDivisionType, Ward

from centers.models import AdministrativeUnit, UnitSuccession
from centers.text import search_key
from centers.units import KIND_LEVEL, UnitKind, UnitLevel, normalize_code, prefixed_name

# The list vietnam-provinces ships took effect with the 2025 reform.
OFFICIAL_LIST_VALID_FROM = datetime.date(2025, 7, 1)

_PACKAGE_KIND = {
    VietNamDivisionType.TINH: UnitKind.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: UnitKind.MUNICIPALITY,
    VietNamDivisionType.XA: UnitKind.COMMUNE,
    VietNamDivisionType.PHUONG: UnitKind.WARD,
    VietNamDivisionType.DAC_KHU: UnitKind.SPECIAL_ZONE,
}


@dataclass
class UnitRow:
    """One unit as a source describes it, before it is matched to the database."""

    code: str
    name: str
    kind: str
    parent_code: str | None = None
    parent_level: int | None = None

    @property
    def level(self) -> int:
        return KIND_LEVEL[UnitKind(self.kind)]


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_by_level: dict[int, int] = field(default_factory=dict)


def units_upsert(
    *, rows: Iterable[UnitRow], valid_from: datetime.date, valid_until: datetime.date | None = None
) -> LoadResult:
    """Create or update units valid from `valid_from`, parents before children.

    A unit is matched by (level, code) among the units valid on
    `valid_from`; a match gets the row's name and kind, anything else is
    created. A code held by another unit in an overlapping period is
    refused (ValidationError naming the codes) and nothing is stored. Runs
    a fixed number of queries per level, so a national list loads in
    seconds.
    """
    rows = list(rows)
    result = LoadResult()
    with transaction.atomic():
        for level in UnitLevel:
            level_rows = [row for row in rows if row.level == level]
            if level_rows:
                _upsert_level(level, level_rows, valid_from, valid_until, result)
    return result


def _upsert_level(level, rows, valid_from, valid_until, result: LoadResult) -> None:
    codes = [row.code for row in rows]
    existing = {
        unit.code: unit
        for unit in AdministrativeUnit.objects.filter(level=level, code__in=codes)
        .valid_on(valid_from)
        .select_related("parent")
    }
    _refuse_clashes(level, codes, existing, valid_from, valid_until)
    parents = _parents_for(rows, valid_from)
    _refuse_moves(rows, existing, parents)
    to_create, to_update = [], []
    for row in rows:
        parent = parents.get((row.parent_level, row.parent_code)) if row.parent_code else None
        if row.parent_code and parent is None:
            raise ValidationError(
                _("Parent unit %(code)s of %(name)s is not valid on %(day)s.")
                % {
                    "code": row.parent_code,
                    "name": row.name,
                    "day": valid_from.strftime("%d/%m/%Y"),
                }
            )
        unit = existing.get(row.code)
        if unit is None:
            to_create.append(_new_unit(row, level, parent, valid_from, valid_until))
        elif (unit.name, unit.kind) != (row.name, row.kind):
            unit.name, unit.kind = row.name, row.kind
            unit.search_name = search_key(row.name)
            to_update.append(unit)
        else:
            result.unchanged += 1
    created = AdministrativeUnit.objects.bulk_create(to_create, batch_size=1000)
    _set_paths(created)
    AdministrativeUnit.objects.bulk_update(
        to_update, ["name", "kind", "search_name"], batch_size=1000
    )
    result.created += len(created)
    result.updated += len(to_update)
    result.created_by_level[level] = len(created)


def _new_unit(row: UnitRow, level, parent, valid_from, valid_until) -> AdministrativeUnit:
    return AdministrativeUnit(
        code=row.code,
        name=row.name,
        search_name=search_key(row.name),
        kind=row.kind,
        level=level,
        parent=parent,
        valid_from=valid_from,
        valid_until=valid_until,
    )


def _set_paths(units: list[AdministrativeUnit]) -> None:
    """bulk_create skips save(), so write the materialised paths here."""
    for unit in units:
        unit.path = f"{unit.parent.path if unit.parent_id else '/'}{unit.pk}/"
    AdministrativeUnit.objects.bulk_update(units, ["path"], batch_size=1000)


def _parents_for(rows: list[UnitRow], on: datetime.date) -> dict:
    wanted = {(row.parent_level, row.parent_code) for row in rows if row.parent_code}
    parents = {}
    for level in {lvl for lvl, _code in wanted}:
        codes = [code for lvl, code in wanted if lvl == level]
        for unit in AdministrativeUnit.objects.filter(level=level, code__in=codes).valid_on(on):
            parents[(level, unit.code)] = unit
    return parents


def _refuse_moves(rows: list[UnitRow], existing: dict, parents: dict) -> None:
    """A code whose unit would move to another parent is most likely a code
    reused for a new place (18100 was Xã Thạch Hạ, now Phường Trần Phú):
    refuse it, so the old unit is closed or merged first, not overwritten."""
    messages = []
    for row in rows:
        unit = existing.get(row.code)
        parent = parents.get((row.parent_level, row.parent_code)) if row.parent_code else None
        if unit is not None and unit.parent_id != (parent.pk if parent else None):
            messages.append(
                _(
                    "Code %(code)s is %(old)s (%(old_parent)s) but the list gives %(new)s "
                    "(%(new_parent)s): close or merge the old unit first."
                )
                % {
                    "code": row.code,
                    "old": unit.name,
                    "old_parent": unit.parent.name if unit.parent_id else "—",
                    "new": row.name,
                    "new_parent": parent.name if parent else "—",
                }
            )
    if messages:
        raise ValidationError(messages[:20])


def _refuse_clashes(level, codes, existing, valid_from, valid_until) -> None:
    clashes = (
        AdministrativeUnit.objects.filter(level=level, code__in=codes)
        .overlapping(valid_from, valid_until)
        .exclude(pk__in=[unit.pk for unit in existing.values()])
        .order_by("code")
    )
    messages = [
        _("Code %(code)s is already used by %(name)s (valid %(validity)s).")
        % {"code": unit.code, "name": unit.name, "validity": unit.validity_display}
        for unit in clashes[:20]
    ]
    if messages:
        raise ValidationError(messages)


def official_unit_rows(*, province_code: int | str | None = None) -> list[UnitRow]:
    """Today's provinces and communes from the vietnam-provinces package."""
    if province_code is not None:
        provinces = [Province.from_code(ProvinceCode(int(province_code)))]
    else:
        provinces = list(Province.iter_all())
    rows = []
    for province in provinces:
        province_kind = _PACKAGE_KIND[province.division_type]
        province_code_text = normalize_code(int(province.code), UnitLevel.PROVINCE)
        rows.append(
            UnitRow(
                code=province_code_text,
                name=prefixed_name(province.name, province_kind),
                kind=province_kind,
            )
        )
        for ward in Ward.iter_by_province(province.code):
            kind = _PACKAGE_KIND[ward.division_type]
            rows.append(
                UnitRow(
                    code=normalize_code(int(ward.code), UnitLevel.COMMUNE),
                    name=prefixed_name(ward.name, kind),
                    kind=kind,
                    parent_code=province_code_text,
                    parent_level=UnitLevel.PROVINCE,
                )
            )
    return rows


def units_load_official(
    *, province_code: int | str | None = None, valid_from: datetime.date = OFFICIAL_LIST_VALID_FROM
) -> LoadResult:
    """Load today's official units (34 provinces, 3,321 communes) from the
    vietnam-provinces package, or one province's. Idempotent: a rerun
    updates names and adds nothing."""
    return units_upsert(rows=official_unit_rows(province_code=province_code), valid_from=valid_from)


@dataclass
class MergeSource:
    unit: AdministrativeUnit
    partial: bool = False


def units_merge(
    *, into: AdministrativeUnit, sources: list[MergeSource], on: datetime.date
) -> list[UnitSuccession]:
    """Record that `sources` (some perhaps only in part) became `into` on `on`.

    Whole sources are closed on the day before; a source given as partial
    stays open until its last part is recorded (given without `partial`).
    Every link is kept; nothing attached to a source is moved or deleted —
    reports about the past still find the old unit and its centers.
    Rerunning the same merge changes nothing.
    """
    day_before = on - datetime.timedelta(days=1)
    with transaction.atomic():
        locked = _lock_units([into.pk, *[s.unit.pk for s in sources]])
        into = locked[into.pk]
        _check_merge(into, [(locked[s.unit.pk], s.partial) for s in sources], on)
        links = []
        for source in sources:
            unit = locked[source.unit.pk]
            split = source.partial or unit.successor_links.exclude(successor=into).exists()
            link, _created = UnitSuccession.objects.update_or_create(
                predecessor=unit, successor=into, defaults={"partial": split}
            )
            links.append(link)
            if not source.partial and unit.valid_until != day_before:
                unit.valid_until = day_before
                unit.save(update_fields=["valid_until"])
        return links


def _lock_units(pks: list[int]) -> dict[int, AdministrativeUnit]:
    """Lock the rows a merge changes, so two merges of one unit run one at a time."""
    units = AdministrativeUnit.objects.select_for_update().filter(pk__in=pks)
    return {unit.pk: unit for unit in units}


def _check_merge(into, sources, on: datetime.date) -> None:
    day_before = on - datetime.timedelta(days=1)
    errors = []
    if not sources:
        errors.append(_("Choose the units that were merged."))
    if not into.is_valid_on(on):
        errors.append(
            _("%(unit)s is not valid on %(day)s.")
            % {"unit": into.name, "day": on.strftime("%d/%m/%Y")}
        )
    for unit, partial in sources:
        if unit.pk == into.pk:
            errors.append(_("%(unit)s cannot be merged into itself.") % {"unit": unit.name})
        elif not unit.is_valid_on(day_before):
            errors.append(
                _("%(unit)s was not valid on %(day)s, the day before the merge.")
                % {"unit": unit.name, "day": day_before.strftime("%d/%m/%Y")}
            )
        elif not partial:
            errors.extend(_open_children_errors(unit, day_before))
    if errors:
        raise ValidationError(errors)


def _open_children_errors(unit, day_before) -> list[str]:
    open_children = unit.children.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=day_before)
    ).count()
    if not open_children:
        return []
    return [
        _("%(unit)s still has %(count)s units valid after %(day)s; record their merges first.")
        % {"unit": unit.name, "count": open_children, "day": day_before.strftime("%d/%m/%Y")}
    ]
