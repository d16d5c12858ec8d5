"""Reporting periods (kỳ báo cáo): a small value type every app shares.

A period has a kind, a first and a last day, a compact text form used
everywhere — URLs, the command line, files — and a Vietnamese label:

    2020          calendar year            "Năm 2020"
    2020-H2       calendar half-year       "6 tháng cuối năm 2020"
    2020-Q4       quarter                  "Quý IV/2020"
    2020-10       month                    "Tháng 10/2020"
    NH2020-2021   school year, 1 Sep–31 Aug "Năm học 2020-2021"
    campaign:<slug>  a campaign's window   the campaign's name

A course counts in the period containing its start date, an activity in
the one containing its date (`Course.objects.in_period`).
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

__all__ = ["InvalidPeriod", "Period", "PeriodKind"]

CAMPAIGN_STORED_PREFIX = "campaign#"
SCHOOL_YEAR_START_MONTH = 9  # năm học: 1 September – 31 August
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(models.TextChoices):
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    HALF_YEAR = "half_year", _("half-year")
    SCHOOL_YEAR = "school_year", _("school year")
    YEAR = "year", _("calendar year")
    CAMPAIGN = "campaign", _("campaign window")


class InvalidPeriod(ValueError):
    """A period text that names no period; the message says why, in the
    user's language."""


_PATTERNS = [
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})-[Hh](\d+)$"), PeriodKind.HALF_YEAR),
    (re.compile(r"^(\d{4})-[Qq](\d+)$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), PeriodKind.MONTH),
    (re.compile(r"^NH(\d{4})-(\d{4})$", re.IGNORECASE), PeriodKind.SCHOOL_YEAR),
]


def _printable(text: str) -> bool:
    """No control or invisible characters (a NUL in a URL, say)."""
    return all(ch.isprintable() for ch in text)


def _shown(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:80]


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    kind: PeriodKind
    # The year, half, quarter or month number — or the campaign's slug.
    year: int = 0
    number: int = 0
    slug: str = ""
    name: str = ""  # a campaign's name (its label)
    # A campaign's primary key: what is stored refers to the campaign itself,
    # so renaming its slug changes nothing recorded (`stored_key`).
    campaign_id: int = 0

    # -- building ----------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        last = calendar.monthrange(year, month)[1]
        return cls(
            datetime.date(year, month, 1),
            datetime.date(year, month, last),
            PeriodKind.MONTH,
            year,
            month,
        )

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        first_month = 3 * (quarter - 1) + 1
        last = cls.month(year, first_month + 2).end
        return cls(datetime.date(year, first_month, 1), last, PeriodKind.QUARTER, year, quarter)

    @classmethod
    def half_year(cls, year: int, half: int) -> "Period":
        if half == 1:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 6, 30)
        else:
            start, end = datetime.date(year, 7, 1), datetime.date(year, 12, 31)
        return cls(start, end, PeriodKind.HALF_YEAR, year, half)

    @classmethod
    def school_year(cls, first_year: int) -> "Period":
        return cls(
            datetime.date(first_year, SCHOOL_YEAR_START_MONTH, 1),
            datetime.date(first_year + 1, SCHOOL_YEAR_START_MONTH, 1) - datetime.timedelta(days=1),
            PeriodKind.SCHOOL_YEAR,
            first_year,
        )

    @classmethod
    def calendar_year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), PeriodKind.YEAR, year)

    @classmethod
    def campaign(cls, campaign) -> "Period":
        """The window of a `courses.models.Campaign` (or anything with
        slug, name, start_date and end_date)."""
        return cls(
            campaign.start_date,
            campaign.end_date,
            PeriodKind.CAMPAIGN,
            campaign.start_date.year,
            slug=campaign.slug,
            name=campaign.name,
            campaign_id=campaign.pk or 0,
        )

    @classmethod
    def containing(cls, kind: str, day: datetime.date) -> "Period":
        """The period of `kind` that contains `day`. Campaign windows do not
        tile the calendar, so they have no "containing" period."""
        kind = PeriodKind(kind)
        if kind == PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        if kind == PeriodKind.HALF_YEAR:
            return cls.half_year(day.year, 1 if day.month <= 6 else 2)
        if kind == PeriodKind.SCHOOL_YEAR:
            first = day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1
            return cls.school_year(first)
        if kind == PeriodKind.YEAR:
            return cls.calendar_year(day.year)
        raise InvalidPeriod(gettext("A campaign window is looked up by its campaign, not a date."))

    @classmethod
    def parse(cls, text: str) -> "Period":
        """The period named by its compact text form ("2020-Q4", "NH2020-2021",
        "campaign:<slug>" …); InvalidPeriod with the reason otherwise."""
        text = (text or "").strip()
        if not _printable(text):
            raise InvalidPeriod(
                gettext("The period contains characters that cannot be part of one.")
            )
        if text.lower().startswith("campaign:"):
            return cls._parse_campaign(text.split(":", 1)[1].strip())
        for pattern, kind in _PATTERNS:
            match = pattern.match(text)
            if match:
                return cls._from_numbers(text, kind, *map(int, match.groups()))
        raise InvalidPeriod(
            gettext(
                "“%(text)s” is not a reporting period. Write it as 2020, 2020-H2, 2020-Q4, "
                "2020-10, NH2020-2021 or campaign:<name>."
            )
            % {"text": text}
        )

    @classmethod
    def _from_numbers(cls, text: str, kind: PeriodKind, year: int, number: int = 0) -> "Period":
        if not 1900 <= year <= 2999:
            raise InvalidPeriod(gettext("“%(text)s”: the year is out of range.") % {"text": text})
        limits = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF_YEAR: 2}
        if kind in limits and not 1 <= number <= limits[kind]:
            messages = {
                PeriodKind.MONTH: gettext("“%(text)s”: a month runs from 1 to 12."),
                PeriodKind.QUARTER: gettext("“%(text)s”: a quarter runs from Q1 to Q4."),
                PeriodKind.HALF_YEAR: gettext("“%(text)s”: a half-year is H1 or H2."),
            }
            raise InvalidPeriod(messages[kind] % {"text": text})
        if kind == PeriodKind.SCHOOL_YEAR:
            if number != year + 1:
                raise InvalidPeriod(
                    gettext("“%(text)s”: a school year runs over two consecutive years.")
                    % {"text": text}
                )
            return cls.school_year(year)
        builders = {
            PeriodKind.YEAR: lambda: cls.calendar_year(year),
            PeriodKind.HALF_YEAR: lambda: cls.half_year(year, number),
            PeriodKind.QUARTER: lambda: cls.quarter(year, number),
            PeriodKind.MONTH: lambda: cls.month(year, number),
        }
        return builders[kind]()

    @classmethod
    def _parse_campaign(cls, slug: str) -> "Period":
        from courses.models import Campaign  # the one kind that lives in the database

        campaign = Campaign.objects.filter(slug=slug).first() if _printable(slug) else None
        if campaign is None:
            raise InvalidPeriod(
                gettext("There is no campaign “%(slug)s”.") % {"slug": _shown(slug)}
            )
        return cls.campaign(campaign)

    @classmethod
    def from_stored(cls, stored_key: str) -> "Period":
        """The period a stored key names (`stored_key`): a campaign by its
        primary key, any other period by its text form."""
        if stored_key.startswith(CAMPAIGN_STORED_PREFIX):
            from courses.models import Campaign

            pk = stored_key[len(CAMPAIGN_STORED_PREFIX) :]
            campaign = Campaign.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
            if campaign is None:
                raise InvalidPeriod(gettext("This campaign no longer exists."))
            return cls.campaign(campaign)
        return cls.parse(stored_key)

    # -- reading -----------------------------------------------------------

    @property
    def key(self) -> str:
        """The compact text form: parse(p.key) == p."""
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == PeriodKind.HALF_YEAR:
            return f"{self.year}-H{self.number}"
        if self.kind == PeriodKind.SCHOOL_YEAR:
            return f"NH{self.year}-{self.year + 1}"
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        return f"campaign:{self.slug}"

    @property
    def stored_key(self) -> str:
        """What a row stores to name the period: the text form, except that a
        campaign is named by its primary key ("campaign#3"), so a renamed
        slug leaves submissions, reminders and locks where they were."""
        if self.kind == PeriodKind.CAMPAIGN:
            return f"{CAMPAIGN_STORED_PREFIX}{self.campaign_id}"
        return self.key

    def is_over_on(self, day: datetime.date) -> bool:
        """Whether the period has ended by `day` (its last day is before it)."""
        return self.end < day

    @property
    def label(self) -> str:
        """ "Quý IV/2020", "Năm học 2020-2021", "Tháng 10/2020" …"""
        values = {"year": self.year, "number": self.number, "next": self.year + 1}
        if self.kind == PeriodKind.MONTH:
            return gettext("Month %(number)02d/%(year)s") % values
        if self.kind == PeriodKind.QUARTER:
            return gettext("Quarter %(roman)s/%(year)s") % {**values, "roman": ROMAN[self.number]}
        if self.kind == PeriodKind.HALF_YEAR:
            if self.number == 1:
                return gettext("First half of %(year)s") % values
            return gettext("Second half of %(year)s") % values
        if self.kind == PeriodKind.SCHOOL_YEAR:
            return gettext("School year %(year)s-%(next)s") % values
        if self.kind == PeriodKind.YEAR:
            return gettext("Year %(year)s") % values
        return self.name

    def __str__(self) -> str:
        return self.label

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> "Period":
        """The period of the same kind just before this one (not campaigns)."""
        return Period.containing(self.kind, self.start - datetime.timedelta(days=1))

    def year_earlier(self) -> "Period | None":
        """The same period a year before (Quý IV/2019 for Quý IV/2020; the
        school year before), for "so với cùng kỳ". A campaign has none: the
        previous year's campaign is another campaign, not the same window."""
        if self.kind == PeriodKind.CAMPAIGN:
            return None
        return Period.containing(self.kind, self.start.replace(year=self.start.year - 1))

    @classmethod
    def back_from(cls, kind: str, day: datetime.date, *, until: datetime.date):
        """Periods of `kind` from the one holding `day` back to the one
        holding `until`, newest first."""
        period = cls.containing(kind, day)
        while period.end >= until:
            yield period
            period = period.previous()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1
