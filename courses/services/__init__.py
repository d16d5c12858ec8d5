"""Writes of the courses app: a center's records (`records`) and its period
reports (`submissions`). Every public function is keyword-only, typed,
checks who may act, runs full_clean() and works in one transaction."""

from courses.services.records import (
    DuplicateSubmission,
    activity_create,
    activity_delete,
    activity_update,
    campaign_report_is_open,
    campaign_report_save,
    course_create,
    course_delete,
    course_update,
    form_token_result,
    lock_centers,
    record_delete,
    record_save,
    require_unlocked,
)
from courses.services.submissions import (
    deadline_extend,
    submission_approve,
    submission_prepare,
    submission_reopen,
    submission_return,
    submission_submit,
    submission_withdraw,
)

__all__ = [
    "DuplicateSubmission",
    "activity_create",
    "activity_delete",
    "activity_update",
    "campaign_report_is_open",
    "campaign_report_save",
    "course_create",
    "course_delete",
    "course_update",
    "deadline_extend",
    "form_token_result",
    "lock_centers",
    "record_delete",
    "record_save",
    "require_unlocked",
    "submission_approve",
    "submission_prepare",
    "submission_reopen",
    "submission_return",
    "submission_submit",
    "submission_withdraw",
]
