import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from centers.models import Appointment, CenterStatus, LearningCenter

# A phone shows each row as a card (templates/tables/bootstrap5.html): this
# cell is its title; PHONE_HIDDEN columns are left for the center's page.
CARD_TITLE = {"td": {"class": "card-title"}}
PHONE_HIDDEN = {key: {"class": "d-none d-md-table-cell"} for key in ("th", "td")}


class CenterTable(tables.Table):
    """Centers with their unit, its parent and the director on the table's
    date; the queryset (`centers.selectors.center_rows`) joins all of it."""

    name = tables.Column(verbose_name=_("Learning center"), linkify=True, attrs=CARD_TITLE)
    unit = tables.Column(
        verbose_name=_("Administrative unit"),
        accessor="unit__name",
        order_by="unit__name",
        attrs=PHONE_HIDDEN,
    )
    parent = tables.Column(verbose_name=_("Belongs to"), accessor="unit__parent__name", default="—")
    status = tables.Column(verbose_name=_("Status"))
    director_name = tables.Column(verbose_name=_("Director"), default="—", orderable=False)

    class Meta:
        model = LearningCenter
        fields = ("name", "unit", "parent", "status", "director_name")
        empty_text = _("No learning centers.")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def __init__(self, *args, on=None, **kwargs):
        self.on = on  # the date the list looks at
        super().__init__(*args, **kwargs)

    def render_status(self, record, value):
        """The status on the table's date: a center merged in 2025 was
        active in 2020."""
        if self.on is not None and record.is_active_on(self.on):
            return CenterStatus.ACTIVE.label
        return record.get_status_display()


class AppointmentTable(tables.Table):
    full_name = tables.Column(verbose_name=_("Full name"), attrs=CARD_TITLE)
    role = tables.Column(verbose_name=_("Role"))
    home_post = tables.Column(verbose_name=_("Post held elsewhere"), default="—")
    term = tables.Column(verbose_name=_("Term"), accessor="term_display", order_by=("start_date",))
    phone = tables.Column(verbose_name=_("Phone"), default="—")

    class Meta:
        model = Appointment
        fields = ("full_name", "role", "home_post", "term", "phone")
        empty_text = _("No appointments recorded.")
        orderable = False
