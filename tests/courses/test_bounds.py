import datetime

import pytest
from django.core.exceptions import ValidationError

from courses import services
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def test_an_end_date_years_ahead_is_refused(cast):
    course = CourseFactory(center=cast.center, start_date=datetime.date(2020, 3, 2))

    with pytest.raises(ValidationError) as excinfo:
        services.course_update(
            actor=cast.director, course=course, end_date=datetime.date(2099, 12, 31)
        )

    assert "end_date" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participants_total", 10**7),
        ("sessions", 0),
        ("sessions", 99_999),
        ("funding_amount", 10**15),
    ],
)
def test_implausible_figures_are_refused_beside_their_field(cast, field, value):
    course = CourseFactory(center=cast.center, start_date=datetime.date(2020, 3, 2))

    with pytest.raises(ValidationError) as excinfo:
        services.course_update(actor=cast.director, course=course, **{field: value})

    assert field in excinfo.value.message_dict
    course.refresh_from_db()
    assert getattr(course, field) != value
