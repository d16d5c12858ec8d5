"""The courses app's models: what a center records (`records`) and the
life cycle of its figures per period (`submissions`)."""

from courses.models.campaigns import *  # noqa: F403
from courses.models.campaigns import __all__ as _campaigns
from courses.models.records import *  # noqa: F403
from courses.models.records import __all__ as _records
from courses.models.submissions import (
    DEFAULT_DEADLINE_DAYS,
    IN_HANDS,
    IN_HANDS_AFTER,
    CollectedPeriod,
    DeadlineExtension,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
)

__all__ = [
    *_records,
    *_campaigns,
    "DEFAULT_DEADLINE_DAYS",
    "IN_HANDS",
    "IN_HANDS_AFTER",
    "CollectedPeriod",
    "DeadlineExtension",
    "Submission",
    "SubmissionAction",
    "SubmissionEvent",
    "SubmissionStatus",
]
