from django import forms
from django.utils.translation import gettext_lazy as _


class RemindForm(forms.Form):
    center = forms.IntegerField(widget=forms.HiddenInput)
    period = forms.CharField(widget=forms.HiddenInput, max_length=80)


class PeriodForm(forms.Form):
    period = forms.CharField(label=_("Period"), required=False, max_length=80)


class ExtendForm(forms.Form):
    """An office extends a period's deadline for all its centers or one."""

    period = forms.CharField(widget=forms.HiddenInput, max_length=80)
    center = forms.IntegerField(
        label=_("Learning center"), required=False, widget=forms.HiddenInput
    )
    deadline = forms.DateField(label=_("New deadline"))
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].widget.attrs.update(
            {"class": "form-control", "inputmode": "numeric"}
        )
        self.fields["reason"].widget.attrs.update({"class": "form-control"})
