from django import forms
from django.utils.translation import gettext_lazy as _

from centers.models import AdministrativeUnit


class AsOfForm(forms.Form):
    """The date a page looks at ("as of"), typed dd/mm/yyyy."""

    on = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "class": "form-control"}
        ),
    )


class UnitMergeForm(forms.Form):
    """The admin's "record a merge": the selected units became one unit on a date."""

    into_code = forms.CharField(
        label=_("Code of the unit they became"),
        max_length=5,
        help_text=_("For example 18100 for Phường Trần Phú (from 01/07/2025)."),
    )
    on = forms.DateField(label=_("Merged on"), help_text=_("The first day of the new unit."))
    partial = forms.ModelMultipleChoiceField(
        label=_("Only part of these went in (split units)"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partial"].queryset = sources

    def clean(self):
        cleaned = super().clean()
        code, on = cleaned.get("into_code"), cleaned.get("on")
        if code and on:
            units = list(AdministrativeUnit.objects.by_code(code).valid_on(on)[:2])
            if len(units) != 1:
                self.add_error(
                    "into_code",
                    _("No single unit has code %(code)s on %(day)s.")
                    % {"code": code, "day": on.strftime("%d/%m/%Y")},
                )
            else:
                cleaned["into"] = units[0]
        return cleaned
