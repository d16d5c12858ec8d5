"""Reads that several pages share. Each returns a queryset with everything
its table shows joined or annotated, so a page costs a fixed number of
queries whatever its rows."""

import datetime

from django.db.models import QuerySet, Subquery

from centers.models import Appointment


def center_rows(centers: QuerySet, *, on: datetime.date) -> QuerySet:
    """`centers` with unit, parent and the director's name on `on`."""
    director = Appointment.objects.director_of_each_center(on).values("full_name")[:1]
    return centers.select_related("unit__parent").annotate(director_name=Subquery(director))
