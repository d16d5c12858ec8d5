"""Bring the reports kept before migration 0005 up to its rules:

- a campaign's report refers to the campaign's id ("campaign#3"), not its
  slug, so renaming the slug changes nothing recorded;
- every report has its events (who did what, when), rebuilt from its
  history, which the on-time rule and the history page read;
- a submitted or approved report stores the figures and course rows it was
  signed with, in the shape of `courses.reporting.Figures.as_dict()` and
  `courses.reporting.snapshot()` (computed here with the historical models,
  as a migration must; tests/courses/test_migrations.py checks the two agree).

It works in chunks with a fixed number of queries per chunk, so a national
database (200,000 reports, a million courses) migrates in minutes, with
flat memory.
"""

import itertools
from collections import defaultdict
from operator import itemgetter

from django.db import migrations

IN_HANDS = ("submitted", "approved")
COUNT_FIELDS = ("participants_total", "participants_women", "participants_ethnic_minority")
CHUNK = 2000


def _chunks(iterable, size=CHUNK):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _campaign_keys(Submission, Campaign):
    slugs = dict(Campaign.objects.values_list("slug", "pk"))
    for submission in Submission.objects.filter(period_key__startswith="campaign:"):
        pk = slugs.get(submission.period_key.split(":", 1)[1])
        if pk is not None:
            submission.period_key, submission.campaign_id = f"campaign#{pk}", pk
            submission.save(update_fields=["period_key", "campaign"])


def events_from_history(submission: dict, history) -> list[dict]:
    """The steps of one report (a dict of its current fields), from its
    historical rows (dicts, oldest first)."""
    events, previous = [], None
    history = list(history)
    for index, row in enumerate(history):
        status = row["status"]
        if status == previous:
            continue
        if previous is None and status == "draft" and _signed_at_once(history, index):
            pass  # the draft a signature creates in passing: not a step of its own
        elif previous is None and status == "draft":
            actor = row["prepared_by_id"] or row["history_user_id"]
            events.append({"action": "prepared", "at": row["history_date"], "actor_id": actor})
        elif status == "submitted":
            events.append({"action": "submitted", "at": row["submitted_at"] or row["history_date"], "actor_id": row["submitted_by_id"]})
        elif status == "approved":
            events.append({"action": "approved", "at": row["decided_at"] or row["history_date"], "actor_id": row["decided_by_id"], "office_id": row["decided_office_id"]})
        elif status == "returned":
            action = "reopened" if previous == "approved" else "returned"
            events.append({"action": action, "at": row["decided_at"] or row["history_date"], "actor_id": row["decided_by_id"], "office_id": row["decided_office_id"], "comment": row["office_comment"]})
        elif status == "draft":
            events.append({"action": "withdrawn", "at": row["history_date"], "actor_id": row["history_user_id"]})
        previous = status
    # The stored times are authoritative for the last steps (they may have
    # been corrected after the fact, as the demo backdates its 2021 reports).
    for event in reversed(events):
        if event["action"] == "submitted" and submission["submitted_at"]:
            event["at"] = submission["submitted_at"]
            break
    if submission["status"] in ("approved", "returned") and submission["decided_at"] and events:
        if events[-1]["action"] in ("approved", "returned", "reopened"):
            events[-1]["at"] = submission["decided_at"]
    if not events and submission["status"] in IN_HANDS and submission["submitted_at"]:
        events = [{"action": "submitted", "at": submission["submitted_at"], "actor_id": submission["submitted_by_id"]}]
    return events  # fmt: skip


def _signed_at_once(history: list, index: int) -> bool:
    """Whether the draft at `index` was made by the signature that follows
    it (the services create the row and sign it in one transaction)."""
    later = [row for row in history[index + 1 :] if row["status"] != "draft"]
    if not later or later[0]["status"] != "submitted":
        return False
    gap = later[0]["history_date"] - history[index]["history_date"]
    return gap.total_seconds() < 60


HISTORY_FIELDS = (
    "id", "status", "history_date", "history_user_id", "prepared_by_id", "submitted_at",
    "submitted_by_id", "decided_at", "decided_by_id", "decided_office_id", "office_comment",
)  # fmt: skip
CURRENT_FIELDS = ("id", "status", "submitted_at", "submitted_by_id", "decided_at")


def _events(Submission, HistoricalSubmission, SubmissionEvent):
    done = SubmissionEvent.objects.values("submission_id")
    todo = Submission.objects.exclude(pk__in=done).order_by("pk").values_list("pk", flat=True)
    for ids in _chunks(todo.iterator(chunk_size=CHUNK)):
        current = {s["id"]: s for s in Submission.objects.filter(pk__in=ids).values(*CURRENT_FIELDS)}
        history = (
            HistoricalSubmission.objects.filter(id__in=ids)
            .order_by("id", "history_date", "history_id")
            .values(*HISTORY_FIELDS)
        )
        grouped = {pk: list(rows) for pk, rows in itertools.groupby(history, key=itemgetter("id"))}
        SubmissionEvent.objects.bulk_create(
            SubmissionEvent(submission_id=pk, **event)
            for pk in ids
            for event in events_from_history(current[pk], grouped.get(pk, []))
            if event["at"]
        )


def _add(mapping, key, value):
    if value:
        mapping[str(key)] = mapping.get(str(key), 0) + value


def _empty_figures() -> dict:
    return {
        "courses": 0, "courses_by_format": {}, "participants_total": 0, "participants_women": 0,
        "participants_ethnic_minority": 0, "participants_by_topic": {}, "activities": 0,
        "activities_by_kind": {}, "activity_participants": 0, "activity_participants_by_kind": {},
        "books": 0, "bookcases": 0, "money": 0,
    }  # fmt: skip


COURSE_FIELDS = (
    "id", "center_id", "title", "topic__name", "topic_id", "format", "start_date", "end_date",
    "sessions", "instructor", "location", "funding_source", "funding_amount", *COUNT_FIELDS,
)  # fmt: skip


def snapshots(apps, submissions: list) -> None:
    """Fill `figures` and `course_rows` of `submissions` (one chunk): three
    queries — the chunk's centers' courses, activities and campaign reports
    — sorted into each report's period in Python."""
    Course = apps.get_model("courses", "Course")
    Activity = apps.get_model("courses", "Activity")
    CampaignReport = apps.get_model("courses", "CampaignReport")
    centers = {s.center_id for s in submissions}
    start = min(s.period_start for s in submissions)
    end = max(s.period_end for s in submissions)
    courses = defaultdict(list)
    for course in (
        Course.objects.filter(center_id__in=centers, start_date__range=(start, end))
        .order_by("start_date", "pk")
        .values(*COURSE_FIELDS)
    ):
        courses[course["center_id"]].append(course)
    activities = defaultdict(list)
    for activity in Activity.objects.filter(center_id__in=centers).values(
        "center_id", "date", "kind", "participants", "campaign_id"
    ):
        activities[activity["center_id"]].append(activity)
    resources = {
        (r["center_id"], r["campaign_id"]): r
        for r in CampaignReport.objects.filter(center_id__in=centers).values(
            "center_id", "campaign_id", "books", "bookcases", "money"
        )
    }
    for submission in submissions:
        submission.figures, submission.course_rows = _snapshot_of(
            submission, courses, activities, resources
        )


def _snapshot_of(submission, courses, activities, resources) -> tuple[dict, list]:
    figures, rows = _empty_figures(), []
    start, end = submission.period_start, submission.period_end
    for course in courses[submission.center_id]:
        if not start <= course["start_date"] <= end:
            continue
        figures["courses"] += 1
        _add(figures["courses_by_format"], course["format"], 1)
        for name in COUNT_FIELDS:
            figures[name] += course[name] or 0
        _add(figures["participants_by_topic"], course["topic_id"], course["participants_total"] or 0)
        rows.append(
            {
                "id": course["id"], "title": course["title"], "topic": course["topic__name"],
                "format": course["format"], "start_date": course["start_date"].isoformat(),
                "end_date": course["end_date"].isoformat(), "sessions": course["sessions"],
                "instructor": course["instructor"], "location": course["location"],
                "funding_source": course["funding_source"],
                "funding_amount": course["funding_amount"],
                **{name: course[name] for name in COUNT_FIELDS},
            }
        )  # fmt: skip
    for activity in activities[submission.center_id]:
        counts = (
            activity["campaign_id"] == submission.campaign_id
            if submission.campaign_id
            else start <= activity["date"] <= end
        )
        if not counts:
            continue
        figures["activities"] += 1
        _add(figures["activities_by_kind"], activity["kind"], 1)
        figures["activity_participants"] += activity["participants"] or 0
        _add(figures["activity_participants_by_kind"], activity["kind"], activity["participants"] or 0)
    report = resources.get((submission.center_id, submission.campaign_id))
    if submission.campaign_id and report is not None:
        figures.update(books=report["books"], bookcases=report["bookcases"], money=report["money"])
    return figures, rows


def _snapshots(apps, Submission):
    # A chunk's reports by center, so it reads the courses of few centers.
    todo = Submission.objects.filter(status__in=IN_HANDS).order_by("center_id", "period_start")
    missing = (s for s in todo.iterator(chunk_size=CHUNK) if not s.figures)
    for chunk in _chunks(missing):
        snapshots(apps, chunk)
        Submission.objects.bulk_update(chunk, ["figures", "course_rows"], batch_size=500)


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
