"""Forms for a center's records. Model validation (the model's clean() and
constraints) gives the messages beside each field; these forms add the
phone-friendly widgets, the one-time token against double submits, and
the plausibility warnings the user confirms past."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centers.numbers import GroupedIntegerField, GroupedNumberInput
from courses.models import Activity, Campaign, CampaignReport, Course, Topic
from courses.selectors import activity_warnings, course_warnings

# No numeric keypad for dates: iOS's has no "/", and "20/11/2020" needs one
# (20112020 is accepted too, see config/formats).
DATE_WIDGET_ATTRS = {"placeholder": "dd/mm/yyyy", "autocomplete": "off"}


def _date_widget() -> forms.DateInput:
    return forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET_ATTRS)


def _number_widget() -> GroupedNumberInput:
    return GroupedNumberInput()


def _grouped(*names: str) -> dict:
    """Meta.field_classes for the whole-number fields: "12.000" is 12000."""
    return dict.fromkeys(names, GroupedIntegerField)


class BootstrapMixin:
    """Bootstrap classes on every widget, `is-invalid` on fields with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = _("Enter a whole number.")
                # With the field's own limit: a course has at least 1 session.
                field.error_messages["min_value"] = _(
                    "Enter a whole number, %(limit_value)s or more."
                )

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            self._mark_invalid(name)

    @property
    def has_field_errors(self) -> bool:
        """Whether a visible field has an error (said beside it)."""
        return any(field.errors for field in self.visible_fields())

    def _mark_invalid(self, name: str) -> None:
        if name in self.fields:
            widget = self.fields[name].widget
            if "is-invalid" not in widget.attrs.get("class", ""):
                widget.attrs["class"] += " is-invalid"


class RecordForm(BootstrapMixin, forms.ModelForm):
    """A center's record: a one-time token on creation, and warnings about
    unlikely figures that need a ticked "confirm" box to save."""

    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # The version the record had when the form was opened (edits only).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    confirm = forms.BooleanField(
        label=_("The figures are correct, save them anyway"), required=False
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer  # whose records the plausibility checks compare with
        self.warnings: list[str] = []
        if self.instance.pk:
            del self.fields["form_token"]
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
            self.fields["form_token"].required = True
            self.fields["form_token"].initial = uuid.uuid4()
            expired = _("This form has expired. Reload the page and enter the record again.")
            self.fields["form_token"].error_messages.update(
                {"required": expired, "invalid": expired}
            )

    def plausibility_warnings(self) -> list[str]:
        raise NotImplementedError

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        self.warnings = self.plausibility_warnings()
        if self.warnings and not self.cleaned_data.get("confirm"):
            self.add_error("confirm", _("Check the figures above, then tick this box to save."))
            self._mark_invalid("confirm")
            return False
        return True

    def service_fields(self) -> dict:
        """The model fields to pass to a service (and, for an edit, the
        version the form was opened at)."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        if "version" in self.fields:
            fields["version"] = self.cleaned_data["version"]
        return fields


class CourseForm(RecordForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "topic",
            "format",
            "start_date",
            "end_date",
            "sessions",
            "participants_total",
            "participants_women",
            "participants_ethnic_minority",
            "instructor",
            "location",
            "funding_source",
            "funding_amount",
            "notes",
        ]
        widgets = {
            "start_date": _date_widget(),
            "end_date": _date_widget(),
            "sessions": _number_widget(),
            "participants_total": _number_widget(),
            "participants_women": _number_widget(),
            "participants_ethnic_minority": _number_widget(),
            "funding_amount": _number_widget(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = _grouped(
            "sessions",
            "participants_total",
            "participants_women",
            "participants_ethnic_minority",
            "funding_amount",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants_total"].label = _("Total")
        self.fields["topic"].empty_label = _("Choose a topic")
        if not self.initial.get("start_date"):
            self.initial["start_date"] = timezone.localdate()  # most are logged the same day
        topics = Topic.objects.filter(is_active=True)
        if self.instance.topic_id:
            topics = Topic.objects.filter(pk=self.instance.topic_id) | topics
        self.fields["topic"].queryset = topics
        self.fields["end_date"].required = False
        self.fields["sessions"].widget.attrs["min"] = 1
        self.fields["title"].widget.attrs["autofocus"] = not self.is_bound

    def clean(self):
        data = super().clean()
        # A one-day session needs only its start date.
        if data.get("start_date") and not data.get("end_date") and "end_date" not in self.errors:
            data["end_date"] = data["start_date"]
        return data

    def plausibility_warnings(self) -> list[str]:
        return course_warnings(self.instance, viewer=self.viewer)


class ActivityForm(RecordForm):
    class Meta:
        model = Activity
        fields = ["date", "kind", "title", "participants", "campaign", "location", "description"]
        widgets = {
            "date": _date_widget(),
            "participants": _number_widget(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = _grouped("participants")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.order_by("-start_date")
        self.fields["campaign"].empty_label = _("None")
        if not self.initial.get("date"):
            self.initial["date"] = timezone.localdate()
        self.fields["title"].widget.attrs["autofocus"] = not self.is_bound

    def plausibility_warnings(self) -> list[str]:
        return activity_warnings(self.instance, viewer=self.viewer)


class CampaignReportForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = CampaignReport
        fields = ["books", "bookcases", "money", "notes"]
        widgets = {
            "books": _number_widget(),
            "bookcases": _number_widget(),
            "money": _number_widget(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = _grouped("books", "bookcases", "money")


class SubmissionForm(BootstrapMixin, forms.Form):
    """What the center says with its figures: nothing to report, a note."""

    nothing_to_report = forms.BooleanField(
        label=_("Nothing to report this period (no course or activity)"), required=False
    )
    note = forms.CharField(
        label=_("Note to the office"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReturnForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(
        label=_("What the center should correct"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the period is reopened"), widget=forms.Textarea(attrs={"rows": 3})
    )
