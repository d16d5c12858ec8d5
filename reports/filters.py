"""The office dashboard's filters. The rows are the reporting read model's,
computed in Python by its one deadline and on-time rule, so the filters
apply to those rows rather than to a queryset (django-filter's domain)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from centers.text import search_key
from courses.reporting import CenterPeriod, ReportStatus, Verdict


class OfficeDashboardFilter(forms.Form):
    """Status, on time or late, and the center's name typed without accents."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *ReportStatus.CHOICES],
        required=False,
    )
    timeliness = forms.ChoiceField(
        label=_("Deadline"),
        choices=[("", _("Any")), *Verdict.CHOICES],
        required=False,
    )
    q = forms.CharField(
        label=_("Center"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. thach trung")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"

    def apply(self, rows: list[CenterPeriod]) -> list[CenterPeriod]:
        """The rows that match; all of them when the filters do not validate."""
        if not self.is_bound or not self.is_valid():
            return rows
        status, verdict = self.cleaned_data["status"], self.cleaned_data["timeliness"]
        key = search_key(self.cleaned_data["q"])
        return [
            row
            for row in rows
            if (not status or row.status == status)
            and (not verdict or row.verdict == verdict)
            and (not key or key in row.center.search_name)
        ]
