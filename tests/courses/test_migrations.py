"""Migration 0006 fills what the services now store — events and the
figures signed — for reports kept before: it must give what the services
give, in the same shape."""

import importlib

import pytest
from django.apps import apps

from courses.models import Submission, SubmissionEvent

pytestmark = pytest.mark.django_db

migration = importlib.import_module("courses.migrations.0006_fill_events_snapshots_campaign_keys")


def _as_signed(submission):
    return submission.figures, submission.course_rows


def test_the_migration_rebuilds_the_signed_figures_the_services_stored(demo):
    signed = {s.pk: _as_signed(s) for s in Submission.objects.in_hands()}
    assert signed and any(figures["courses"] for figures, _rows in signed.values())
    Submission.objects.update(figures={}, course_rows=[])

    migration._snapshots(apps, Submission)

    assert {s.pk: _as_signed(s) for s in Submission.objects.in_hands()} == signed


def test_the_migration_rebuilds_each_reports_steps_from_its_history(demo):
    steps = {
        s.pk: [(e.action, e.at) for e in s.events.order_by("at", "pk")]
        for s in Submission.objects.all()
    }
    SubmissionEvent.objects.all().delete()

    migration._events(Submission, Submission.history.model, SubmissionEvent)

    rebuilt = {
        s.pk: [(e.action, e.at) for e in s.events.order_by("at", "pk")]
        for s in Submission.objects.all()
    }
    assert rebuilt == steps
