"""Filters for the course list and the activity log (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from courses.forms import DATE_WIDGET_ATTRS, BootstrapMixin
from courses.models import Activity, ActivityKind, Campaign, Course, CourseFormat, Topic


class FilterForm(BootstrapMixin, forms.Form):
    pass


def _date_filter(field_name: str, lookup: str, label) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup,
        label=label,
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_WIDGET_ATTRS),
    )


class CourseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("title, with or without accents")}),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), empty_label=_("All topics")
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=CourseFormat.choices, empty_label=_("All formats")
    )
    start_after = _date_filter("start_date", "gte", _("Starting from"))
    start_before = _date_filter("start_date", "lte", _("Starting until"))

    class Meta:
        model = Course
        fields = ["q", "topic", "format", "start_after", "start_before"]
        form = FilterForm

    def search(self, queryset, name, value):
        return queryset.search(value)


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("title, with or without accents")}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ActivityKind.choices, empty_label=_("All kinds")
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=Campaign.objects.all(), empty_label=_("All")
    )
    date_after = _date_filter("date", "gte", _("From"))
    date_before = _date_filter("date", "lte", _("Until"))

    class Meta:
        model = Activity
        fields = ["q", "kind", "campaign", "date_after", "date_before"]
        form = FilterForm

    def search(self, queryset, name, value):
        return queryset.search(value)
