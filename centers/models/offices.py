"""Offices: supervising bodies attached to a unit for a period."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centers.fields import NFCCharField, NFCTextField, SearchKeyField
from centers.models.base import (
    SearchQuerySet,
    _is_email,
    _name_taken,
    _overlapping,
    _related_or_none,
    _valid_on,
    _within,
)
from centers.models.units import AdministrativeUnit
from centers.models.users import User
from centers.text import COLLATION


class OfficeQuerySet(SearchQuerySet):
    def valid_on(self, on: datetime.date):
        return self.filter(_valid_on(on))

    def over(self, unit: "AdministrativeUnit", start: datetime.date, end: datetime.date):
        """Offices supervising `unit` at some time in [start, end]: attached
        to it or to a unit above it, and valid then. One query."""
        return self.filter(unit_id__in=unit.ancestor_ids).filter(_overlapping(start, end))

    def visible_to(self, user):
        """Offices a user may see: their own; administrators see all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(members=user)


class Office(models.Model):
    """A supervising body attached to a unit for a period: a Phòng GD&ĐT over a
    district until 30/06/2025, the Sở GD&ĐT over a province. Its staff see
    the unit's subtree; its recipients receive the reports."""

    name = NFCCharField(_("name"), max_length=255, db_collation=COLLATION)
    search_name = SearchKeyField(source="name")
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="offices",
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    report_recipients = NFCTextField(
        _("report recipients"),
        blank=True,
        help_text=_("Email addresses that receive reports, one per line or separated by commas."),
    )
    members = models.ManyToManyField(
        User, verbose_name=_("staff"), related_name="offices", blank=True
    )
    # What the office's reports carry in the official layout (reports.excel):
    # the authority above it, the place in the date line, the prefix of the
    # document number, and who signs for the head of the office.
    authority = NFCCharField(
        _("governing authority"),
        max_length=255,
        blank=True,
        help_text=_("Printed above the office's name, e.g. “UBND thành phố Hà Tĩnh”."),
    )
    place_name = NFCCharField(
        _("place name"),
        max_length=100,
        blank=True,
        help_text=_("The place in the date line of reports, e.g. “Hà Tĩnh”."),
    )
    document_prefix = NFCCharField(
        _("document number prefix"),
        max_length=30,
        blank=True,
        help_text=_("The office's abbreviation in “Số: …/BC-PGDĐT”, e.g. “PGDĐT”."),
    )
    head_title = NFCCharField(
        _("title of the head"),
        max_length=100,
        blank=True,
        help_text=_("e.g. “Trưởng phòng” or “Giám đốc”."),
    )
    signer_title = NFCCharField(
        _("title of the signer"),
        max_length=100,
        blank=True,
        help_text=_(
            "Leave empty when the head signs; a deputy (e.g. “Phó Trưởng phòng”) signs "
            "“KT. TRƯỞNG PHÒNG” above this title."
        ),
    )
    signer_name = NFCCharField(_("name of the signer"), max_length=150, blank=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="office_valid_until_after_valid_from",
                violation_error_message=_("The end of validity cannot be before its start."),
            ),
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="office_name_unique_per_unit",
                violation_error_message=_("This unit already has an office with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:centers_office_change", args=[self.pk])

    @property
    def recipient_list(self) -> list[str]:
        text = (self.report_recipients or "").replace(",", "\n").replace(";", "\n")
        return [line.strip() for line in text.split("\n") if line.strip()]

    def is_valid_on(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def scope_date(self, on: datetime.date | None = None) -> datetime.date:
        """`on` (default today) moved inside the office's validity: a closed
        office is looked at as of its last day."""
        on = on or timezone.localdate()
        if self.valid_until and on > self.valid_until:
            return self.valid_until
        return max(on, self.valid_from)

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of validity cannot be before its start.")
        invalid = [e for e in self.recipient_list if not _is_email(e)]
        if invalid:
            errors["report_recipients"] = _("Not an email address: %(list)s") % {
                "list": ", ".join(invalid)
            }
        unit = _related_or_none(self, "unit")
        if (
            not errors
            and unit
            and self.valid_from
            and not _within(self.valid_from, self.valid_until, unit.valid_from, unit.valid_until)
        ):
            errors["unit"] = _(
                "%(unit)s is valid %(validity)s; the office's validity must fall inside it."
            ) % {"unit": unit.name, "validity": unit.validity_display}
        if not errors and unit and _name_taken(self, Office.objects):
            errors["name"] = _("This unit already has an office with this name.")
        if errors:
            raise ValidationError(errors)
