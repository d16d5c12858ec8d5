from django import forms
from django.utils.translation import gettext_lazy as _


class RemindForm(forms.Form):
    center = forms.IntegerField(widget=forms.HiddenInput)
    period = forms.CharField(widget=forms.HiddenInput, max_length=80)


class PeriodForm(forms.Form):
    period = forms.CharField(label=_("Period"), required=False, max_length=80)


class ExtendForm(forms.Form):
    """An office extends a period's deadline for every center it answers
    for in the period, or for one of them."""

    period = forms.CharField(widget=forms.HiddenInput, max_length=80)
    center = forms.TypedChoiceField(label=_("For"), coerce=int, required=False, empty_value=None)
    deadline = forms.DateField(label=_("New deadline"))
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args, centers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].choices = [
            ("", _("every center")),
            *((center.pk, center.name) for center in centers),
        ]
        self.fields["center"].widget.attrs["class"] = "form-select"
        deadline = self.fields["deadline"].widget
        deadline.attrs.update({"class": "form-control", "inputmode": "numeric"})
        self.fields["reason"].widget.attrs.update({"class": "form-control"})
