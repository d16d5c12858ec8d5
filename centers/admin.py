from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from centers.forms import UnitMergeForm
from centers.models import (
    AccountAction,
    AdministrativeUnit,
    Appointment,
    LearningCenter,
    Office,
    UnitSuccession,
    User,
)
from centers.selectors import users_pickable_by
from centers.services import MergeSource, units_merge
from centers.text import search_key, vietnamese_sort_key


def scoped_choices(db_field, request, kwargs: dict) -> dict:
    """Limit a form's choice of related objects to those the user may see:
    the server refuses the rest, not only the autocomplete."""
    related = db_field.remote_field.model
    if "queryset" in kwargs:
        return kwargs  # the admin chose a narrower set itself
    if not request.user.is_superuser and hasattr(related.objects, "visible_to"):
        kwargs["queryset"] = related.objects.visible_to(request.user)
    return kwargs


class ScopedAdminMixin:
    """No unscoped queryset in the admin: staff who are not superusers see,
    and can pick in forms, only what `visible_to` gives them."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=self.model.objects.visible_to(request.user).values("pk"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = scoped_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's history pages held to the change page's rules.

    Its history list falls back to the last historical row when the object
    is not in `get_queryset`, and its "revert" page loads any version of any
    object and saves a POST with no change permission. Here both start from
    the scoped queryset (404 outside the user's scope; administrators may
    still open a deleted object's history), and a revert needs the change
    permission on the object as it is now. The revert goes through the
    admin's ModelForm, whose full_clean runs the model's clean() — so a
    record inside an approved period is refused as on the change page.
    """

    def history_view(self, request, object_id, extra_context=None):
        self._scoped_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self._scoped_object(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _scoped_object(self, request, object_id):
        """The object as the change page would find it; 404 if not there."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            if request.user.is_superuser:
                return None  # a deleted object's history, for administrators only
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj


class SuperuserWritesMixin:
    """National data (units, topics, campaigns): staff with permissions
    read it; only administrators add, change or delete it."""

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class SuperuserOnlyMixin:
    """Models only administrators manage (accounts, unit lineage)."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class AccentFreeSearchMixin:
    """Admin search through the model's `search()` queryset method, so
    "thach trung" finds "Xã Thạch Trung" here as in every search box."""

    search_fields = ("search_name",)
    search_help_text = _("Type with or without accents, e.g. “thach trung”.")

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.search(search_term), False


class SearchKeyAdminMixin:
    """Accent-free admin search on stored search keys (`SearchKeyField`s,
    also through a relation: "center__search_name"): the typed text is
    reduced by the same `search_key`, so "Thạch Trung" and "thach trung"
    both find "Xã Thạch Trung". `search_fields` names them (and shows the
    search box); `search_text_fields` are matched as typed (codes, keys)."""

    search_text_fields: tuple[str, ...] = ()
    search_help_text = _("Type with or without accents, e.g. “thach trung”.")

    def get_search_results(self, request, queryset, search_term):
        key, typed = search_key(search_term), search_term.strip()
        if not key:
            return queryset, False
        match = Q()
        for field in self.search_fields:
            match |= Q(**{f"{field}__contains": key})
        for field in self.search_text_fields:
            match |= Q(**{f"{field}__icontains": typed})
        return queryset.filter(match), False


class SmallListSearchMixin:
    """Accent-free admin search for lists without a stored search key
    (topics, campaigns, accounts): each row's `search_fields` are reduced by
    `search_key` in Python and compared with the typed text. One query of
    the listed columns; fine for national lists of tens of thousands."""

    search_help_text = _("Type with or without accents, e.g. “thach trung”.")

    def get_search_results(self, request, queryset, search_term):
        key = search_key(search_term)
        if not key:
            return queryset, False
        rows = queryset.values_list("pk", *self.search_fields)
        found = [pk for pk, *texts in rows if any(key in search_key(t) for t in texts)]
        return queryset.filter(pk__in=found), False


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [("current", _("valid today")), ("ended", _("ended"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "current":
            return queryset.valid_on(today)
        if self.value() == "ended":
            return queryset.filter(valid_until__lt=today)
        return queryset


class ProvinceFilter(admin.SimpleListFilter):
    title = _("province")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        provinces = AdministrativeUnit.objects.filter(level=1).order_by("name", "valid_from")
        return [(str(p.pk), f"{p.name} ({p.code})") for p in provinces]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        province = AdministrativeUnit.objects.filter(pk=self.value()).first()
        if province is None:
            return queryset.none()
        return queryset.filter(path__startswith=province.path)


class SuccessorInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "predecessor"
    autocomplete_fields = ("successor",)
    extra = 0
    verbose_name = _("became")
    verbose_name_plural = _("became (successors)")


class PredecessorInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "successor"
    autocomplete_fields = ("predecessor",)
    extra = 0
    verbose_name = _("formed from")
    verbose_name_plural = _("formed from (predecessors)")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(
    SuperuserWritesMixin, ScopedAdminMixin, AccentFreeSearchMixin, admin.ModelAdmin
):
    # Ordered by name (Vietnamese collation); the level, province and
    # validity filters narrow the country's list, the parent column says
    # where each unit belongs.
    list_display = ("unit_name", "code", "kind", "parent_name", "validity", "population")
    list_filter = (ValidityFilter, "level", "kind", ProvinceFilter)
    list_select_related = ("parent__parent",)
    ordering = ("name", "code")
    autocomplete_fields = ("parent",)
    readonly_fields = ("level", "path", "became_today", "lineage")
    fields = (
        "code",
        "name",
        "kind",
        "level",
        "parent",
        ("valid_from", "valid_until"),
        ("population", "population_year"),
        "became_today",
        "lineage",
    )
    inlines = (PredecessorInline, SuccessorInline)
    list_per_page = 100
    actions = ("record_merge",)

    def get_urls(self):
        merge = path(
            "merge/",
            self.admin_site.admin_view(self.merge_view),
            name="centers_administrativeunit_merge",
        )
        return [merge, *super().get_urls()]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("record_merge", None)
        return actions

    @admin.action(description=_("Record that the selected units were merged into one unit"))
    def record_merge(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:centers_administrativeunit_merge')}?ids={ids}")

    def merge_view(self, request):
        """Intermediate page of the merge action: target, date, partial ones.
        Unit history is national data: only administrators record merges."""
        if not request.user.is_superuser:
            raise PermissionDenied
        ids = [
            int(i) for i in request.GET.get("ids", "").split(",") if i.isdecimal() and len(i) < 19
        ]
        sources = AdministrativeUnit.objects.filter(pk__in=ids).select_related("parent")
        form = UnitMergeForm(request.POST or None, sources=sources)
        if request.method == "POST" and form.is_valid():
            partial = set(form.cleaned_data["partial"])
            try:
                units_merge(
                    into=form.cleaned_data["into"],
                    sources=[MergeSource(unit, partial=unit in partial) for unit in sources],
                    on=form.cleaned_data["on"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                into = form.cleaned_data["into"]
                self.message_user(
                    request,
                    _("Recorded: %(count)s units became %(unit)s.")
                    % {"count": len(sources), "unit": into.name_in_sentence},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:centers_administrativeunit_change", args=[into.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Record a merge"),
            "form": form,
            "sources": sources,
        }
        return TemplateResponse(request, "admin/centers/administrativeunit/merge.html", context)

    @admin.display(description=_("name"), ordering="name")
    def unit_name(self, unit):
        return unit.name

    @admin.display(description=_("belongs to"))
    def parent_name(self, unit):
        return unit.parent.full_name if unit.parent_id else "—"

    @admin.display(description=_("validity"), ordering="valid_from")
    def validity(self, unit):
        return unit.validity_display

    @admin.display(description=_("as of today it is"))
    def became_today(self, unit):
        if not unit.pk:
            return "—"
        units = unit.successors_on(timezone.localdate())
        return format_html_join(", ", "{} ({})", ((u.full_name, u.code) for u in units)) or "—"

    @admin.display(description=_("lineage"))
    def lineage(self, unit):
        if not unit.pk:
            return "—"
        links = UnitSuccession.objects.filter(
            Q(predecessor=unit) | Q(successor=unit)
        ).select_related("predecessor", "successor")
        return format_html_join(mark_safe("<br>"), "{}", ((str(link),) for link in links)) or "—"


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(SuperuserOnlyMixin, SearchKeyAdminMixin, admin.ModelAdmin):
    list_display = ("predecessor", "successor", "partial")
    list_filter = ("partial",)
    list_select_related = ("predecessor", "successor")
    autocomplete_fields = ("predecessor", "successor")
    search_fields = ("predecessor__search_name", "successor__search_name")
    search_text_fields = ("predecessor__code", "successor__code")


class AppointmentInline(admin.TabularInline):
    """A center's appointments on its page: administrators edit them here;
    staff read them, and change them on the appointment's own page, where
    each one is checked (see AppointmentAdmin)."""

    model = Appointment
    extra = 0
    autocomplete_fields = ("user",)
    # The columns that fit a 1366-px screen; the home post, phone and email
    # are on the appointment's own page (the link on each row).
    fields = ("full_name", "role", "start_date", "end_date", "user")
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(LearningCenter)
class LearningCenterAdmin(ScopedAdminMixin, AccentFreeSearchMixin, admin.ModelAdmin):
    list_display = ("name", "unit_name", "status", "established_on", "closed_on")
    list_filter = ("status", "unit__level")
    list_select_related = ("unit__parent",)
    autocomplete_fields = ("unit", "predecessors")
    inlines = (AppointmentInline,)

    class Media:
        css = {"all": ("css/admin.css",)}

    # A center is managed by the offices above it, not by its own staff.
    def has_add_permission(self, request, *args):
        return super().has_add_permission(request) and (
            request.user.is_superuser or request.user.offices.exists()
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _office_manages(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _office_manages(request, obj)

    @admin.display(description=_("administrative unit"), ordering="unit__name")
    def unit_name(self, center):
        return center.unit.full_name


def _office_manages(request, center: LearningCenter | None) -> bool:
    """Whether the user manages `center` through an office over it."""
    user = request.user
    if user.is_superuser or center is None:
        return True
    return LearningCenter.objects.office_scope(user).filter(pk=center.pk).exists()


class CurrentAppointmentFilter(admin.SimpleListFilter):
    title = _("term")
    parameter_name = "term"

    def lookups(self, request, model_admin):
        return [("current", _("current")), ("ended", _("ended"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "current":
            return queryset.current(today)
        if self.value() == "ended":
            return queryset.filter(end_date__lt=today)
        return queryset


@admin.register(Appointment)
class AppointmentAdmin(ScopedAdminMixin, AccentFreeSearchMixin, admin.ModelAdmin):
    """Appointments give rights at a center, so staff who are not
    administrators manage only those at the centers under their offices
    (not at a center where they are appointed themselves), never their own,
    and link only accounts in their scope (`users_pickable_by`)."""

    list_display = ("full_name", "role", "center", "term", "home_post", "user")
    list_filter = ("role", CurrentAppointmentFilter)
    list_select_related = ("center", "user")
    autocomplete_fields = ("center", "user")

    def get_autocomplete_fields(self, request):
        # Accounts are the administrators' page: staff pick from a list
        # already narrowed to their scope.
        return self.autocomplete_fields if request.user.is_superuser else ("center",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.name == "center":
                kwargs["queryset"] = LearningCenter.objects.office_scope(request.user)
            elif db_field.name == "user":
                kwargs["queryset"] = users_pickable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._manages(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._manages(request, obj)

    @admin.display(description=_("term"), ordering="start_date")
    def term(self, appointment):
        return appointment.term_display

    def _manages(self, request, appointment: Appointment | None) -> bool:
        user = request.user
        if user.is_superuser or appointment is None:
            return True
        return (
            appointment.user_id != user.pk
            and LearningCenter.objects.office_scope(user).filter(pk=appointment.center_id).exists()
        )


@admin.register(Office)
class OfficeAdmin(ScopedAdminMixin, AccentFreeSearchMixin, admin.ModelAdmin):
    """Staff who are not administrators see their own offices: they may name
    colleagues from their scope, but neither add nor remove themselves, nor
    move the office to another unit or period."""

    list_display = ("name", "unit", "valid_from", "valid_until")
    list_filter = (ValidityFilter,)
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    filter_horizontal = ("members",)
    fieldsets = (
        (None, {"fields": ("name", "unit", "valid_from", "valid_until", "members")}),
        (_("Reports"), {"fields": ("report_recipients",)}),
        (
            _("Heading and signature of Excel reports"),
            {
                "fields": (
                    "authority",
                    "place_name",
                    "document_prefix",
                    "head_title",
                    "signer_title",
                    "signer_name",
                )
            },
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        return ("unit", "valid_from", "valid_until")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members" and not request.user.is_superuser:
            kwargs["queryset"] = users_pickable_by(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Members the editor could not pick (themselves, administrators,
        people outside their scope) stay as they were."""
        kept = []
        if change and not request.user.is_superuser:
            pickable = users_pickable_by(request.user).values("pk")
            kept = list(form.instance.members.exclude(pk__in=pickable))
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.members.add(*kept)


@admin.register(User)
class UserAdmin(SuperuserOnlyMixin, SmallListSearchMixin, BaseUserAdmin):
    list_display = ("username", "full_name", "email", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email")
    fieldsets = (
        (None, {"fields": ("username", "password", "must_change_password")}),
        (_("Personal info"), {"fields": ("full_name", "email")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")},
        ),
    )


@admin.register(AccountAction)
class AccountActionAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    """The record of passwords reset and lockouts cleared by offices."""

    list_display = ("created_at", "kind", "user", "actor", "office")
    list_filter = ("kind",)
    list_select_related = ("user", "actor", "office")
    readonly_fields = ("created_at", "kind", "user", "actor", "office")

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LogOnlyMixin:
    """axes' records are written by axes: read and deleted, never typed in
    (its own admin lets an empty add form reach the database, and its
    "clean up expired attempts" action fails outside a login request)."""

    actions = []

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Groups carry permissions and axes' records are everyone's lockouts: only
# administrators manage them (a staff user allowed to edit groups could
# grant their own group every permission).
for model, extra in [
    (Group, ()),
    (AccessAttempt, (LogOnlyMixin,)),
    (AccessLog, (LogOnlyMixin,)),
    (AccessFailureLog, (LogOnlyMixin,)),
]:
    if admin.site.is_registered(model):
        superuser_admin = type(admin.site._registry[model])
        admin.site.unregister(model)
        admin.site.register(
            model,
            type(
                superuser_admin.__name__,
                (*extra, SuperuserOnlyMixin, superuser_admin),
                {"__module__": __name__},
            ),
        )


def _vietnamese_app_list(get_app_list):
    """The admin's index and sidebar in Vietnamese order (Django sorts with
    Python's, which puts "Đơn vị" after "Xác thực")."""

    def app_list(request, app_label=None):
        apps = get_app_list(request, app_label)
        apps.sort(key=lambda app: vietnamese_sort_key(str(app["name"])))
        for app in apps:
            app["models"].sort(key=lambda model: vietnamese_sort_key(str(model["name"])))
        return apps

    return app_list


admin.site.get_app_list = _vietnamese_app_list(admin.site.get_app_list)
admin.site.site_header = _("CLC Tracker administration")
admin.site.site_title = _("CLC Tracker")
