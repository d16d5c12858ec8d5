"""Reads for the imports: the drop-down lists of a user's template, and the
batch list."""

import datetime

from django.utils import timezone

from centers.models import AdministrativeUnit, LearningCenter
from centers.units import UnitLevel
from courses.models import Topic
from imports.models import ImportBatch, ImportKind
from imports.services import importable_centers
from imports.specs import EXAMPLE_DAY, SPECS
from imports.workbook import TemplateLists, template

MAX_LISTED = 5_000  # a drop-down longer than this helps nobody


def template_lists(kind: str, user, *, on: datetime.date | None = None) -> TemplateLists:
    """The values the template offers: active topics, the communes and wards
    within the user's scope as of `on` (today) for new centers, and for
    people and courses the centers of the user's scope, past ones too."""
    on = on or timezone.localdate()
    lists = TemplateLists()
    if kind == ImportKind.COURSES:
        lists.values["topic"] = list(
            Topic.objects.filter(is_active=True).values_list("name", flat=True)
        )
        centers = importable_centers(user)  # past courses: the centers of any time
    else:
        centers = LearningCenter.objects.office_scope(user)
    if kind == ImportKind.CENTERS:
        units = (
            AdministrativeUnit.objects.visible_to(user)
            .filter(level=UnitLevel.COMMUNE)
            .valid_on(on)
            .order_by("path")
        )
        lists.values["unit"] = list(units.values_list("name", flat=True)[:MAX_LISTED])
    else:
        lists.values["center"] = sorted(set(centers.values_list("name", flat=True)[:MAX_LISTED]))
    return lists


def template_workbook(kind: str, user):
    return template(SPECS[kind], template_lists(kind, user), example_day=EXAMPLE_DAY)


def batch_rows(user):
    """The batches `user` may see, newest first, with who imported them and
    for which center (joined, so the list costs the same for any length)."""
    return (
        ImportBatch.objects.visible_to(user)
        .select_related("created_by", "center", "undone_by")
        .defer("content")
        .order_by("-created_at", "-pk")
    )
