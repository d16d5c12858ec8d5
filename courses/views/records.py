"""The center workspace: the dashboard as the home page of center staff, the
course list and log, the record forms, history and the campaign report.

Every object comes through a scoping function: a center or record the
user may not see is a 404; one they may see but not change (another term,
a read-only role) is a 403 with the reason.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import slug_re
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from centers import views as center_views
from centers.models import LearningCenter
from courses import services
from courses.filters import ActivityFilter, CourseFilter
from courses.forms import ActivityForm, CampaignReportForm, CourseForm
from courses.models import (
    Activity,
    ActivityKind,
    Campaign,
    CampaignReport,
    Course,
    Submission,
    may_write,
    writer_terms,
)
from courses.periods import Period
from courses.reporting import center_period, figures_of
from courses.selectors import center_dashboard, history_rows
from courses.tables import ActivityTable, CourseTable

SESSION_CENTER = "courses.working_center"
PER_PAGE = 25


# ---------------------------------------------------------------------------
# Access
# ---------------------------------------------------------------------------


def _visible_center(request: HttpRequest, center_pk: int) -> LearningCenter:
    centers = LearningCenter.objects.visible_to(request.user).select_related("unit")
    return get_object_or_404(centers, pk=center_pk)


def _require_writer(request: HttpRequest, center: LearningCenter) -> None:
    """403 for someone who may see the center but holds no writing
    appointment there (an office, a collaborator)."""
    if not writer_terms(request.user).filter(center=center).exists():
        raise PermissionDenied(
            _("You can read the records of %(center)s but not change them.")
            % {"center": center.name}
        )


def _require_write(request: HttpRequest, record: Course | Activity) -> None:
    """403 unless the user's term at the record's center contains its date."""
    if not may_write(request.user, record.center, record.record_date):
        raise PermissionDenied(
            _(
                "This record is dated %(day)s, outside your term at %(center)s: "
                "you can read it only."
            )
            % {
                "day": date_format(record.record_date, "SHORT_DATE_FORMAT"),
                "center": record.center.name,
            }
        )


def _visible_course(request: HttpRequest, pk: int) -> Course:
    courses = Course.objects.visible_to(request.user).select_related("center__unit", "topic")
    return get_object_or_404(courses, pk=pk)


def _visible_activity(request: HttpRequest, pk: int) -> Activity:
    activities = Activity.objects.visible_to(request.user).select_related(
        "center__unit", "campaign"
    )
    return get_object_or_404(activities, pk=pk)


# ---------------------------------------------------------------------------
# Home and the working center
# ---------------------------------------------------------------------------


def _current_centers(request: HttpRequest, today: datetime.date) -> list[LearningCenter]:
    appointments = request.user.appointments.current(today).select_related("center__unit")
    return list({a.center_id: a.center for a in appointments}.values())


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Center staff land on their center's dashboard (choosing the center
    first when they hold several current appointments); offices,
    administrators and users without a role get the centers' home."""
    today = timezone.localdate()
    centers = _current_centers(request, today)
    if not centers and request.user.appointments.exists():
        # Only past terms: the centers he may still read, one click away.
        return render(request, "courses/choose_center.html", _chooser_context(request, today))
    if not centers:
        return center_views.center_list(request)
    chosen = [c for c in centers if c.pk == request.session.get(SESSION_CENTER)]
    if len(centers) > 1 and not chosen:
        return render(request, "courses/choose_center.html", _chooser_context(request, today))
    return _render_dashboard(request, (chosen or centers)[0], today)


def _chooser_context(request: HttpRequest, today: datetime.date) -> dict:
    appointments = request.user.appointments.select_related("center__unit").order_by("-start_date")
    current = [a for a in appointments if a.covers(today)]
    return {
        "current": current,
        "previous": [a for a in appointments if not a.covers(today)],
        "chosen": request.session.get(SESSION_CENTER),
    }


@login_required
@require_http_methods(["GET", "POST"])
def choose_center(request: HttpRequest) -> HttpResponse:
    """Choose the center to work in among one's current appointments; the
    choice is kept in the session. Earlier terms' centers are listed to
    read (and to correct records dated within those terms)."""
    today = timezone.localdate()
    if request.method == "POST":
        allowed = {c.pk for c in _current_centers(request, today)}
        try:
            center_pk = int(request.POST.get("center", ""))
        except ValueError:
            center_pk = None
        if center_pk not in allowed:
            raise PermissionDenied(_("You have no current appointment at this center."))
        request.session[SESSION_CENTER] = center_pk
        return redirect("home")
    return render(request, "courses/choose_center.html", _chooser_context(request, today))


def _render_dashboard(request: HttpRequest, center: LearningCenter, today) -> HttpResponse:
    dashboard = center_dashboard(center, today=today, viewer=request.user)
    return render(
        request,
        "courses/dashboard.html",
        {
            "center": center,
            "d": dashboard,
            "can_write": may_write(request.user, center, today),
            "appointment": request.user.appointments.current(today).filter(center=center).first(),
        },
    )


@login_required
@require_safe
def dashboard(request: HttpRequest, center_pk: int) -> HttpResponse:
    """Any visible center's dashboard (earlier terms, and offices later)."""
    center = _visible_center(request, center_pk)
    return _render_dashboard(request, center, timezone.localdate())


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------


class CenterRecordListView(SingleTableMixin, FilterView):
    """A center's records, filtered, sorted and paginated in the database."""

    # The table paginates (one COUNT); the ListView must not paginate again.
    table_pagination = {"per_page": PER_PAGE}
    model = None

    @method_decorator(login_required)
    def dispatch(self, request, *args, **kwargs):
        self.center = _visible_center(request, kwargs["center_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet:
        return self.model.objects.visible_to(self.request.user).filter(center=self.center)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["center"] = self.center
        context["can_write"] = writer_terms(self.request.user).filter(center=self.center).exists()
        return context


class CourseListView(CenterRecordListView):
    model = Course
    filterset_class = CourseFilter
    template_name = "courses/course_list.html"

    table_class = CourseTable

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().select_related("topic")

    def get_table_kwargs(self):
        # The totals of the whole filtered list, for the footer and the
        # summary line (one aggregate query whatever the page).
        self.totals = figures_of(self.object_list)
        return {"totals": self.totals}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = self.totals
        return context


class ActivityListView(CenterRecordListView):
    model = Activity
    filterset_class = ActivityFilter
    template_name = "courses/activity_list.html"

    table_class = ActivityTable

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().select_related("campaign")


course_list = CourseListView.as_view()
activity_list = ActivityListView.as_view()


# ---------------------------------------------------------------------------
# Record pages: detail, create, edit, delete, history
# ---------------------------------------------------------------------------


def _save_form(request: HttpRequest, form, save) -> HttpResponse | None:
    """Run `save(fields)` (a service) on a valid form; on a refusal, put the
    messages beside the fields and return None so the form is shown again
    with everything typed. A form whose token was already used goes to the
    record it made."""
    done = services.form_token_result(request.POST.get("form_token"))
    if done:
        messages.info(request, _("This form was already saved; here is the record."))
        return redirect(done)
    if not form.is_valid():
        return None
    try:
        record = save(form.service_fields())
    except services.DuplicateSubmission as duplicate:
        messages.info(request, _("This form was already saved; here is the record."))
        return redirect(duplicate.url or "home")
    except services.StaleEdit as error:
        # Keep what was typed, and take the current version: saving again
        # replaces the other person's change on purpose.
        form.data = form.data.copy()
        form.data["version"] = form.instance.__class__.objects.get(pk=form.instance.pk).version
        form.add_error(None, error)
        return None
    except ValidationError as error:
        form.add_error(None, error)
        for name in form.errors:
            form._mark_invalid(name)
        return None
    messages.success(request, _("Saved: %(record)s.") % {"record": record})
    return redirect(record)


def _form_page(request, template: str, form, center: LearningCenter, record=None) -> HttpResponse:
    lock = Submission.objects.lock_for(center.pk, record.record_date) if record else None
    context = {"form": form, "center": center, "object": record, "lock": lock}
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request: HttpRequest, center_pk: int) -> HttpResponse:
    center = _visible_center(request, center_pk)
    _require_writer(request, center)
    form = CourseForm(request.POST or None, instance=Course(center=center), viewer=request.user)
    if request.method == "POST":
        response = _save_form(
            request,
            form,
            lambda fields: services.course_create(
                actor=request.user,
                center=center,
                form_token=form.cleaned_data["form_token"],
                **fields,
            ),
        )
        if response:
            return response
    return _form_page(request, "courses/course_form.html", form, center)


@login_required
@require_safe
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = _visible_course(request, pk)
    return render(
        request,
        "courses/course_detail.html",
        {
            "object": course,
            "center": course.center,
            "can_write": may_write(request.user, course.center, course.start_date),
            "lock": Submission.objects.lock_for(course.center_id, course.start_date),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = _visible_course(request, pk)
    _require_write(request, course)
    if _lock_of(course):
        return _locked_page(request, course)
    form = CourseForm(request.POST or None, instance=course, viewer=request.user)
    if request.method == "POST":
        response = _save_form(
            request,
            form,
            lambda fields: services.course_update(actor=request.user, course=course, **fields),
        )
        if response:
            return response
    return _form_page(request, "courses/course_form.html", form, course.center, course)


@login_required
@require_http_methods(["GET", "POST"])
def course_delete(request: HttpRequest, pk: int) -> HttpResponse:
    course = _visible_course(request, pk)
    _require_write(request, course)
    if request.method == "POST":
        try:
            services.course_delete(actor=request.user, course=course)
        except ValidationError as error:
            return _refused_delete(request, course, error)
        messages.success(request, _("Deleted: %(record)s.") % {"record": course})
        return redirect("courses:course_list", center_pk=course.center_id)
    return _confirm_delete(request, course)


@login_required
@require_safe
def course_history(request: HttpRequest, pk: int) -> HttpResponse:
    course = _visible_course(request, pk)
    return _history_page(request, course)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, center_pk: int) -> HttpResponse:
    center = _visible_center(request, center_pk)
    _require_writer(request, center)
    slug = request.GET.get("campaign") or ""
    campaign = Campaign.objects.filter(slug=slug).first() if slug_re.match(slug) else None
    initial = {"campaign": campaign, "date": _campaign_default_day(campaign)} if campaign else {}
    form = ActivityForm(
        request.POST or None,
        instance=Activity(center=center),
        initial=initial,
        viewer=request.user,
    )
    if request.method == "POST":
        response = _save_form(
            request,
            form,
            lambda fields: services.activity_create(
                actor=request.user,
                center=center,
                form_token=form.cleaned_data["form_token"],
                **fields,
            ),
        )
        if response:
            return response
    return _form_page(request, "courses/activity_form.html", form, center)


def _campaign_default_day(campaign: Campaign) -> datetime.date:
    today = timezone.localdate()
    return today if today in campaign.period else campaign.start_date


@login_required
@require_safe
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    return render(
        request,
        "courses/activity_detail.html",
        {
            "object": activity,
            "center": activity.center,
            "can_write": may_write(request.user, activity.center, activity.date),
            "lock": Submission.objects.lock_for(activity.center_id, activity.date),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    _require_write(request, activity)
    if _lock_of(activity):
        return _locked_page(request, activity)
    form = ActivityForm(request.POST or None, instance=activity, viewer=request.user)
    if request.method == "POST":
        response = _save_form(
            request,
            form,
            lambda fields: services.activity_update(
                actor=request.user, activity=activity, **fields
            ),
        )
        if response:
            return response
    return _form_page(request, "courses/activity_form.html", form, activity.center, activity)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    _require_write(request, activity)
    if request.method == "POST":
        try:
            services.activity_delete(actor=request.user, activity=activity)
        except ValidationError as error:
            return _refused_delete(request, activity, error)
        messages.success(request, _("Deleted: %(record)s.") % {"record": activity})
        return redirect("courses:activity_list", center_pk=activity.center_id)
    return _confirm_delete(request, activity)


@login_required
@require_safe
def activity_history(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    return _history_page(request, activity)


def _lock_of(record) -> Submission | None:
    return Submission.objects.lock_for(record.center_id, record.record_date)


def _locked_page(request: HttpRequest, record) -> HttpResponse:
    """A record in a submitted or approved period, shown read-only with the
    lock's reason, in place of its edit or delete form."""
    kind = "course" if isinstance(record, Course) else "activity"
    template = f"courses/{kind}_detail.html"
    context = {"object": record, "center": record.center, "can_write": False}
    return render(request, template, context | {"lock": _lock_of(record)})


def _confirm_delete(request: HttpRequest, record) -> HttpResponse:
    if _lock_of(record):
        return _locked_page(request, record)
    return render(
        request, "courses/confirm_delete.html", {"object": record, "center": record.center}
    )


def _refused_delete(request: HttpRequest, record, error: ValidationError) -> HttpResponse:
    """A delete the service refused (a locked period): say why, keep the record."""
    for message in error.messages:
        messages.error(request, message)
    return redirect(record)


def _history_page(request: HttpRequest, record) -> HttpResponse:
    return render(
        request,
        "courses/history.html",
        {"object": record, "center": record.center, "rows": history_rows(record)},
    )


# ---------------------------------------------------------------------------
# Campaign report
# ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def campaign_report(request: HttpRequest, center_pk: int, slug: str) -> HttpResponse:
    """A center's report on a campaign: its activities by kind (from the log)
    and the resources mobilised, editable during the window and until the
    reporting deadline."""
    center = _visible_center(request, center_pk)
    campaign = get_object_or_404(Campaign, slug=slug)
    report = CampaignReport.objects.visible_to(request.user).filter(
        center=center, campaign=campaign
    )
    report = report.first()
    today = timezone.localdate()
    can_write = services.campaign_report_is_open(campaign, today) and may_write(
        request.user, center, campaign.start_date
    )
    form = CampaignReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied(_("This report cannot be changed now."))
        if form.is_valid():
            try:
                services.campaign_report_save(
                    actor=request.user, center=center, campaign=campaign, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The campaign report is saved."))
                return redirect("courses:campaign", center_pk=center.pk, slug=campaign.slug)
    row = center_period(
        viewer=request.user, center=center, period=Period.campaign(campaign), today=today
    )
    activities = (
        Activity.objects.visible_to(request.user)
        .filter(center=center, campaign=campaign)
        .order_by("date", "pk")
    )
    return render(
        request,
        "courses/campaign.html",
        {
            "center": center,
            "campaign": campaign,
            "report": report,
            "form": form,
            "row": row,
            "kinds": _kind_rows(row.figures),
            "activities": activities,
            "can_write": can_write,
            "is_open": services.campaign_report_is_open(campaign, today),
            "add_activity_url": reverse("courses:activity_create", args=[center.pk])
            + f"?campaign={campaign.slug}",
        },
    )


def _kind_rows(figures) -> list[tuple[str, int, int]]:
    """(kind label, activities, participations) for every kind, in order."""
    return [
        (
            label,
            figures.activities_by_kind.get(kind, 0),
            figures.activity_participants_by_kind.get(kind, 0),
        )
        for kind, label in ActivityKind.choices
    ]
