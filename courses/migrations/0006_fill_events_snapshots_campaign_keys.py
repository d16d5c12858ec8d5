"""Bring the reports kept before migration 0005 up to its rules:

- a campaign's report refers to the campaign's id ("campaign#3"), not its
  slug, so renaming the slug changes nothing recorded;
- every report has its events (who did what, when), rebuilt from its
  history, which the on-time rule and the history page read;
- a submitted or approved report stores the figures and course rows it was
  signed with, in the shape of `courses.reporting.Figures.as_dict()` and
  `courses.reporting.snapshot()` (computed here with the historical models,
  as a migration must; tests/courses/test_migrations.py checks the two agree).
"""

from django.db import migrations

IN_HANDS = ("submitted", "approved")
COUNT_FIELDS = ("participants_total", "participants_women", "participants_ethnic_minority")


def _campaign_keys(Submission, Campaign):
    for submission in Submission.objects.filter(period_key__startswith="campaign:"):
        slug = submission.period_key.split(":", 1)[1]
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign is not None:
            submission.period_key = f"campaign#{campaign.pk}"
            submission.campaign_id = campaign.pk
            submission.save(update_fields=["period_key", "campaign"])


def events_from_history(submission, history) -> list[dict]:
    """The steps of one report, from its historical rows (oldest first)."""
    events, previous = [], None
    for row in history:
        if row.status == previous:
            continue
        if previous is None and row.status == "draft":
            events.append({"action": "prepared", "at": row.history_date, "actor_id": row.prepared_by_id or row.history_user_id})
        elif row.status == "submitted":
            events.append({"action": "submitted", "at": row.submitted_at or row.history_date, "actor_id": row.submitted_by_id})
        elif row.status == "approved":
            events.append({"action": "approved", "at": row.decided_at or row.history_date, "actor_id": row.decided_by_id, "office_id": row.decided_office_id})
        elif row.status == "returned":
            action = "reopened" if previous == "approved" else "returned"
            events.append({"action": action, "at": row.decided_at or row.history_date, "actor_id": row.decided_by_id, "office_id": row.decided_office_id, "comment": row.office_comment})
        elif row.status == "draft":
            events.append({"action": "withdrawn", "at": row.history_date, "actor_id": row.history_user_id})
        previous = row.status
    # The stored times are authoritative for the last steps (they may have
    # been corrected after the fact, as the demo backdates its 2021 reports).
    for event in reversed(events):
        if event["action"] == "submitted" and submission.submitted_at:
            event["at"] = submission.submitted_at
            break
    if submission.status in ("approved", "returned") and submission.decided_at and events:
        if events[-1]["action"] in ("approved", "returned", "reopened"):
            events[-1]["at"] = submission.decided_at
    return events


def _events(Submission, HistoricalSubmission, SubmissionEvent):
    for submission in Submission.objects.all():
        if SubmissionEvent.objects.filter(submission=submission).exists():
            continue
        history = HistoricalSubmission.objects.filter(id=submission.pk).order_by(
            "history_date", "history_id"
        )
        events = events_from_history(submission, history)
        if not events and submission.status in IN_HANDS:
            events = [{"action": "submitted", "at": submission.submitted_at, "actor_id": submission.submitted_by_id}]
        SubmissionEvent.objects.bulk_create(
            SubmissionEvent(submission=submission, **event) for event in events if event["at"]
        )


def _add(mapping, key, value):
    if value:
        mapping[str(key)] = mapping.get(str(key), 0) + value


def snapshot(apps, submission) -> tuple[dict, list]:
    Course = apps.get_model("courses", "Course")
    Activity = apps.get_model("courses", "Activity")
    CampaignReport = apps.get_model("courses", "CampaignReport")
    start, end = submission.period_start, submission.period_end
    figures = {
        "courses": 0, "courses_by_format": {}, "participants_total": 0, "participants_women": 0,
        "participants_ethnic_minority": 0, "participants_by_topic": {}, "activities": 0,
        "activities_by_kind": {}, "activity_participants": 0, "activity_participants_by_kind": {},
        "books": 0, "bookcases": 0, "money": 0,
    }  # fmt: skip
    courses = Course.objects.filter(
        center_id=submission.center_id, start_date__range=(start, end)
    ).order_by("start_date", "pk")
    rows = []
    for course in courses.select_related("topic"):
        figures["courses"] += 1
        _add(figures["courses_by_format"], course.format, 1)
        for name in COUNT_FIELDS:
            figures[name] += getattr(course, name) or 0
        _add(figures["participants_by_topic"], course.topic_id, course.participants_total or 0)
        rows.append(
            {
                "id": course.pk, "title": course.title, "topic": course.topic.name,
                "format": course.format, "start_date": course.start_date.isoformat(),
                "end_date": course.end_date.isoformat(), "sessions": course.sessions,
                "instructor": course.instructor, "location": course.location,
                "funding_source": course.funding_source, "funding_amount": course.funding_amount,
                **{name: getattr(course, name) for name in COUNT_FIELDS},
            }
        )  # fmt: skip
    activities = Activity.objects.filter(center_id=submission.center_id)
    if submission.campaign_id:
        activities = activities.filter(campaign_id=submission.campaign_id)
    else:
        activities = activities.filter(date__range=(start, end))
    for activity in activities:
        figures["activities"] += 1
        _add(figures["activities_by_kind"], activity.kind, 1)
        figures["activity_participants"] += activity.participants or 0
        _add(figures["activity_participants_by_kind"], activity.kind, activity.participants or 0)
    if submission.campaign_id:
        report = CampaignReport.objects.filter(
            center_id=submission.center_id, campaign_id=submission.campaign_id
        ).first()
        if report is not None:
            figures.update(books=report.books, bookcases=report.bookcases, money=report.money)
    return figures, rows


def _snapshots(apps, Submission):
    for submission in Submission.objects.filter(status__in=IN_HANDS):
        if submission.figures:
            continue
        submission.figures, submission.course_rows = snapshot(apps, submission)
        submission.save(update_fields=["figures", "course_rows"])


def forwards(apps, schema_editor):
    Submission = apps.get_model("courses", "Submission")
    _campaign_keys(Submission, apps.get_model("courses", "Campaign"))
    _events(
        Submission,
        apps.get_model("courses", "HistoricalSubmission"),
        apps.get_model("courses", "SubmissionEvent"),
    )
    _snapshots(apps, Submission)


def backwards(apps, schema_editor):
    Submission = apps.get_model("courses", "Submission")
    for submission in Submission.objects.filter(campaign__isnull=False).select_related("campaign"):
        submission.period_key = f"campaign:{submission.campaign.slug}"
        submission.save(update_fields=["period_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_submission_events_extensions_snapshots"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
