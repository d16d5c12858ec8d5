"""The cast of the center workspace: a center with a director whose term
covers 2020, a second center with its own director, an office user and a
collaborator, all built with factories (fast, no demo)."""

import datetime
from dataclasses import dataclass

import pytest

from centers.models import AppointmentRole, LearningCenter, User
from tests.factories import (
    AppointmentFactory,
    CenterFactory,
    OfficeFactory,
    TopicFactory,
    UserFactory,
)

TERM_START = datetime.date(2020, 1, 1)
TERM_END = datetime.date(2025, 6, 30)


@dataclass
class Cast:
    center: LearningCenter
    other_center: LearningCenter
    director: User  # alice: director of `center`, 2020 – 30/06/2025
    other_director: User  # bob: director of `other_center`
    officer: User  # charlie: office over both centers (reads only)
    collaborator: User  # dana: collaborator at `center` (reads only)


@pytest.fixture
def cast(db) -> Cast:
    TopicFactory(name="Chuyển giao khoa học kỹ thuật")
    center = CenterFactory()
    other_center = CenterFactory(unit__parent=center.unit.parent)
    director = UserFactory(username="alice")
    AppointmentFactory(center=center, user=director, start_date=TERM_START, end_date=TERM_END)
    other_director = UserFactory(username="bob")
    AppointmentFactory(center=other_center, user=other_director, start_date=TERM_START)
    officer = UserFactory(username="charlie")
    OfficeFactory(unit=center.unit.parent, members=[officer])
    collaborator = UserFactory(username="dana")
    AppointmentFactory(
        center=center,
        user=collaborator,
        role=AppointmentRole.COLLABORATOR,
        start_date=TERM_START,
    )
    return Cast(center, other_center, director, other_director, officer, collaborator)
