"""Summaries mailed to offices, and the reminders the schedule sends.

A summary tells an office's report addresses, in Vietnamese (text and
HTML), how its centers stand for a period: centers reported / expected and
the on-time rate, courses and participations (total / women / ethnic
minority) against the previous period, the top topics, the centers still
missing with their director's name, phone and email, a link to the
dashboard, and the center summary workbook attached (a link instead when
it is larger than SUMMARY_ATTACHMENT_MAX_BYTES). Every figure is the
reporting read model's (`reports.selectors.office_report`), scoped to the
centers the office answered for during the period; the workbook is the
Excel summary (`reports.exports`).

Exactly once: a `Summary` row per office, kind, period and edition is
claimed in the transaction that puts its mails in the outbox (one per
recipient, dedupe key "summary:<id>:<recipient>"); the outbox sends after
the commit, retries, and its sweep takes over a send whose worker died. A
run twice, or two beats at once, store one summary and send it once. What
cannot be sent (no address, a period the office does not collect) is
recorded with the reason, and the others go on.
"""

import datetime
import io
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centers.models import Appointment, AppointmentRole, LearningCenter, Office
from courses.models import Campaign, Topic
from courses.periods import Period, PeriodKind
from courses.reporting import SYSTEM, Figures, PeriodReport
from outbox.models import Message
from outbox.services import message_enqueue, message_send_again
from reports import exports
from reports.models import Reminder, ReminderStage, Summary, SummaryKind, SummaryStatus
from reports.selectors import (
    collected_kinds,
    default_period,
    office_report,
    period_is_in_office_life,
)

log = logging.getLogger(__name__)

TOP_TOPICS = 5

# What a run did for one office.
SENT, ALREADY, SKIPPED, WOULD_SEND = "sent", "already sent", "skipped", "would send"


@dataclass
class Outcome:
    office: Office
    period: Period | None
    kind: str
    status: str
    recipients: list[str] = field(default_factory=list)
    reason: str = ""
    summary: Summary | None = None

    def __str__(self) -> str:
        period = self.period.label if self.period else "—"
        text = f"{self.office.name} — {period}: {self.status}"
        if self.recipients:
            text += " → " + ", ".join(self.recipients)
        return text + (f" ({self.reason})" if self.reason else "")


# -- what a summary says ----------------------------------------------------------------------


@dataclass
class Change:
    """One figure of the period against the previous one."""

    label: str
    value: int
    previous: int | None

    @property
    def delta(self) -> int | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def percent(self) -> float | None:
        if not self.previous:
            return None
        return 100 * (self.value - self.previous) / self.previous


def _changes(total: Figures, previous: Figures | None) -> list[Change]:
    def before(name: str) -> int | None:
        return getattr(previous, name) if previous is not None else None

    return [
        Change(str(label), getattr(total, name), before(name))
        for name, label in (
            ("courses", gettext_lazy("Courses and thematic sessions")),
            ("participants_total", gettext_lazy("Participations")),
            ("participants_women", gettext_lazy("of whom women")),
            ("participants_ethnic_minority", gettext_lazy("of whom ethnic minority")),
            ("activities", gettext_lazy("Activities")),
        )
    ]


def _top_topics(total: Figures) -> list[tuple[str, int]]:
    """The topics with the most participations — one query for their names."""
    ranked = sorted(((n, pk) for pk, n in total.participants_by_topic.items() if n), reverse=True)[
        :TOP_TOPICS
    ]
    names = dict(Topic.objects.filter(pk__in=[pk for _n, pk in ranked]).values_list("pk", "name"))
    return [(names.get(pk, "?"), n) for n, pk in ranked]


def _previous_total(office: Office, period: Period, today: datetime.date) -> Figures | None:
    """The figures of the period before, over the centers the office
    answered for then (None for a campaign, or before the office existed)."""
    if period.kind == PeriodKind.CAMPAIGN:
        return None
    previous = period.previous()
    if not period_is_in_office_life(office, previous):
        return None
    return office_report(office, previous, viewer=SYSTEM, today=today).total


def _link(path: str, **query: str) -> str:
    return settings.SITE_URL.rstrip("/") + path + ("?" + urlencode(query) if query else "")


def summary_context(office: Office, period: Period, *, today: datetime.date) -> dict:
    """Everything the summary mail shows, from the reporting read model."""
    report: PeriodReport = office_report(office, period, viewer=SYSTEM, today=today)
    counts = report.counts
    dashboard = reverse("reports:office_dashboard", args=[office.pk])
    return {
        "office": office,
        "period": period,
        "report": report,
        "counts": counts,
        "on_time_percent": (
            round(100 * counts.on_time_rate) if counts.on_time_rate is not None else None
        ),
        "changes": _changes(report.total, _previous_total(office, period, today)),
        "previous_period": None if period.kind == PeriodKind.CAMPAIGN else period.previous(),
        "topics": _top_topics(report.total),
        "missing": report.missing,
        "dashboard_link": _link(dashboard, period=period.key),
        "download_link": _link(
            reverse("reports:office_export", args=[office.pk]), period=period.key
        ),
        "today": today,
    }


def summary_render(office: Office, period: Period, *, today: datetime.date) -> tuple:
    """(subject, text, HTML, workbook bytes or None, file name) of the
    summary, in the site's language — what the admin's preview and the
    mail show. A workbook over SUMMARY_ATTACHMENT_MAX_BYTES is not attached
    (None): the mail links to its download instead."""
    with translation.override(settings.LANGUAGE_CODE):
        request = exports.ReportRequest(
            kind=exports.ReportKind.SUMMARY, period=period, unit=office.unit
        )
        document = exports.document(SYSTEM, request, today=today)
        out = io.BytesIO()
        exports.write(document, exports.XLSX, out)
        filename = exports.filename(document, exports.XLSX)
        workbook = out.getvalue()
        if len(workbook) > settings.SUMMARY_ATTACHMENT_MAX_BYTES:
            workbook = None
        context = summary_context(office, period, today=today) | {"attached": bool(workbook)}
        subject = _("Summary of %(period)s — %(office)s") % {
            "period": period.label,
            "office": office.name,
        }
        text = render_to_string("reports/email/summary.txt", context)
        html = render_to_string("reports/email/summary.html", context)
    return subject, text, html, workbook, filename


# -- sending ---------------------------------------------------------------------------------


def refusal(office: Office, period: Period, *, today: datetime.date) -> str:
    """Why the office gets no summary of `period` ("" when it does)."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {"office": office.name, "period": period.label}
        collected = period.kind == PeriodKind.CAMPAIGN or (
            office.collected_periods.filter(kind=period.kind).exists()
        )
        if not collected or not period_is_in_office_life(office, period):
            return _("%(office)s does not collect reports for %(period)s.") % values
        if period.start > today:
            return _("%(period)s has not begun.") % values
        if not office.recipient_list:
            return _("%(office)s has no report address to send the summary to.") % values
    return ""


def summary_send(
    *,
    office: Office,
    period: Period,
    today: datetime.date,
    kind: str = SummaryKind.PERIOD,
    edition: str = "",
    dry_run: bool = False,
) -> Outcome:
    """Mail `office`'s summary of `period` to its report addresses, once per
    office, kind, period and edition: the `Summary` row is claimed in the
    transaction that puts the mails in the outbox, so a second run — or a
    second beat at the same time — finds it and sends nothing. A summary
    that cannot be sent is recorded with the reason (and tried again by
    the next run). `dry_run` says what would happen and writes nothing."""
    existing = Summary.objects.filter(
        office=office, kind=kind, period_key=period.stored_key, edition=edition
    ).first()
    if existing is not None and existing.status == SummaryStatus.QUEUED:
        return Outcome(office, period, kind, ALREADY, _split(existing.recipients), "", existing)
    reason = refusal(office, period, today=today)
    recipients = office.recipient_list
    if dry_run:
        return Outcome(office, period, kind, SKIPPED if reason else WOULD_SEND, recipients, reason)
    if reason:
        summary, _created = Summary.objects.update_or_create(
            office=office,
            kind=kind,
            period_key=period.stored_key,
            edition=edition,
            defaults={
                "status": SummaryStatus.SKIPPED,
                "reason": reason,
                "updated_at": timezone.now(),
            },
        )
        return Outcome(office, period, kind, SKIPPED, recipients, reason, summary)
    subject, text, html, workbook, filename = summary_render(office, period, today=today)
    return _summary_enqueue(
        office, period, kind, edition, recipients, (subject, text, html, workbook, filename)
    )


def _summary_enqueue(office, period, kind, edition, recipients, mail) -> Outcome:
    subject, text, html, workbook, filename = mail
    try:
        with transaction.atomic():
            summary, created = Summary.objects.get_or_create(
                office=office,
                kind=kind,
                period_key=period.stored_key,
                edition=edition,
                defaults={"status": SummaryStatus.QUEUED},
            )
            # A summary recorded as not sendable is ours to send now; one
            # queued by another run is not.
            if not created and not _reclaim(summary):
                return Outcome(office, period, kind, ALREADY, recipients, "", summary)
            attachment = ""
            if workbook is not None:
                attachment = default_storage.save(
                    f"summaries/{summary.pk}/{filename}", ContentFile(workbook)
                )
            Summary.objects.filter(pk=summary.pk).update(
                recipients="\n".join(recipients), attachment=attachment, reason=""
            )
            for recipient in recipients:
                message_enqueue(
                    kind=f"summary_{kind}",
                    recipient=recipient,
                    subject=subject,
                    body=text,
                    html_body=html,
                    attachment=attachment,
                    dedupe_key=f"{summary.dedupe_prefix}{recipient}",
                )
    except IntegrityError:  # another run claimed it between our read and our write
        return Outcome(office, period, kind, ALREADY, recipients)
    summary.refresh_from_db()
    return Outcome(office, period, kind, SENT, recipients, "", summary)


def summary_send_again(*, summary: Summary, today: datetime.date) -> int:
    """The admin's "send now": a summary recorded as not sendable is tried
    again; a sent one has its mails made due again (the outbox's "send
    again"). Returns how many mails will go out."""
    if summary.status == SummaryStatus.SKIPPED:
        period = Period.from_stored(summary.period_key)
        outcome = summary_send(
            office=summary.office,
            period=period,
            today=today,
            kind=summary.kind,
            edition=summary.edition,
        )
        return len(outcome.recipients) if outcome.status == SENT else 0
    ids = list(
        Message.objects.filter(dedupe_key__startswith=summary.dedupe_prefix).values_list(
            "pk", flat=True
        )
    )
    return message_send_again(message_ids=ids)


def _reclaim(summary: Summary) -> bool:
    return bool(
        Summary.objects.filter(pk=summary.pk, status=SummaryStatus.SKIPPED).update(
            status=SummaryStatus.QUEUED, updated_at=timezone.now()
        )
    )


def _split(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


# -- which offices, which period -----------------------------------------------------------


def edition_of(kind: str, today: datetime.date) -> str:
    """The edition a scheduled summary is unique within: the ISO week of a
    weekly one ("2026-W49"), the month of a monthly one ("2026-12")."""
    if kind == SummaryKind.WEEKLY:
        year, week, _day = today.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == SummaryKind.MONTHLY:
        return f"{today.year}-{today.month:02d}"
    return ""


def summaries_send(
    *,
    today: datetime.date,
    kind: str = SummaryKind.PERIOD,
    period: Period | None = None,
    office_id: int | None = None,
    dry_run: bool = False,
) -> list[Outcome]:
    """Each office's summary: of `period` (the offices that existed during
    it), or of each office's latest ended period (the offices of today). A
    scheduled kind (weekly, monthly) is once per week or month; a period
    summary once per period. One office's failure is logged and recorded,
    never stops the others."""
    offices = Office.objects.select_related("unit").order_by("pk")
    if office_id is not None:
        offices = offices.filter(pk=office_id)
    elif period is not None:
        offices = offices.filter(valid_from__lte=period.end).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=period.start)
        )
    else:
        offices = offices.valid_on(today)
    edition = edition_of(kind, today)
    outcomes = []
    for office in offices:
        chosen = period or default_period(office, collected_kinds(office), today=today)
        try:
            outcome = summary_send(
                office=office,
                period=chosen,
                today=today,
                kind=kind,
                edition=edition,
                dry_run=dry_run,
            )
        except Exception as error:  # the next office's summary still goes
            log.exception("Summary of %s for %s failed", office, chosen.key if chosen else "—")
            outcome = Outcome(office, chosen, kind, "failed", reason=f"{type(error).__name__}")
        outcomes.append(outcome)
    return outcomes


def campaign_summaries_send(*, today: datetime.date) -> list[Outcome]:
    """The day after a campaign's report deadline (or up to a week later,
    if beat was down then): its summary to every office of its time."""
    week_ago = today - datetime.timedelta(days=7)
    campaigns = Campaign.objects.filter(report_deadline__lt=today, report_deadline__gte=week_ago)
    outcomes = []
    for campaign in campaigns:
        outcomes += summaries_send(today=today, period=Period.campaign(campaign))
    return outcomes


# -- reminders that escalate -------------------------------------------------------------------


def _staff_address(center: LearningCenter, today: datetime.date) -> str:
    """The first staff member (then deputy) of the center today with an
    address; the center's own address otherwise ("" if none)."""
    staff = (
        Appointment.objects.filter(
            center=center, role__in=[AppointmentRole.STAFF, AppointmentRole.DEPUTY]
        )
        .current(min(today, center.closed_on) if center.closed_on else today)
        .exclude(email="")
        .order_by("role", "start_date", "pk")  # "can_bo" (staff) before "pho_giam_doc"
        .values_list("email", flat=True)
        .first()
    )
    return staff or center.email


def _candidate_periods(office: Office, today: datetime.date) -> list[Period]:
    """The periods of each collected kind whose deadlines may fall near
    `today`: the one holding today and the two before it."""
    periods = []
    for kind in office.collected_periods.values_list("kind", flat=True):
        current = Period.containing(kind, today)
        periods += [current, current.previous(), current.previous().previous()]
    return [p for p in periods if period_is_in_office_life(office, p)]


def reminders_send(*, today: datetime.date) -> dict[str, int]:
    """The schedule's reminders for every office of today, by the rules of
    the one-click reminder (a period the office collects, once a day per
    center and period, at most REMINDER_DAILY_CAP a day to one address).
    Each step has its window of days around a center's deadline, so a day
    beat missed is caught up and a long-past period is left alone: from
    REMINDER_BEFORE_DEADLINE_DAYS before the deadline to its day, the
    center's staff (once per period); from the day after it, its director
    (once per period); from REMINDER_OFFICE_AFTER_DAYS after it, for a
    week, the office's report addresses are told who is still missing
    (once per period). Returns how many of each went into the outbox."""
    sent = {ReminderStage.STAFF: 0, ReminderStage.DIRECTOR: 0, SummaryKind.MISSING: 0}
    for office in Office.objects.valid_on(today).select_related("unit").order_by("pk"):
        for period in _candidate_periods(office, today):
            try:
                _remind_for(office, period, today, sent)
            except Exception:  # the other offices and periods are still reminded
                log.exception("Reminders of %s for %s failed", office, period.key)
    return sent


def _remind_for(office: Office, period: Period, today: datetime.date, sent: dict) -> None:
    """One office's reminders and missing-centers notice for one period."""
    office_after = settings.REMINDER_OFFICE_AFTER_DAYS
    report = office_report(office, period, viewer=SYSTEM, today=today)
    tell_office = False
    for row in report.missing:
        if row.deadline is None:
            continue
        days_left = (row.deadline - today).days
        tell_office |= -office_after - 7 < days_left <= -office_after
        stage = _stage(days_left)
        if stage and _scheduled_reminder(office, row, period, stage, today):
            sent[stage] += 1
    if tell_office and _missing_notice(office, period, report, today):
        sent[SummaryKind.MISSING] += 1


def _stage(days_left: int) -> str | None:
    """Who is reminded when the deadline is `days_left` days away."""
    if 0 <= days_left <= settings.REMINDER_BEFORE_DEADLINE_DAYS:
        return ReminderStage.STAFF
    if -settings.REMINDER_OFFICE_AFTER_DAYS < days_left < 0:
        return ReminderStage.DIRECTOR
    return None


def _scheduled_reminder(office, row, period: Period, stage: str, today) -> bool:
    from reports.services import reminder_record

    center = row.center
    # Once per step, counting the schedule's own reminders: an office's
    # one-click reminder (sent_by set) does not stand in for the director's.
    already = Reminder.objects.filter(
        center=center, period_key=period.stored_key, stage=stage, sent_by__isnull=True
    )
    if already.exists():
        return False
    director = (row.director.email if row.director else "") or center.email
    # A center without staff on record: its director prepares the figures.
    recipient = (
        (_staff_address(center, today) or director) if stage == ReminderStage.STAFF else director
    )
    if not recipient:
        log.info("No address to remind %s for %s", center, period.key)
        return False
    reminder = reminder_record(
        office=office,
        center=center,
        period=period,
        recipient=recipient,
        stage=stage,
        today=today,
        deadline=row.deadline,
    )
    return reminder is not None


def _missing_notice(office: Office, period: Period, report: PeriodReport, today) -> bool:
    """Tell the office's report addresses who is still missing, once per
    period (a `Summary` of kind MISSING)."""
    if not office.recipient_list:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Still missing for %(period)s — %(office)s") % {
            "period": period.label,
            "office": office.name,
        }
        context = {
            "office": office,
            "period": period,
            "missing": report.missing,
            "dashboard_link": _link(
                reverse("reports:office_dashboard", args=[office.pk]), period=period.key
            ),
        }
        text = render_to_string("reports/email/missing.txt", context)
    try:
        with transaction.atomic():
            summary, created = Summary.objects.get_or_create(
                office=office,
                kind=SummaryKind.MISSING,
                period_key=period.stored_key,
                edition="",
                defaults={"status": SummaryStatus.QUEUED, "recipients": office.report_recipients},
            )
            if not created:
                return False
            for recipient in office.recipient_list:
                message_enqueue(
                    kind="summary_missing",
                    recipient=recipient,
                    subject=subject,
                    body=text,
                    dedupe_key=f"{summary.dedupe_prefix}{recipient}",
                )
    except IntegrityError:
        return False
    return True
