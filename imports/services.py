"""Importing centers, appointments and courses from Excel, all or nothing,
and undoing an import.

`import_check` is the dry run: every row goes through the same services
and validation as the forms (courses through `courses.services`, whose
full_clean() refuses a date inside a submitted or approved period with
the lock's reason), inside a transaction that is then rolled back — so
the problems it lists are exactly those the import would meet.
`import_run` does the same and keeps the result when there is no problem
at all. A row that is already in the database (same center and name,
same person, role and start, same course title, topic and start date) is
counted as present and not created again: importing a file twice, or
re-importing an exported course list, adds nothing.
"""

import datetime
import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from centers.models import (
    AdministrativeUnit,
    Appointment,
    LearningCenter,
    Office,
    User,
)
from centers.text import search_key
from centers.units import UnitLevel
from courses.models import Activity, Course, Submission
from courses.scoping import SYSTEM, writer_terms
from courses.selectors import course_warnings
from courses.services import course_create, lock_centers, record_delete, record_save
from imports.models import BatchStatus, ImportBatch, ImportedRecord, ImportKind
from imports.reading import ImportRefused, Problem, SheetRow, open_sheet
from imports.specs import SPECS

UNIT_PREFIXES = ("xa ", "phuong ", "thi tran ", "dac khu ")


@dataclass
class ImportResult:
    kind: str
    filename: str
    sha256: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    batch: ImportBatch | None = None
    on_behalf: bool = False
    center: LearningCenter | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def ok(self) -> bool:
        return not self.errors


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# -- who may import what ----------------------------------------------------------


def may_import(user: User, kind: str) -> bool:
    """Office staff (and administrators) import centers and appointments;
    courses also a center's director, deputies and staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or Office.objects.filter(members=user).exists():
        return True
    return kind == ImportKind.COURSES and writer_terms(user).exists()


def importable_centers(user: User):
    """The centers whose courses `user` may import: those of the offices
    they work at (on the center's behalf), and those of their own writing
    appointments (each row still within one of their terms)."""
    own = writer_terms(user).values("center")
    return LearningCenter.objects.filter(
        pk__in=LearningCenter.objects.office_scope(user).values("pk")
    ) | LearningCenter.objects.filter(pk__in=own)


def _require_may_import(actor: User, kind: str) -> None:
    if not may_import(actor, kind):
        raise PermissionDenied(
            _(
                "Only office staff import centers and appointments; "
                "a center's staff import its courses."
            )
        )


# -- the two entry points -----------------------------------------------------------


def import_check(
    *, kind: str, content: bytes, filename: str, actor: User, center: LearningCenter | None = None
) -> ImportResult:
    """The dry run: every problem of the file, by sheet, row and column, and
    the warnings, with nothing written."""
    return _import(kind, content, filename, actor, center, dry_run=True, batch=None)


def import_run(
    *,
    kind: str,
    content: bytes,
    filename: str,
    actor: User,
    center: LearningCenter | None = None,
    batch: ImportBatch | None = None,
) -> ImportResult:
    """Import the file, all or nothing: with any problem nothing is written
    and the result lists the problems; otherwise an ImportBatch records who
    imported which file and what it created (`batch`, when given, is the
    checked upload that becomes it)."""
    return _import(kind, content, filename, actor, center, dry_run=False, batch=batch)


def batch_confirm(*, actor: User, batch: ImportBatch) -> ImportResult:
    """Import a checked upload for real, once: the batch row is locked, so a
    second click (or tab) waits and then finds it no longer waiting. With
    any problem nothing is written and the batch is recorded as refused,
    with the problems, in the same transaction."""
    if batch.created_by_id != actor.pk:
        raise PermissionDenied(_("Only whoever uploaded the file can confirm its import."))
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == BatchStatus.EXPIRED:
            raise ValidationError(
                _("This check is more than %(hours)s hours old: upload the file again.")
                % {"hours": settings.IMPORT_CHECKED_KEEP_HOURS}
            )
        if batch.status != BatchStatus.CHECKED:
            raise ValidationError(_("This file is not waiting for confirmation."))
        result = import_run(
            kind=batch.kind,
            content=bytes(batch.content),
            filename=batch.filename,
            actor=actor,
            center=batch.center,
            batch=batch,
        )
        if not result.ok:
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=BatchStatus.REFUSED,
                content=b"",
                problems=problems_as_dicts(result.problems),
            )
    return result


def checked_batches_expire(*, now: datetime.datetime | None = None) -> int:
    """Checked uploads nobody confirmed within IMPORT_CHECKED_KEEP_HOURS
    expire: their files leave the database. One statement: a confirmation
    under way holds the batch's row, and the batch it leaves done or
    refused is no longer checked. Returns how many expired."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.IMPORT_CHECKED_KEEP_HOURS)
    return ImportBatch.objects.filter(status=BatchStatus.CHECKED, created_at__lt=cutoff).update(
        status=BatchStatus.EXPIRED, content=b""
    )


def _import(kind, content, filename, actor, center, *, dry_run, batch) -> ImportResult:
    _require_may_import(actor, kind)
    if center is not None and not importable_centers(actor).filter(pk=center.pk).exists():
        raise PermissionDenied(_("You cannot import courses for %(center)s.") % {"center": center})
    result = ImportResult(kind, filename, sha256_of(content), dry_run, center=center)
    try:
        sheet = open_sheet(io.BytesIO(content), SPECS[kind])
    except ImportRefused as refused:
        result.problems = refused.problems
        return result
    _previous_import_warning(result, actor)
    importer = IMPORTERS[kind](actor, sheet.sheet, center)
    with transaction.atomic():
        batch = _open_batch(result, actor, batch)
        try:
            for row in sheet.rows():  # streamed: one row in memory at a time
                _import_row(importer, row, result, batch)
        except ImportRefused as refused:
            result.problems += refused.problems
        result.rows = sheet.count
        if not sheet.count and not result.errors:
            result.problems.append(sheet.empty_problem())
        result.problems += sheet.warnings()
        ImportedRecord.objects.bulk_create(importer.links, batch_size=1_000)
        if result.errors or dry_run:
            transaction.set_rollback(True)
        else:
            _close_batch(batch, result, importer)
    if not result.errors and not dry_run:
        result.batch = batch
    return result


def _previous_import_warning(result: ImportResult, actor: User) -> None:
    earlier = (
        ImportBatch.objects.filter(
            kind=result.kind, sha256=result.sha256, status=BatchStatus.DONE, created_by=actor
        )
        .order_by("-imported_at")
        .first()
    )
    if earlier:
        result.problems.append(
            Problem(
                result.filename,
                None,
                "",
                _(
                    "This file was imported before (batch #%(batch)s); rows already present "
                    "are not created again."
                )
                % {"batch": earlier.pk},
                warning=True,
            )
        )


def _open_batch(result: ImportResult, actor: User, batch: ImportBatch | None) -> ImportBatch:
    if batch is None:
        batch = ImportBatch(kind=result.kind, created_by=actor, filename=result.filename[:255])
    batch.status = BatchStatus.DONE
    batch.sha256 = result.sha256
    batch.save()
    return batch


def _close_batch(batch: ImportBatch, result: ImportResult, importer) -> None:
    batch.rows, batch.created, batch.skipped = result.rows, result.created, result.skipped
    batch.imported_at = timezone.now()
    batch.content = b""
    batch.problems = [_as_dict(p) for p in result.problems]
    centers = importer.centers_used
    batch.center = next(iter(centers)) if len(centers) == 1 else result.center
    batch.on_behalf = importer.on_behalf
    result.on_behalf = importer.on_behalf
    batch.save()


def _as_dict(problem: Problem) -> dict:
    return {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "message": problem.message,
        "warning": problem.warning,
    }


def problems_as_dicts(problems: list[Problem]) -> list[dict]:
    return [_as_dict(p) for p in problems]


def _import_row(importer, row: SheetRow, result: ImportResult, batch: ImportBatch) -> None:
    if row.problems:
        result.problems += row.problems
        return
    try:
        with transaction.atomic():
            record = importer.row(row, result)
    except ValidationError as error:
        result.problems += importer.problems(row, error)
        return
    except PermissionDenied as error:
        result.problems.append(Problem(importer.sheet, row.number, "", str(error)))
        return
    if record is None:
        result.skipped += 1
        return
    result.created += 1
    importer.links.append(
        ImportedRecord(
            batch=batch,
            content_type=ContentType.objects.get_for_model(type(record)),
            object_id=record.pk,
            row=row.number,
        )
    )


# -- finding units and centers -----------------------------------------------------------


class _Importer:
    """Shared by the three importers: the sheet's name, the rows seen
    (duplicates within the file), the columns a model field comes from."""

    kind = ""
    field_columns: dict[str, str] = {}

    def __init__(self, actor: User, sheet: str, center: LearningCenter | None):
        self.actor = actor
        self.sheet = sheet
        self.center = center
        self.spec = SPECS[self.kind]
        self.seen: dict[tuple, int] = {}
        self.centers_used: set[LearningCenter] = set()
        self.on_behalf = False
        self.links: list[ImportedRecord] = []

    def error(self, row: SheetRow, key: str, message: str) -> ValidationError:
        return ValidationError({key: message})

    def problems(self, row: SheetRow, error: ValidationError) -> list[Problem]:
        problems = []
        errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        for field_name, messages in errors.items():
            key = self.field_columns.get(field_name, field_name)
            label = next((str(c.label) for c in self.spec.columns if c.key == key), "")
            problems += [Problem(self.sheet, row.number, label, m) for m in messages]
        return problems

    def check_duplicate(self, row: SheetRow, key: tuple) -> None:
        first = self.seen.setdefault(key, row.number)
        if first != row.number:
            raise ValidationError(
                {"": _("This row repeats row %(row)s of the file.") % {"row": first}}
            )


class _UnitFinder:
    """The communes and wards in the actor's scope, found by code or by
    name without accents ("thach trung" finds "Xã Thạch Trung")."""

    def __init__(self, actor: User):
        units = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
        if not actor.is_superuser:
            units = units.filter(pk__in=AdministrativeUnit.objects.visible_to(actor).values("pk"))
            paths = list(Office.objects.filter(members=actor).values_list("unit__path", flat=True))
            units = units.filter(_path_condition(paths))
        self.units = units

    def find(self, code: str | None, name: str | None, on: datetime.date) -> AdministrativeUnit:
        if code:
            matches = list(self.units.by_code(str(code), level=UnitLevel.COMMUNE))
            if not matches:
                raise ValidationError(
                    {
                        "unit_code": _("No commune or ward with code %(code)s in your area.")
                        % {"code": code}
                    }
                )
        elif name:
            matches = self._by_name(name)
            if not matches:
                raise ValidationError(
                    {
                        "unit": _("No commune or ward called “%(name)s” in your area.")
                        % {"name": name}
                    }
                )
        else:
            raise ValidationError({"unit_code": _("Give the unit's code or its name.")})
        current = [u for u in matches if u.is_valid_on(on)] or matches
        if len(current) > 1:
            raise ValidationError(
                {
                    ("unit_code" if code else "unit"): _(
                        "“%(value)s” matches several units: %(units)s. Give the unit's code."
                    )
                    % {"value": code or name, "units": "; ".join(_unit_label(u) for u in current)}
                }
            )
        return current[0]

    def _by_name(self, name: str) -> list[AdministrativeUnit]:
        key = search_key(name)
        bare = next((key[len(p) :] for p in UNIT_PREFIXES if key.startswith(p)), key)
        return list(
            self.units.filter(
                search_name__in=[key, *(p + bare for p in UNIT_PREFIXES)]
            ).select_related("parent")
        )


def _unit_label(unit: AdministrativeUnit) -> str:
    parent = unit.parent.name if unit.parent_id else ""
    return f"{unit.name} ({unit.code}{', ' + parent if parent else ''})"


def _path_condition(paths: list[str]):
    from django.db.models import Q

    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


class _CenterFinder:
    """The centers a row names — by unit code, or by the center's (or its
    unit's) name without accents — among `centers`, open on the row's date."""

    def __init__(self, centers):
        self.centers = centers.select_related("unit__parent")
        self.found: dict[tuple, list[LearningCenter]] = {}  # a file names few centers

    def find(self, row: SheetRow, on: datetime.date) -> LearningCenter:
        values = row.values
        code, unit, name = values.get("unit_code"), values.get("unit"), values.get("center")
        key = (code, search_key(unit), search_key(name))
        if key not in self.found:
            self.found[key] = self._candidates(code, unit, name)
        found = self.found[key]
        open_then = [c for c in found if c.is_active_on(on)] or found
        column = "center" if name else ("unit_code" if code else "unit")
        if not open_then:
            raise ValidationError({column: _("No learning center matches this row in your area.")})
        if len(open_then) > 1:
            raise ValidationError(
                {
                    column: _(
                        "This row matches several centers: %(centers)s. Give the unit's code."
                    )
                    % {"centers": "; ".join(f"{c.name} ({_unit_label(c.unit)})" for c in open_then)}
                }
            )
        return open_then[0]

    def _candidates(self, code, unit, name) -> list[LearningCenter]:
        matches = self.centers
        if code:
            matches = matches.filter(unit__in=AdministrativeUnit.objects.by_code(str(code)))
        elif unit:
            key = search_key(unit)
            bare = next((key[len(p) :] for p in UNIT_PREFIXES if key.startswith(p)), key)
            matches = matches.filter(
                unit__search_name__in=[key, *(p + bare for p in UNIT_PREFIXES)]
            )
        if name:
            matches = matches.filter(search_name=search_key(name))
        elif not (code or unit):
            raise ValidationError({"center": _("Give the center, or its unit's code.")})
        return list(matches[:10])


# -- centers ------------------------------------------------------------------------------


class CenterImporter(_Importer):
    kind = ImportKind.CENTERS
    field_columns = {"unit": "unit", "established_on": "established_on", "__all__": ""}

    def __init__(self, actor, sheet, center):
        super().__init__(actor, sheet, center)
        self.units = _UnitFinder(actor)

    def row(self, row: SheetRow, result: ImportResult) -> LearningCenter | None:
        values = row.values
        unit = self.units.find(
            values.get("unit_code"), values.get("unit"), values["established_on"]
        )
        self.check_duplicate(row, (unit.pk, search_key(values["name"])))
        if LearningCenter.objects.filter(
            unit=unit, search_name=search_key(values["name"])
        ).exists():
            return None
        center = LearningCenter(
            unit=unit,
            name=values["name"],
            established_on=values["established_on"],
            address=values.get("address") or "",
            phone=values.get("phone") or "",
            email=values.get("email") or "",
        )
        center.full_clean()
        center.save()
        return center


# -- appointments ---------------------------------------------------------------------------


class AppointmentImporter(_Importer):
    kind = ImportKind.APPOINTMENTS
    field_columns = {"center": "center", "__all__": ""}

    def __init__(self, actor, sheet, center):
        super().__init__(actor, sheet, center)
        self.finder = _CenterFinder(LearningCenter.objects.office_scope(actor))

    def row(self, row: SheetRow, result: ImportResult) -> Appointment | None:
        values = row.values
        center = self.finder.find(row, values["start_date"])
        key = (center.pk, search_key(values["full_name"]), values["role"], values["start_date"])
        self.check_duplicate(row, key)
        existing = Appointment.objects.filter(
            center=center,
            full_name=values["full_name"],
            role=values["role"],
            start_date=values["start_date"],
        )
        if existing.exists():
            return None
        appointment = Appointment(
            center=center,
            full_name=values["full_name"],
            role=values["role"],
            home_post=values.get("home_post") or "",
            phone=values.get("phone") or "",
            email=values.get("email") or "",
            start_date=values["start_date"],
            end_date=values.get("end_date"),
        )
        appointment.full_clean()
        appointment.save()
        return appointment


# -- courses ----------------------------------------------------------------------------------

COURSE_FIELDS = (
    "title",
    "format",
    "start_date",
    "end_date",
    "sessions",
    "instructor",
    "location",
    "funding_source",
    "funding_amount",
    "participants_total",
    "participants_women",
    "participants_ethnic_minority",
    "notes",
)


# A row matching a recorded course with other figures is not imported over it.
FIGURES = (
    "end_date",
    "sessions",
    "participants_total",
    "participants_women",
    "participants_ethnic_minority",
)


def _differs_warning(sheet: str, row: int) -> Problem:
    return Problem(
        sheet,
        row,
        "",
        _(
            "This course is already recorded with other figures; the import leaves it as "
            "it is. Correct it on its page if the file is right."
        ),
        warning=True,
    )


class CourseImporter(_Importer):
    kind = ImportKind.COURSES
    field_columns = {"topic": "topic", "__all__": ""}

    def __init__(self, actor, sheet, center):
        super().__init__(actor, sheet, center)
        self.finder = _CenterFinder(importable_centers(actor))
        self.office_centers = (
            set(LearningCenter.objects.office_scope(actor).values_list("pk", flat=True))
            if not actor.is_superuser
            else None
        )
        self.present: dict[int, dict[tuple, tuple]] = {}
        self.behalf: dict[int, bool] = {}

    def row(self, row: SheetRow, result: ImportResult) -> Course | None:
        values = row.values
        start = values["start_date"]
        center = self.center or self.finder.find(row, start)
        fields = {name: values.get(name) for name in COURSE_FIELDS}
        fields["end_date"] = fields["end_date"] or start
        fields["sessions"] = fields["sessions"] or 1
        for text in ("instructor", "location", "notes", "funding_source"):
            fields[text] = fields[text] or ""
        key = (center.pk, search_key(values["title"]), values["topic"], start)
        self.check_duplicate(row, key)
        self.centers_used.add(center)
        present = self._present(center)
        if key in present:
            if present[key] != tuple(fields[name] for name in FIGURES):
                result.problems.append(_differs_warning(self.sheet, row.number))
            return None
        # An office reads every course of the centers in its scope: the
        # plausibility check reads them as the system (a plain indexed
        # lookup, not the scoping subqueries once per row).
        viewer = SYSTEM if self._on_behalf(center) else self.actor
        if viewer is SYSTEM:
            course = self._create_on_behalf(center, values["topic"], fields)
        else:
            course = course_create(
                actor=self.actor, center=center, topic_id=values["topic"], **fields
            )
        result.problems += [
            Problem(self.sheet, row.number, "", warning, warning=True)
            for warning in course_warnings(course, viewer=viewer)
        ]
        return course

    def _present(self, center: LearningCenter) -> dict[tuple, tuple]:
        """The center's courses already recorded, by the key a row is
        matched on, with their figures: one query per center, not one per row."""
        if center.pk not in self.present:
            courses = Course.objects.filter(center=center).values_list(
                "search_title", "topic_id", "start_date", *FIGURES
            )
            self.present[center.pk] = {
                (center.pk, *course[:3]): tuple(course[3:]) for course in courses
            }
        return self.present[center.pk]

    def _on_behalf(self, center: LearningCenter) -> bool:
        """An office (or administrator) imports for a center in its scope,
        without an appointment there: recorded as on the center's behalf."""
        if center.pk not in self.behalf:
            behalf = True if self.office_centers is None else center.pk in self.office_centers
            if behalf and writer_terms(self.actor).filter(center=center).exists():
                behalf = False  # they work at the center too: their own record
            self.behalf[center.pk] = behalf
        self.on_behalf = self.on_behalf or self.behalf[center.pk]
        return self.behalf[center.pk]

    def _create_on_behalf(self, center, topic_id, fields) -> Course:
        course = Course(center=center, created_by=self.actor, topic_id=topic_id, **fields)
        record_save(course, self.actor)  # the center's lock, full_clean(), history
        return course


IMPORTERS = {
    ImportKind.CENTERS: CenterImporter,
    ImportKind.APPOINTMENTS: AppointmentImporter,
    ImportKind.COURSES: CourseImporter,
}


# -- undo -----------------------------------------------------------------------------------------


def batch_undo(*, actor: User, batch: ImportBatch) -> int:
    """Delete everything the batch created, newest first, in one
    transaction — or nothing, with the reasons, when something depends on
    it: a course edited since or inside a period now submitted or
    approved, an appointment linked to a user account, a center with
    records or people the batch did not bring. Returns how many records
    were deleted."""
    if not (actor.is_superuser or batch.created_by_id == actor.pk):
        raise PermissionDenied(_("Only whoever imported a batch can undo it."))
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != BatchStatus.DONE:
            raise ValidationError(_("Only an imported batch can be undone."))
        links = list(batch.records.select_related("content_type").order_by("-pk"))
        records = _load(links)
        reasons = _undo_blockers(batch, links, records)
        if reasons:
            raise ValidationError(reasons)
        centers = {r.center_id for r in records.values() if isinstance(r, Course)}
        lock_centers(*centers)
        refused = []
        for link in links:
            record = records.get((link.content_type_id, link.object_id))
            if record is None:
                continue
            try:
                with transaction.atomic():  # a savepoint: what still refers to it stays whole
                    if isinstance(record, Course):
                        record_delete(record, actor)
                    else:
                        record.delete()
            except (ProtectedError, RestrictedError) as error:
                refused.append(_still_referred(link.row, record, error))
        if refused:  # nothing is deleted: the outer transaction rolls back
            raise ValidationError(refused)
        batch.status = BatchStatus.UNDONE
        batch.undone_at = timezone.now()
        batch.undone_by = actor
        batch.save(update_fields=["status", "undone_at", "undone_by"])
    return len(records)


def _load(links: list[ImportedRecord]) -> dict:
    by_type = defaultdict(list)
    for link in links:
        by_type[link.content_type].append(link.object_id)
    records = {}
    for content_type, ids in by_type.items():
        for record in content_type.model_class()._base_manager.filter(pk__in=ids):
            records[(content_type.pk, record.pk)] = record
    return records


def _still_referred(row: int, record, error) -> str:
    """Why a record cannot go: the database still has rows that refer to it
    (for a center: its campaign reports, deadline extensions, reminders,
    other import batches — whatever the checks above do not name)."""
    referring = getattr(error, "protected_objects", None) or error.restricted_objects
    kinds = sorted({str(obj._meta.verbose_name) for obj in referring})
    reason = _("%(record)s is still referred to by: %(kinds)s.") % {
        "record": record,
        "kinds": ", ".join(kinds),
    }
    return _("Row %(row)s: %(reason)s") % {"row": row, "reason": reason}


def _undo_blockers(batch, links, records) -> list[str]:
    reasons = []
    row_of = {(link.content_type_id, link.object_id): link.row for link in links}
    ours = {(type(r), r.pk) for r in records.values()}
    for key, record in records.items():
        row = row_of[key]
        reason = _blocker(record, ours)
        if reason:
            reasons.append(_("Row %(row)s: %(reason)s") % {"row": row, "reason": reason})
    return reasons


def _blocker(record, ours: set) -> str | None:
    if isinstance(record, Course):
        if record.version != 1:
            return _("the course “%(title)s” was changed after the import.") % {
                "title": record.title
            }
        lock = Submission.objects.lock_for(record.center_id, record.start_date)
        if lock:
            return lock.lock_message()
        return None
    if isinstance(record, Appointment):
        if record.user_id:
            return _("%(name)s now has a user account linked to this appointment.") % {
                "name": record.full_name
            }
        return None
    if isinstance(record, LearningCenter):
        others = (
            Course.objects.filter(center=record)
            .exclude(pk__in=[pk for model, pk in ours if model is Course])
            .exists()
            or Appointment.objects.filter(center=record)
            .exclude(pk__in=[pk for model, pk in ours if model is Appointment])
            .exists()
            or Activity.objects.filter(center=record).exists()
            or Submission.objects.filter(center=record).exists()
        )
        if others:
            return _("%(center)s now has records or people of its own.") % {"center": record.name}
    return None
