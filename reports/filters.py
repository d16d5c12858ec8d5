import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from centers.text import search_key
from reports.selectors import Status


class OfficeDashboardFilter(django_filters.FilterSet):
    """The dashboard's filters: status, on time or late, accent-free name."""

    status = django_filters.ChoiceFilter(
        field_name="report_state",
        label=_("Status"),
        choices=Status.CHOICES,
        empty_label=_("All statuses"),
    )
    timeliness = django_filters.ChoiceFilter(
        label=_("Deadline"),
        choices=[("on_time", _("on time")), ("late", _("late"))],
        empty_label=_("On time and late"),
        method="filter_timeliness",
    )
    q = django_filters.CharFilter(
        label=_("Center"),
        method="filter_search",
        widget=forms.TextInput(attrs={"placeholder": _("e.g. thach trung")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"

    def filter_timeliness(self, queryset, name, value):
        return queryset.filter(is_late=(value == "late"))

    def filter_search(self, queryset, name, value):
        key = search_key(value)
        return queryset.filter(search_name__contains=key) if key else queryset
