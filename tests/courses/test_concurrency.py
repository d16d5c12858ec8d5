"""Two officers deciding the same submission at the same moment: the row
lock makes them queue, and the second is told what the first did."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from courses import services
from courses.models import Submission, SubmissionStatus
from courses.periods import Period
from tests.factories import CourseFactory, UserFactory

Q4 = Period.parse("2020-Q4")


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            outcomes[index] = call()
        except ValidationError as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_concurrent_approve_and_return_end_with_one_outcome(needs_postgres_db, cast):
    cast.director.appointments.update(end_date=None)  # still the director: he signs
    CourseFactory(center=cast.center, start_date=datetime.date(2020, 11, 2))
    submission = services.submission_submit(actor=cast.director, center=cast.center, period=Q4)
    second_officer = UserFactory(username="charlie2")
    cast.officer.offices.get().members.add(second_officer)

    outcomes = _race(
        lambda: services.submission_approve(actor=cast.officer, submission=submission),
        lambda: services.submission_return(
            actor=second_officer, submission=submission, comment="Thiếu số liệu"
        ),
    )

    decided = [o for o in outcomes if isinstance(o, Submission)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(decided) == 1 and len(refused) == 1
    final = Submission.objects.get(pk=submission.pk)
    assert final.status == decided[0].status
    assert final.status in (SubmissionStatus.APPROVED, SubmissionStatus.RETURNED)
    decisions = final.history.filter(
        status__in=[SubmissionStatus.APPROVED, SubmissionStatus.RETURNED]
    ).count()
    assert decisions == 1
