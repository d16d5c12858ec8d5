"""The demo's records: a realistic 2020 at the Thạch Trung center, with
Lifelong Learning Week 2020 as the seed article tells it (the opening
ceremony at THCS Thạch Trung on 02/10/2020, the commune chairman Mai Văn
Di's speech), and current entries at the Phường Trần Phú center.

Written through the services, as Mai Văn Di, so the demo obeys the same
rules as the pages: every date lies within his terms (Thạch Trung
01/01/2020–30/06/2025, Trần Phú from 01/07/2025). Idempotent: a record is
looked up by center, title and date before it is created.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from centers import demo as centers_demo
from centers.models import Appointment, AppointmentRole, LearningCenter, Office, User
from courses import services
from courses.models import (
    Activity,
    ActivityKind,
    Campaign,
    CampaignReport,
    CollectedPeriod,
    Course,
    CourseFormat,
    FundingSource,
    Submission,
    SubmissionAction,
    SubmissionStatus,
    Topic,
)
from courses.periods import Period, PeriodKind

D = datetime.date

# DOMAIN.md's fields (lĩnh vực); migration 0002 seeds the same list.
TOPICS = [
    "Xóa mù chữ",
    "Giáo dục sau biết chữ",
    "Chuyển giao khoa học kỹ thuật (trồng trọt, chăn nuôi, thủy sản)",
    "Khuyến công, dạy nghề ngắn hạn",
    "Pháp luật, chính sách",
    "Y tế, sức khỏe",
    "Văn hóa, thể thao, đọc sách",
    "Kỹ năng sống",
    "Ngoại ngữ, tin học",
    "Kỹ năng số, chuyển đổi số",
]
LITERACY, POST_LITERACY, AGRI, VOCATIONAL, LAW, HEALTH, CULTURE, LIFE, LANG, DIGITAL = TOPICS

WEEK_2020 = {
    "slug": "tuan-le-hoc-tap-suot-doi-2020",
    "name": "Tuần lễ hưởng ứng học tập suốt đời năm 2020",
    "theme": "Chuyển đổi số thúc đẩy học tập suốt đời",
    "start_date": D(2020, 10, 1),
    "end_date": D(2020, 10, 7),
    "report_deadline": D(2020, 10, 15),
    "description": "Theo Công văn số 3589/BGDĐT-GDTX của Bộ Giáo dục và Đào tạo.",
}
WEEK_2025 = {
    "slug": "tuan-le-hoc-tap-suot-doi-2025",
    "name": "Tuần lễ hưởng ứng học tập suốt đời năm 2025",
    "theme": (
        "Học tập để phát triển bản thân, làm chủ tri thức và công nghệ, "
        "góp phần xây dựng đất nước giàu mạnh, phồn vinh"
    ),
    "start_date": D(2025, 10, 1),
    "end_date": D(2025, 10, 7),
    "report_deadline": D(2025, 10, 20),
    "description": "",
}

HALL = "Hội trường UBND xã Thạch Trung"
# (title, topic, format, start, end, sessions, instructor, location,
#  total, women, ethnic minority, funding source, amount)
THACH_TRUNG_2020 = [
    ("Câu lạc bộ dưỡng sinh người cao tuổi", HEALTH, CourseFormat.CLUB, D(2020, 1, 6), D(2020, 12, 28), 48, "Hội Người cao tuổi xã", "Nhà văn hóa thôn Trung Thượng", 1440, 1010, 0, "", None),  # noqa: E501
    ("Kỹ thuật trồng lạc giống L14", AGRI, CourseFormat.CLASS, D(2020, 2, 17), D(2020, 2, 21), 5, "Trạm Khuyến nông thành phố Hà Tĩnh", HALL, 210, 118, 0, FundingSource.STATE, 6_000_000),  # noqa: E501
    ("Tuyên truyền phòng, chống dịch Covid-19", HEALTH, CourseFormat.THEMATIC, D(2020, 3, 5), D(2020, 3, 5), 1, "Trạm Y tế xã Thạch Trung", HALL, 180, 102, 0, "", None),  # noqa: E501
    ("Phổ biến giáo dục pháp luật về phòng, chống bạo lực gia đình", LAW, CourseFormat.THEMATIC, D(2020, 5, 19), D(2020, 5, 19), 1, "Công an xã Thạch Trung", HALL, 95, 61, 0, "", None),  # noqa: E501
    ("Kỹ thuật nuôi hươu", AGRI, CourseFormat.CLASS, D(2020, 6, 8), D(2020, 6, 10), 3, "Trạm Khuyến nông thành phố Hà Tĩnh", HALL, 64, 20, 0, FundingSource.STATE, 3_500_000),  # noqa: E501
    ("Phòng chống dịch bệnh cho gia súc", AGRI, CourseFormat.THEMATIC, D(2020, 6, 24), D(2020, 6, 25), 2, "Trạm Thú y thành phố Hà Tĩnh", HALL, 130, 45, 0, FundingSource.STATE, 2_000_000),  # noqa: E501
    ("Hướng dẫn kỹ thuật đan lát", VOCATIONAL, CourseFormat.CLASS, D(2020, 7, 13), D(2020, 7, 31), 12, "Nghệ nhân Nguyễn Thị Hoa", "Nhà văn hóa thôn Trung Hạ", 35, 33, 0, FundingSource.SOCIALISED, 4_200_000),  # noqa: E501
    ("Kỹ năng sống cho thanh thiếu niên dịp hè", LIFE, CourseFormat.THEMATIC, D(2020, 7, 20), D(2020, 7, 20), 1, "Đoàn Thanh niên xã", "Trường THCS Thạch Trung", 120, 64, 0, "", None),  # noqa: E501
    ("Phổ biến giáo dục pháp luật", LAW, CourseFormat.SEMINAR, D(2020, 8, 18), D(2020, 8, 18), 1, "Tư pháp – Hộ tịch xã", HALL, 110, 52, 0, "", None),  # noqa: E501
    ("Tin học cơ bản cho cán bộ thôn", LANG, CourseFormat.CLASS, D(2020, 9, 14), D(2020, 9, 25), 8, "Trường THCS Thạch Trung", "Phòng tin học Trường THCS Thạch Trung", 28, 11, 0, FundingSource.STATE, 5_000_000),  # noqa: E501
    ("Sử dụng điện thoại thông minh để tự học", DIGITAL, CourseFormat.THEMATIC, D(2020, 10, 3), D(2020, 10, 3), 1, "Đoàn Thanh niên xã", "Trường THCS Thạch Trung", 150, 85, 0, "", None),  # noqa: E501
    ("Kỹ năng phòng, chống lụt bão", LIFE, CourseFormat.THEMATIC, D(2020, 10, 12), D(2020, 10, 12), 1, "Ban Chỉ huy Quân sự xã", HALL, 140, 75, 0, "", None),  # noqa: E501
    ("Kỹ thuật trồng rau an toàn vụ đông", AGRI, CourseFormat.CLASS, D(2020, 10, 26), D(2020, 10, 30), 5, "Hội Nông dân xã", HALL, 96, 70, 0, FundingSource.PEOPLE, 1_500_000),  # noqa: E501
    ("Lớp học tiếp sau biết chữ", POST_LITERACY, CourseFormat.CLASS, D(2020, 11, 2), D(2020, 12, 18), 14, "Giáo viên biệt phái Trần Thị Lan", "Trường Tiểu học Thạch Trung", 168, 126, 14, FundingSource.STATE, 7_000_000),  # noqa: E501
    ("Vệ sinh an toàn thực phẩm", HEALTH, CourseFormat.THEMATIC, D(2020, 11, 20), D(2020, 11, 20), 1, "Trạm Y tế xã Thạch Trung", HALL, 85, 62, 0, "", None),  # noqa: E501
    ("Phổ biến giáo dục pháp luật về an toàn giao thông", LAW, CourseFormat.THEMATIC, D(2020, 12, 8), D(2020, 12, 8), 1, "Công an xã Thạch Trung", HALL, 102, 40, 0, "", None),  # noqa: E501
]  # fmt: skip

# The Thạch Trung center's last half-year before the reform (it closed on
# 30/06/2025): the year 2025 and NH2024-2025 span both eras.
THACH_TRUNG_2025_H1 = [
    ("Kỹ thuật trồng lạc giống L14", AGRI, CourseFormat.CLASS, D(2025, 2, 17), D(2025, 2, 21), 5, "Trạm Khuyến nông thành phố Hà Tĩnh", HALL, 160, 92, 0, FundingSource.STATE, 6_500_000),  # noqa: E501
    ("Hướng dẫn sử dụng VNeID", DIGITAL, CourseFormat.THEMATIC, D(2025, 3, 12), D(2025, 3, 12), 1, "Công an xã Thạch Trung", HALL, 220, 124, 0, "", None),  # noqa: E501
    ("Phổ biến giáo dục pháp luật về sắp xếp đơn vị hành chính", LAW, CourseFormat.SEMINAR, D(2025, 5, 20), D(2025, 5, 20), 1, "Tư pháp – Hộ tịch xã", HALL, 180, 85, 0, "", None),  # noqa: E501
]  # fmt: skip

WARD_HALL = "Hội trường UBND phường Trần Phú"
TRAN_PHU_2025_2026 = [
    ("Hướng dẫn sử dụng VNeID", DIGITAL, CourseFormat.THEMATIC, D(2025, 8, 12), D(2025, 8, 12), 1, "Công an phường Trần Phú", WARD_HALL, 240, 131, 0, "", None),  # noqa: E501
    ("Bình dân học vụ số: kỹ năng số cơ bản", DIGITAL, CourseFormat.CLASS, D(2025, 9, 15), D(2025, 9, 26), 6, "Đoàn Thanh niên phường", "Nhà văn hóa tổ dân phố 3", 180, 104, 0, FundingSource.STATE, 9_000_000),  # noqa: E501
    ("Hướng dẫn nộp hồ sơ trên Cổng dịch vụ công trực tuyến", DIGITAL, CourseFormat.THEMATIC, D(2025, 10, 3), D(2025, 10, 3), 1, "Bộ phận Một cửa phường", WARD_HALL, 160, 90, 0, "", None),  # noqa: E501
    ("Kỹ thuật trồng lạc giống L14", AGRI, CourseFormat.CLASS, D(2026, 2, 23), D(2026, 2, 27), 5, "Trung tâm Khuyến nông tỉnh Hà Tĩnh", WARD_HALL, 185, 97, 0, FundingSource.STATE, 7_500_000),  # noqa: E501
    ("Phổ biến giáo dục pháp luật về chính quyền địa phương hai cấp", LAW, CourseFormat.SEMINAR, D(2026, 3, 18), D(2026, 3, 18), 1, "Phòng Văn hóa – Xã hội phường", WARD_HALL, 150, 70, 0, "", None),  # noqa: E501
    ("Phòng chống dịch bệnh cho gia súc", AGRI, CourseFormat.THEMATIC, D(2026, 4, 14), D(2026, 4, 14), 1, "Trạm Chăn nuôi và Thú y", WARD_HALL, 120, 38, 0, "", None),  # noqa: E501
    ("Kỹ năng sống cho học sinh dịp hè", LIFE, CourseFormat.THEMATIC, D(2026, 7, 8), D(2026, 7, 8), 1, "Đoàn Thanh niên phường", "Trường THCS Thạch Trung", 130, 66, 0, "", None),  # noqa: E501
    ("Câu lạc bộ tiếng Anh thiếu nhi", LANG, CourseFormat.CLUB, D(2026, 9, 12), D(2026, 12, 19), 15, "Giáo viên Trường THCS Thạch Trung", "Nhà văn hóa tổ dân phố 5", 375, 210, 0, FundingSource.PEOPLE, 3_000_000),  # noqa: E501
    ("Hướng dẫn sử dụng VNeID mức độ 2", DIGITAL, CourseFormat.THEMATIC, D(2026, 10, 6), D(2026, 10, 6), 1, "Công an phường Trần Phú", WARD_HALL, 210, 118, 0, "", None),  # noqa: E501
    ("An toàn thực phẩm trong bữa ăn gia đình", HEALTH, CourseFormat.THEMATIC, D(2026, 11, 10), D(2026, 11, 10), 1, "Trạm Y tế phường", WARD_HALL, None, None, None, "", None),  # noqa: E501
]  # fmt: skip

OPENING_2020 = (
    "Khai mạc “Tuần lễ hưởng ứng học tập suốt đời” năm 2020 của thành phố Hà Tĩnh, chủ đề "
    "“Chuyển đổi số thúc đẩy học tập suốt đời”. Ông Mai Văn Di, Chủ tịch UBND xã Thạch Trung, "
    "Giám đốc Trung tâm học tập cộng đồng xã đọc diễn văn hưởng ứng; đồng chí Phạm Hùng Cường, "
    "Ủy viên BTV Thành ủy, Phó Chủ tịch UBND thành phố phát biểu chỉ đạo. Tham dự có lãnh đạo "
    "các phòng, ban, ngành liên quan, hiệu trưởng các trường TH, THCS trên địa bàn thành phố."
)
# (date, kind, title, location, participants, campaign slug or "", description)
THACH_TRUNG_ACTIVITIES = [
    (D(2020, 1, 15), ActivityKind.MEETING, "Họp Ban Giám đốc triển khai kế hoạch năm 2020", HALL, 9, "", ""),  # noqa: E501
    (D(2020, 6, 1), ActivityKind.BOOK_FAIR, "Ngày hội đọc sách hè cho thiếu nhi", "Nhà văn hóa thôn Trung Thượng", 160, "", ""),  # noqa: E501
    (D(2020, 10, 1), ActivityKind.COMMUNICATION, "Tuyên truyền Tuần lễ học tập suốt đời trên loa truyền thanh xã", "", None, WEEK_2020["slug"], ""),  # noqa: E501
    (D(2020, 10, 2), ActivityKind.OPENING, "Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời năm 2020", "Trường THCS Thạch Trung", 350, WEEK_2020["slug"], OPENING_2020),  # noqa: E501
    (D(2020, 10, 3), ActivityKind.LESSON, "Buổi học: sử dụng điện thoại thông minh để tự học", "Trường THCS Thạch Trung", 150, WEEK_2020["slug"], ""),  # noqa: E501
    (D(2020, 10, 5), ActivityKind.BOOK_FAIR, "Ngày hội đọc sách tại Trường Tiểu học Thạch Trung", "Trường Tiểu học Thạch Trung", 420, WEEK_2020["slug"], ""),  # noqa: E501
    (D(2020, 10, 6), ActivityKind.CONTEST, "Hội thi tìm hiểu chuyển đổi số", "Trường THCS Thạch Trung", 80, WEEK_2020["slug"], ""),  # noqa: E501
    (D(2020, 10, 7), ActivityKind.MEETING, "Tổng kết Tuần lễ hưởng ứng học tập suốt đời", HALL, 45, WEEK_2020["slug"], ""),  # noqa: E501
    (D(2020, 12, 22), ActivityKind.MEETING, "Tổng kết hoạt động năm 2020", HALL, 25, "", ""),
    (D(2025, 6, 24), ActivityKind.MEETING, "Tổng kết hoạt động Trung tâm trước khi sắp xếp đơn vị hành chính", HALL, 30, "", ""),  # noqa: E501
]  # fmt: skip
TRAN_PHU_ACTIVITIES = [
    (D(2025, 7, 1), ActivityKind.MEETING, "Ra mắt Trung tâm học tập cộng đồng phường Trần Phú", WARD_HALL, 60, "", ""),  # noqa: E501
    (D(2025, 10, 1), ActivityKind.OPENING, "Lễ phát động Tuần lễ hưởng ứng học tập suốt đời năm 2025", WARD_HALL, 300, WEEK_2025["slug"], ""),  # noqa: E501
    (D(2025, 10, 4), ActivityKind.BOOK_FAIR, "Ngày hội đọc sách phường Trần Phú", "Trường THCS Thạch Trung", 380, WEEK_2025["slug"], ""),  # noqa: E501
    (D(2026, 10, 1), ActivityKind.OPENING, "Lễ phát động Tuần lễ hưởng ứng học tập suốt đời năm 2026", WARD_HALL, 280, "", ""),  # noqa: E501
    (D(2026, 11, 5), ActivityKind.COMMUNICATION, "Tuyên truyền cài đặt và sử dụng ứng dụng VNeID", "", None, "", ""),  # noqa: E501
]  # fmt: skip


@transaction.atomic
def seed_demo() -> list[tuple[str, str]]:
    """The centers' demo, then its records; return the demo logins."""
    logins = centers_demo.seed_demo()
    seed_records()
    seed_submissions()
    return [
        *logins[:1],
        ("giamdoc.thachha", "Nguyễn Văn Hùng — Giám đốc TTHTCĐ xã Thạch Hạ (2020–2025)"),
        ("giamdoc.dongmon", "Trần Thị Hoa — Giám đốc TTHTCĐ xã Đồng Môn (2020–2025)"),
        *logins[1:],
    ]


def seed_records() -> None:
    ensure_topics()
    campaigns = {c["slug"]: _campaign(c) for c in (WEEK_2020, WEEK_2025)}
    director = User.objects.get(username="giamdoc.thachtrung")
    thach_trung = LearningCenter.objects.get(unit__code="18088", established_on=D(2020, 1, 1))
    tran_phu = LearningCenter.objects.get(unit__code="18100", closed_on__isnull=True)
    for center, courses in (
        (thach_trung, THACH_TRUNG_2020 + THACH_TRUNG_2025_H1),
        (tran_phu, TRAN_PHU_2025_2026),
    ):
        for row in courses:
            _course(director, center, row)
    for center, activities in (
        (thach_trung, THACH_TRUNG_ACTIVITIES),
        (tran_phu, TRAN_PHU_ACTIVITIES),
    ):
        for row in activities:
            _activity(director, center, row, campaigns)
    _report(director, thach_trung, campaigns[WEEK_2020["slug"]], 520, 4, 12_500_000, D(2020, 10, 9))
    _report(director, tran_phu, campaigns[WEEK_2025["slug"]], 310, 2, 8_000_000, D(2025, 10, 15))


def ensure_topics() -> None:
    for position, name in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(name=name, defaults={"position": position * 10})


def _campaign(data: dict) -> Campaign:
    campaign, _created = Campaign.objects.update_or_create(
        slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
    )
    return campaign


def _course(director: User, center: LearningCenter, row: tuple) -> None:
    (title, topic, fmt, start, end, sessions, instructor, location,
     total, women, minority, source, amount) = row  # fmt: skip
    if Course.objects.filter(center=center, title=title, start_date=start).exists():
        return
    services.course_create(
        actor=director,
        center=center,
        title=title,
        topic=Topic.objects.get(name=topic),
        format=fmt,
        start_date=start,
        end_date=end,
        sessions=sessions,
        instructor=instructor,
        location=location,
        participants_total=total,
        participants_women=women,
        participants_ethnic_minority=minority,
        funding_source=source,
        funding_amount=amount,
    )


def _activity(director: User, center: LearningCenter, row: tuple, campaigns: dict) -> None:
    day, kind, title, location, participants, campaign_slug, description = row
    if Activity.objects.filter(center=center, title=title, date=day).exists():
        return
    services.activity_create(
        actor=director,
        center=center,
        date=day,
        kind=kind,
        title=title,
        location=location,
        participants=participants,
        campaign=campaigns.get(campaign_slug),
        description=description,
    )


def _report(director, center, campaign, books, bookcases, money, on) -> None:
    if CampaignReport.objects.filter(center=center, campaign=campaign).exists():
        return
    services.campaign_report_save(
        actor=director,
        center=center,
        campaign=campaign,
        on=on,
        books=books,
        bookcases=bookcases,
        money=money,
        notes="Vận động tủ sách dòng họ và góc đọc tại nhà văn hóa các thôn, tổ dân phố.",
    )


# -- period reports ------------------------------------------------------------

# What the offices collect, and when it is due (days after the period ends).
COLLECTED = {
    "Phòng Giáo dục và Đào tạo thành phố Hà Tĩnh": [
        (PeriodKind.QUARTER, 15),
        (PeriodKind.HALF_YEAR, 15),
        (PeriodKind.SCHOOL_YEAR, 20),
    ],
    "Sở Giáo dục và Đào tạo Hà Tĩnh": [
        (PeriodKind.QUARTER, 20),
        (PeriodKind.HALF_YEAR, 20),
        (PeriodKind.YEAR, 30),
        (PeriodKind.SCHOOL_YEAR, 30),
    ],
}

# Fictional directors of other 2020 centers, so the office's "not reported"
# list has names to call. (Only Mai Văn Di comes from the seed article.)
OTHER_DIRECTORS_2020 = {
    "18100": ("Nguyễn Văn Hùng", "Chủ tịch UBND xã Thạch Hạ", "giamdoc.thachha"),
    "18103": ("Trần Thị Hoa", "Phó Chủ tịch UBND xã Đồng Môn", "giamdoc.dongmon"),
    "18109": ("Lê Văn Bình", "Chủ tịch UBND xã Thạch Hưng", None),
    "18112": ("Phan Thị Mai", "Phó Chủ tịch UBND xã Thạch Bình", None),
}


def seed_submissions() -> None:
    """Offices' collected periods, more 2020 directors, and the state of
    the 2020-Q4 reports: Thạch Trung submitted (waiting for approval),
    Thạch Hạ approved with nothing to report, Đồng Môn a draft, the rest
    not started."""
    for office_name, rules in COLLECTED.items():
        office = Office.objects.get(name=office_name)
        for kind, days in rules:
            CollectedPeriod.objects.update_or_create(
                office=office, kind=kind, defaults={"deadline_days": days}
            )
    _other_directors()
    q4 = Period.parse("2020-Q4")
    city_officer = User.objects.get(username="phonggd.hatinh")
    mai_van_di = User.objects.get(username="giamdoc.thachtrung")
    _submitted(mai_van_di, _old_center("18088"), q4, timezone_at(2021, 1, 5, 9, 30))
    thach_ha = _submitted(
        User.objects.get(username="giamdoc.thachha"),
        _old_center("18100"),
        q4,
        timezone_at(2021, 1, 6, 14, 0),
        nothing_to_report=True,
    )
    if thach_ha.status == SubmissionStatus.SUBMITTED:
        services.submission_approve(actor=city_officer, submission=thach_ha)
        _backdate(thach_ha, SubmissionAction.APPROVED, timezone_at(2021, 1, 12, 8, 0))
    if not Submission.objects.filter(center=_old_center("18103"), period_key=q4.key).exists():
        draft = services.submission_prepare(
            actor=User.objects.get(username="giamdoc.dongmon"),
            center=_old_center("18103"),
            period=q4,
            note="Đang tổng hợp số liệu lớp học tiếp sau biết chữ.",
        )
        _backdate(draft, SubmissionAction.PREPARED, timezone_at(2021, 1, 8, 10, 0))


def timezone_at(*parts: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*parts))


def _old_center(code: str) -> LearningCenter:
    return LearningCenter.objects.get(unit__code=code, established_on=D(2020, 1, 1))


def _other_directors() -> None:
    for code, (name, post, username) in OTHER_DIRECTORS_2020.items():
        user = None
        if username:
            user, created = User.objects.get_or_create(
                username=username, defaults={"full_name": name}
            )
            if created:
                user.set_password(centers_demo.DEMO_PASSWORD)
                user.save()
        Appointment.objects.update_or_create(
            center=_old_center(code),
            full_name=name,
            role=AppointmentRole.DIRECTOR,
            start_date=D(2020, 1, 1),
            defaults={
                "end_date": D(2025, 6, 30),
                "home_post": post,
                "user": user,
                "phone": f"0239 385 {code[-3:]}",
                "email": f"{username or 'ubnd.' + code}@example.com",
            },
        )


def _submitted(actor, center, period, when, nothing_to_report=False) -> Submission:
    existing = Submission.objects.filter(center=center).for_period(period).first()
    if existing:
        return existing
    submission = services.submission_submit(
        actor=actor, center=center, period=period, nothing_to_report=nothing_to_report
    )
    _backdate(submission, SubmissionAction.SUBMITTED, when)
    submission.refresh_from_db()
    return submission


def _backdate(submission: Submission, action: str, when: datetime.datetime) -> None:
    """Give a demo step the day it happened in the story (early 2021), not
    the day the demo was seeded: the report's time, its event's, and the
    historical rows of the step (so history and events tell one story)."""
    fields = {
        SubmissionAction.SUBMITTED: {"submitted_at": when},
        SubmissionAction.APPROVED: {"decided_at": when},
    }
    status = {
        SubmissionAction.PREPARED: SubmissionStatus.DRAFT,
        SubmissionAction.SUBMITTED: SubmissionStatus.SUBMITTED,
        SubmissionAction.APPROVED: SubmissionStatus.APPROVED,
    }[action]
    Submission.objects.filter(pk=submission.pk).update(**fields.get(action, {}))
    submission.events.filter(action=action).update(at=when)
    submission.history.filter(status=status).update(history_date=when, **fields.get(action, {}))
    if action == SubmissionAction.SUBMITTED:
        # The draft the signature created in passing, a moment before it.
        drafts = submission.history.filter(status=SubmissionStatus.DRAFT, history_date__gt=when)
        drafts.update(history_date=when)
