from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Fill in the template and upload it; nothing is saved before you confirm."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "class": "form-control",
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.WORKBOOK_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB; split it and import the parts.")
                % {"limit": settings.WORKBOOK_MAX_BYTES // 2**20}
            )
        return upload
