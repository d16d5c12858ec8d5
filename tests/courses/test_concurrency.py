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
from courses.reporting import snapshot
from tests.factories import CourseFactory, TopicFactory, UserFactory

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


@pytest.mark.django_db(transaction=True)
def test_a_record_written_while_the_report_is_signed_never_escapes_it(needs_postgres_db, cast):
    """A course saved at the moment the director signs and the office
    approves either lands before the signature (and is in the figures
    signed) or is refused by the lock — never inside an approved period
    without being counted. Both sides take the center's row lock first."""
    cast.director.appointments.update(end_date=None)
    topic = TopicFactory()
    months = [Period.month(year, month) for year in (2020, 2021) for month in range(1, 13)]
    for period in months:
        CourseFactory(center=cast.center, topic=topic, start_date=period.start)

        def sign_and_approve(period=period):
            submission = services.submission_submit(
                actor=cast.director, center=cast.center, period=period
            )
            return services.submission_approve(actor=cast.officer, submission=submission)

        def record(period=period):
            return services.course_create(
                actor=cast.director,
                center=cast.center,
                title="Lớp ghi cùng lúc",
                topic=topic,
                format="lop_hoc",
                start_date=period.start + datetime.timedelta(days=9),
                end_date=period.start + datetime.timedelta(days=9),
                participants_total=15,
            )

        _race(sign_and_approve, record)

        submission = Submission.objects.get(center=cast.center, period_key=period.key)
        live, _rows = snapshot(cast.center, period)
        assert submission.status == SubmissionStatus.APPROVED, period.key
        assert submission.figures == live, period.key
