"""Campaigns — e.g. "Tuần lễ hưởng ứng học tập suốt đời năm 2020", 1–7 Oct —
and each center's report on one: books, bookcases and money mobilised."""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from centers.fields import NFCCharField, NFCTextField
from centers.models import LearningCenter
from centers.text import COLLATION
from courses.models.records import (
    MAX_AMOUNT,
    MAX_PARTICIPATIONS,
    MAX_SESSIONS,
    _at_most,
    _fmt,
    _lock_errors,
)
from courses.periods import Period
from courses.scoping import CenterRecordQuerySet

__all__ = ["Campaign", "CampaignQuerySet", "CampaignReport", "CampaignReportQuerySet"]


class CampaignQuerySet(models.QuerySet):
    def open_on(self, day: datetime.date):
        """Campaigns a center can still report on: started, deadline not passed."""
        return self.filter(start_date__lte=day, report_deadline__gte=day)


class Campaign(models.Model):
    """A nationwide drive with a window and a reporting deadline, e.g. "Tuần lễ
    hưởng ứng học tập suốt đời năm 2020", 01/10–07/10/2020, report by 15/10."""

    name = NFCCharField(_("name"), max_length=255, db_collation=COLLATION)
    slug = models.SlugField(
        _("short name"),
        max_length=80,
        unique=True,
        help_text=_("Used in addresses and period names, e.g. “tuan-le-hoc-tap-2020”."),
    )
    theme = NFCCharField(_("theme"), max_length=500, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    report_deadline = models.DateField(_("report deadline"))
    description = NFCTextField(_("description"), blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="campaign_end_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(report_deadline__gte=models.F("end_date")),
                name="campaign_deadline_after_end",
                violation_error_message=_("The report deadline cannot be before the last day."),
            ),
        ]
        indexes = [
            # The dashboard's open campaign: open_on(today).
            models.Index(fields=["start_date", "report_deadline"], name="campaign_open_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:courses_campaign_change", args=[self.pk])

    @property
    def period(self) -> Period:
        return Period.campaign(self)

    @property
    def window_display(self) -> str:
        return f"{_fmt(self.start_date)} – {_fmt(self.end_date)}"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        elif self.end_date and self.report_deadline and self.report_deadline < self.end_date:
            errors["report_deadline"] = _("The report deadline cannot be before the last day.")
        if errors:
            raise ValidationError(errors)


class CampaignReportQuerySet(CenterRecordQuerySet):
    """A campaign report is read like a record dated on the campaign's first
    day: a former director does not read his successor's."""

    date_field = "campaign__start_date"


class CampaignReport(models.Model):
    """What one center mobilised for a campaign. Its activities and their
    participations are not stored here: they are the center's activities
    linked to the campaign, summed when the report is shown."""

    center = models.ForeignKey(
        LearningCenter,
        verbose_name=_("learning center"),
        on_delete=models.PROTECT,
        related_name="campaign_reports",
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="reports"
    )
    books = models.PositiveIntegerField(
        _("books mobilised"), default=0, validators=[_at_most(MAX_PARTICIPATIONS)]
    )
    bookcases = models.PositiveIntegerField(
        _("bookcases / reading corners"), default=0, validators=[_at_most(MAX_SESSIONS)]
    )
    money = models.PositiveBigIntegerField(
        _("money mobilised (đồng)"), default=0, validators=[_at_most(MAX_AMOUNT)]
    )
    notes = NFCTextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CampaignReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign report")
        verbose_name_plural = _("campaign reports")
        ordering = ["-campaign__start_date", "center__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "campaign"],
                name="campaign_report_once_per_center",
                violation_error_message=_("This center already has a report for this campaign."),
            ),
            models.CheckConstraint(
                condition=Q(books__gte=0) & Q(bookcases__gte=0) & Q(money__gte=0),
                name="campaign_report_not_negative",
                violation_error_message=_("Counts cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.center}"

    def get_absolute_url(self) -> str:
        return reverse("courses:campaign", args=[self.center_id, self.campaign.slug])

    @property
    def record_date(self) -> datetime.date | None:
        """A campaign report is locked with the period holding the campaign's
        first day (the campaign's own report among them)."""
        return self.campaign.start_date if self.campaign_id else None

    def clean(self):
        errors = _lock_errors(self, NON_FIELD_ERRORS)
        if errors:
            raise ValidationError(errors)
