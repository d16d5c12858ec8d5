"""Helpers the centers models share: periods of validity, dates, search."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format

from centers.text import same_name, search_key


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


def _name_taken(instance: models.Model, queryset) -> bool:
    """Whether another row of the same unit has `instance`'s name regardless
    of case ("Trung tâm HTCĐ xã Thạch Trung" and "TRUNG TÂM HTCĐ XÃ THẠCH
    TRUNG"). The accent-free search key narrows the candidates in the
    database (indexed); Python's casefold decides, as SQLite's lower() knows
    only ASCII."""
    if not instance.name:
        return False
    candidates = (
        queryset.filter(unit_id=instance.unit_id, search_name=search_key(instance.name))
        .exclude(pk=instance.pk)
        .values_list("name", flat=True)
    )
    return any(same_name(instance.name, name) for name in candidates)
