from django import forms
from django.utils.translation import gettext_lazy as _


class RemindForm(forms.Form):
    center = forms.IntegerField(widget=forms.HiddenInput)
    period = forms.CharField(widget=forms.HiddenInput, max_length=80)


class PeriodForm(forms.Form):
    period = forms.CharField(label=_("Period"), required=False, max_length=80)
