"""Administrative units with history, learning centers, appointments, offices
and users — and the scoping every other app starts from (`visible_to`)."""

from centers.models.base import SearchQuerySet
from centers.models.learning_centers import (
    Appointment,
    AppointmentQuerySet,
    AppointmentRole,
    CenterStatus,
    LearningCenter,
    LearningCenterQuerySet,
    office_center_condition,
)
from centers.models.offices import Office, OfficeQuerySet
from centers.models.units import (
    AdministrativeUnit,
    AdministrativeUnitQuerySet,
    UnitKind,
    UnitLevel,
    UnitSuccession,
)
from centers.models.users import AccountAction, AccountActionKind, User

__all__ = [
    "AccountAction",
    "AccountActionKind",
    "AdministrativeUnit",
    "AdministrativeUnitQuerySet",
    "Appointment",
    "AppointmentQuerySet",
    "AppointmentRole",
    "CenterStatus",
    "LearningCenter",
    "LearningCenterQuerySet",
    "Office",
    "OfficeQuerySet",
    "SearchQuerySet",
    "UnitKind",
    "UnitLevel",
    "UnitSuccession",
    "User",
    "office_center_condition",
]
