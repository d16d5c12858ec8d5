from django import forms
from django.utils.translation import gettext_lazy as _

from centers.widgets import LongSelect


class RemindForm(forms.Form):
    center = forms.IntegerField(widget=forms.HiddenInput)
    period = forms.CharField(widget=forms.HiddenInput, max_length=80)


class ExtendForm(forms.Form):
    """An office extends a period's deadline for every center it answers
    for in the period, or for one of them."""

    period = forms.CharField(widget=forms.HiddenInput, max_length=80)
    center = forms.TypedChoiceField(
        label=_("For"), coerce=int, required=False, empty_value=None, widget=LongSelect
    )
    deadline = forms.DateField(label=_("New deadline"))
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args, centers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offer(centers)
        self.fields["center"].widget.attrs["class"] = "form-select"
        deadline = self.fields["deadline"].widget
        deadline.attrs.update({"class": "form-control", "inputmode": "numeric"})
        self.fields["reason"].widget.attrs.update({"class": "form-control"})

    def offer(self, centers) -> None:
        """The centers to choose among (a bound form is validated against
        the posted one alone, then shown again with all of them)."""
        self.fields["center"].choices = [
            ("", _("every center")),
            *((center.pk, center.name) for center in centers),
        ]


class ReportForm(forms.Form):
    """The reports page: which report, about which unit (as it was during
    the period), for which period, and how. The unit's scope is checked by
    the view (`reports.exports.check_scope`): one outside it is a 404."""

    kind = forms.ChoiceField(label=_("Report"))
    unit = forms.IntegerField(label=_("Administrative unit"), widget=forms.Select)
    period = forms.CharField(
        label=_("Period"),
        max_length=120,
        help_text=_("e.g. 2020, 2020-H2, 2020-Q4, 2020-10, NH2020-2021 or campaign:<name>"),
    )
    roll_up = forms.BooleanField(
        label=_("Group by today's units (the units the old ones became)"), required=False
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (data only)"))],
        initial="xlsx",
    )

    def __init__(self, *args, kinds=(), units=(), periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)
        self.fields["unit"].widget.choices = [
            (unit.pk, ("— " * (unit.level - 1)) + f"{unit.name} ({unit.validity_display})")
            for unit in units
        ]
        self.periods = periods
        for name, field in self.fields.items():
            if name == "roll_up":
                field.widget.attrs["class"] = "form-check-input"
            else:
                is_select = isinstance(field.widget, forms.Select)
                field.widget.attrs["class"] = "form-select" if is_select else "form-control"
        self.fields["period"].widget.attrs["list"] = "period-choices"
