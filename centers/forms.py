from django import forms
from django.utils.translation import gettext_lazy as _


class AsOfForm(forms.Form):
    """The date a page looks at ("as of"), typed dd/mm/yyyy."""

    on = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
