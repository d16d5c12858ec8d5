"""Break, one at a time, the lines that keep the product's promises, and
check that a test notices: each mutation is applied, the tests that should
catch it run, and the code is restored. A mutation the tests survive is a
promise nothing checks.

    make mutants                      # on SQLite (the PostgreSQL-only race is skipped)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clc_tracker make mutants

Mutations are made in a copy of the tree (in a temporary folder), so the
checkout is never left broken, even if the run is interrupted. Exit status
1 if any mutant survives.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "__pycache__", "*.sqlite3", ".pytest_cache", ".ruff_cache", "media"
)


@dataclass
class Mutant:
    name: str
    path: str
    old: str
    new: str
    tests: list[str]
    postgres_only: bool = False


MUTANTS = [
    Mutant(
        "activities counted without their period filter",
        "courses/reporting.py",
        "activities = Activity.objects.visible_to(viewer).filter(center__in=centers)"
        ".in_period(period)",
        "activities = Activity.objects.visible_to(viewer).filter(center__in=centers)",
        ["tests/courses/test_reporting.py", "-k", "recount"],
    ),
    Mutant(
        "the read model returns no rows (office_rows(...).none())",
        "courses/reporting.py",
        "    for center in center_list:\n",
        "    for center in center_list[:0]:\n",
        ["tests/courses/test_reporting.py", "-k", "recount"],
    ),
    Mutant(
        "records read without the viewer's scope",
        "courses/reporting.py",
        "courses = Course.objects.visible_to(viewer).filter(center__in=centers).in_period(period)",
        "courses = Course.objects.filter(center__in=centers).in_period(period)",
        ["tests/courses/test_terms.py"],
    ),
    Mutant(
        "centers of a period taken on its last day only (the reform gap)",
        "centers/models/learning_centers.py",
        "            .active_during(first, last)\n",
        "            .active_on(last)\n",
        ["tests/courses/test_reporting.py", "-k", "recount or 15_centers"],
    ),
    Mutant(
        "the deadline day ends a day early",
        "courses/reporting.py",
        "datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)",
        "datetime.datetime.combine(day, datetime.time.min)",
        ["tests/courses/test_reporting.py", "-k", "on_time_rule or midnight"],
    ),
    Mutant(
        "a step at the end of the deadline day still counts",
        "courses/reporting.py",
        "        if at >= moment:\n",
        "        if at > moment:\n",
        ["tests/courses/test_reporting.py", "-k", "on_time_rule"],
    ),
    Mutant(
        "late already on the deadline day",
        "courses/reporting.py",
        "return Verdict.LATE if today > deadline else Verdict.NOT_DUE",
        "return Verdict.LATE if today >= deadline else Verdict.NOT_DUE",
        ["tests/courses/test_reporting.py", "-k", "on_time_rule"],
    ),
    Mutant(
        "never late",
        "courses/reporting.py",
        "return Verdict.LATE if today > deadline else Verdict.NOT_DUE",
        "return Verdict.NOT_DUE",
        ["tests/courses/test_reporting.py"],
    ),
    Mutant(
        "the farthest office's deadline instead of the nearest",
        "courses/reporting.py",
        "for unit_id in reversed(ancestors):  # nearest office first",
        "for unit_id in ancestors:",
        ["tests/courses/test_reporting.py", "-k", "thach_hung"],
    ),
    Mutant(
        "extensions ignored",
        "courses/reporting.py",
        "        if applies and extension.deadline > base:\n",
        "        if False:\n",
        ["tests/courses/test_reporting.py", "-k", "extension"],
    ),
    Mutant(
        "a submitted report locks nothing (approved only)",
        "courses/models/submissions.py",
        "            .in_hands()\n            .select_related(",
        '            .filter(status="approved")\n            .select_related(',
        ["tests/courses/test_locks.py", "-k", "submitted_report_locks or nothing_to_report"],
    ),
    Mutant(
        "a record's stored place is not checked (moves escape the lock)",
        "courses/models/records.py",
        "            places.add((stored.center_id, stored.record_date))",
        "            pass",
        ["tests/courses/test_locks.py", "-k", "move"],
    ),
    Mutant(
        "campaign_report_save without its lock",
        "courses/models/campaigns.py",
        "        errors = _lock_errors(self, NON_FIELD_ERRORS)",
        "        errors = {}",
        ["tests/courses/test_locks.py", "-k", "campaign_report"],
    ),
    Mutant(
        "an admin bulk delete inside a locked period",
        "courses/admin.py",
        "            lock = _lock(record)\n            if lock is not None:\n",
        "            lock = _lock(record)\n            if False:\n",
        ["tests/courses/test_locks.py", "-k", "bulk_delete"],
    ),
    Mutant(
        "approval does not compare the signed figures",
        "courses/services/submissions.py",
        "    if live != submission.figures:\n",
        "    if False:\n",
        ["tests/courses/test_locks.py", "-k", "approval_refuses"],
    ),
    Mutant(
        "a period not yet over can be submitted",
        "courses/services/submissions.py",
        "    if not period.is_over_on(today):\n",
        "    if False:\n",
        ["tests/courses/test_locks.py", "-k", "not_yet_over or future"],
    ),
    Mutant(
        "a former director signs (any term during the period)",
        "courses/scoping.py",
        "    if directors.filter(center=center).current(_acting_day(center, today)).exists():",
        "    if directors.filter(center=center, start_date__lte=period.end).exists():",
        ["tests/courses/test_terms.py", "-k", "signs_none"],
    ),
    Mutant(
        "record writes do not lock the center (the approval race)",
        "courses/services/records.py",
        "    ids = sorted({pk for pk in center_ids if pk})\n    if ids:\n",
        "    ids = sorted({pk for pk in center_ids if pk})\n    if False:\n",
        ["tests/courses/test_concurrency.py", "-k", "never_escapes"],
        postgres_only=True,
    ),
    Mutant(
        "a stale form overwrites a newer save",
        "courses/services/records.py",
        "    if version is None or version == record.version:\n        return\n",
        "    return\n",
        ["tests/courses/test_courses.py", "-k", "stale"],
    ),
    Mutant(
        "reminders for any period (the flood)",
        "reports/services.py",
        "    today = timezone.localdate()\n    _require_remindable_period(office, period, today)\n",
        "    today = timezone.localdate()\n",
        ["tests/reports/test_dashboard.py", "-k", "only_for_periods"],
    ),
    Mutant(
        "no daily cap on reminders to one address",
        "reports/services.py",
        "    _require_under_daily_cap(recipient, today)\n"
        "    try:\n        return _reminder_create(",
        "    try:\n        return _reminder_create(",
        ["tests/reports/test_dashboard.py", "-k", "at_most_three"],
    ),
    Mutant(
        "a summary claimed by a second run is sent again",
        "reports/summaries.py",
        "            if not created and not _reclaim(summary):",
        "            if False:",
        ["tests/reports/test_summaries.py", "-k", "racing"],
    ),
    Mutant(
        "a summary's workbook about the office's parent unit",
        "reports/summaries.py",
        "kind=exports.ReportKind.SUMMARY, period=period, unit=office.unit",
        "kind=exports.ReportKind.SUMMARY, period=period, unit=office.unit.parent or office.unit",
        ["tests/reports/test_summaries.py", "-k", "another_offices"],
    ),
    Mutant(
        "a send claimed by a dead worker is never taken over",
        "outbox/models.py",
        "            | Q(status=MessageStatus.SENDING, claimed_at__lt=stale)\n",
        "",
        ["tests/reports/test_summaries.py", "-k", "worker_that_died"],
    ),
    Mutant(
        "a refused recipient is retried",
        "outbox/services.py",
        'final = {"max_attempts": message.attempts} if isinstance(error, PERMANENT) else {}',
        "final = {}",
        ["tests/reports/test_summaries.py", "-k", "refused"],
    ),
    Mutant(
        "a scheduled reminder step repeated every day",
        "reports/summaries.py",
        "    if already.exists():\n        return False\n",
        "",
        ["tests/reports/test_scheduled_reminders.py", "-k", "staff_are_reminded"],
    ),
    Mutant(
        "units_upsert without its transaction",
        "centers/services.py",
        "    rows = list(rows)\n    result = LoadResult()\n    with transaction.atomic():\n",
        "    rows = list(rows)\n    result = LoadResult()\n    if True:\n",
        ["tests/centers/test_import_units.py", "-k", "later_level"],
    ),
    Mutant(
        "import_units without its .xls branch",
        "centers/workbooks.py",
        'if start.startswith(b"\\xd0\\xcf\\x11\\xe0"):',
        "if False:",
        ["tests/centers/test_import_units.py", "-k", "xls"],
    ),
    Mutant(
        "a bad period in the URL is a 404 without the reason",
        "courses/views/submissions.py",
        "        raise Http404(str(error)) from error",
        "        raise Http404() from error",
        ["tests/courses/test_submissions.py", "-k", "bad_period_in_the_url"],
    ),
    # -- issue 9: the security holes -------------------------------------------
    Mutant(
        "a revert saved without the change permission (hole 1)",
        "centers/admin.py",
        'if request.method == "POST" and not self.has_change_permission(request, current):',
        "if False:",
        ["tests/test_admin_history.py"],
    ),
    Mutant(
        "the history list not held to the scoped queryset (hole 1)",
        "centers/admin.py",
        "        self._scoped_object(request, object_id)\n        return super().history_view(",
        "        return super().history_view(",
        ["tests/test_admin_history.py"],
    ),
    Mutant(
        "staff may edit their own appointments (hole 2)",
        "centers/admin.py",
        "            appointment.user_id != user.pk\n",
        "            True\n",
        ["tests/centers/test_admin_rights.py"],
    ),
    Mutant(
        "the user picker offers the editor themselves (hole 2)",
        "centers/selectors.py",
        "        .exclude(pk=user.pk)\n        .exclude(is_superuser=True)\n    )",
        "        .exclude(is_superuser=True)\n    )",
        ["tests/centers/test_admin_rights.py"],
    ),
    Mutant(
        "the lockout reads the proxy's address (hole 3)",
        "config/client_ip.py",
        "    return _address(forwarded[-count]) or remote",
        "    return remote",
        ["tests/test_security.py", "-k", "proxy or forged or entry"],
    ),
    Mutant(
        "a zip bomb parsed (hole 4)",
        "centers/workbooks.py",
        "        if ratio > MAX_RATIO and entry.file_size > 1 << 20:",
        "        if False:",
        ["tests/centers/test_workbooks.py", "-k", "thousandfold"],
    ),
    Mutant(
        "a formula without a computed value read as empty (hole 4)",
        "centers/workbooks.py",
        'if element.find(f"{MAIN}f") is not None and not raw:',
        "if False:",
        ["tests/centers/test_workbooks.py", "-k", "formula"],
    ),
    Mutant(
        "a blank name imported (hole 4)",
        "centers/imports.py",
        "    if missing:\n        # A blank name",
        "    if False:\n        # A blank name",
        ["tests/centers/test_workbooks.py", "-k", "blank"],
    ),
    Mutant(
        "the outbox sends without claiming (hole 5)",
        "outbox/services.py",
        "        Message.objects.due(now)\n        .filter(pk=message_id)",
        "        Message.objects.filter(pk=message_id)",
        ["tests/outbox/test_outbox.py"],
    ),
    Mutant(
        "a broker that is down fails the request (hole 5)",
        "outbox/services.py",
        "    except (BrokerError, OSError) as error:",
        "    except ZeroDivisionError as error:",
        ["tests/outbox/test_outbox.py", "-k", "broker"],
    ),
    Mutant(
        "invisible characters kept in text (hole 8)",
        "centers/text.py",
        "        if char.isspace() or unicodedata.category(char) not in _INVISIBLE_CATEGORIES",
        "        if True",
        ["tests/courses/test_hostile_input.py"],
    ),
    Mutant(
        "topic names unique only by exact case (hole 8)",
        "courses/models/records.py",
        "        if self.name and any(same_name(self.name, other) for other in others):",
        "        if False:",
        ["tests/courses/test_hostile_input.py", "-k", "topic"],
    ),
    Mutant(
        "password resets not rate-limited (hole 9)",
        "config/ratelimit.py",
        "        return cache.incr(cache_key) <= limit",
        "        return True",
        ["tests/centers/test_accounts.py", "-k", "rate_limited"],
    ),
    Mutant(
        "offices may reset their colleagues' passwords (hole 9)",
        "centers/selectors.py",
        ".exclude(Q(is_staff=True) | Q(is_superuser=True) | Q(offices__isnull=False))",
        ".exclude(Q(is_superuser=True))",
        ["tests/centers/test_accounts.py", "-k", "outside or colleague"],
    ),
    Mutant(
        "an empty SECRET_KEY accepted with DEBUG off (hole 9)",
        "config/settings.py",
        "    if len(SECRET_KEY.strip()) < 50:",
        "    if False:",
        ["tests/centers/test_accounts.py", "-k", "secret"],
    ),
    # -- Excel reports (branch excel) ------------------------------------------------
    Mutant(
        "a unit's subtotal row shows the grand total",
        "reports/excel/builders.py",
        "*figures(group.total, group.earlier_total),",
        "*figures(report.total, report.earlier_total),",
        ["tests/reports/test_excel_totals.py", "-x"],
    ),
    Mutant(
        "text that looks like a formula is not flagged as text",
        "reports/excel/xlsx.py",
        "quoted = type(value) is str and value.startswith(FORMULA_STARTS)",
        "quoted = False",
        ["tests/reports/test_excel_layout.py", "-k", "formula"],
    ),
    Mutant(
        "a background export is served to anyone who has its address",
        "reports/views/downloads.py",
        "get_object_or_404(Export.objects.filter(requested_by=request.user), pk=pk)",
        "get_object_or_404(Export.objects.all(), pk=pk)",
        ["tests/reports/test_excel_downloads.py", "-k", "requester_only"],
    ),
    Mutant(
        "the roll-up ignores the successor links",
        "reports/exports.py",
        "targets = became.get(row.center.unit.pk) or []",
        "targets = []",
        ["tests/reports/test_excel_downloads.py", "-k", "rolled_up"],
    ),
    Mutant(
        "an office user may pick any unit",
        "reports/exports.py",
        "    if not offices.exists():\n        raise ReportError(",
        "    if False:\n        raise ReportError(",
        ["tests/reports/test_excel_downloads.py", "-k", "outside_their_scope"],
    ),
    # -- imports from Excel -------------------------------------------------------
    Mutant(
        "an import with refused rows keeps the others (not all or nothing)",
        "imports/services.py",
        "        if result.errors or dry_run:\n",
        "        if dry_run:\n",
        ["tests/imports/test_course_import.py", "-k", "traps"],
    ),
    Mutant(
        "a row repeating another row of the file is imported twice",
        "imports/services.py",
        '        key = (center.pk, search_key(values["title"]), values["topic"], start)\n'
        "        self.check_duplicate(row, key)\n",
        '        key = (center.pk, search_key(values["title"]), values["topic"], start)\n',
        ["tests/imports/test_course_import.py", "-k", "traps"],
    ),
    Mutant(
        "a course already recorded is created again",
        "imports/services.py",
        "        if key in present:\n",
        "        if False:\n",
        ["tests/imports/test_round_trip.py"],
    ),
    Mutant(
        "undo deletes a course edited since the import",
        "imports/services.py",
        "        if record.version != 1:\n",
        "        if False:\n",
        ["tests/imports/test_course_import.py", "-k", "undo"],
    ),
    Mutant(
        "an office imports for centers outside its scope",
        "imports/services.py",
        "        self.finder = _CenterFinder(importable_centers(actor))\n",
        "        self.finder = _CenterFinder(LearningCenter.objects.all())\n",
        ["tests/imports/test_course_import.py", "-k", "outside or another"],
    ),
    Mutant(
        "TCVN3 ạ read as ¹",
        "imports/legacy.py",
        '"µà ¸á ¶ả ·ã ¹ạ ',
        '"µà ¸á ¶ả ·ã ¹¹ ',
        ["tests/imports/test_reading.py", "-k", "tcvn3"],
    ),
    Mutant(
        "numbers read with the page's thousands separator",
        "imports/reading.py",
        '    with translation.override("vi"):\n        try:\n            return parse_whole_number',
        '    with translation.override("en"):\n        try:\n            return parse_whole_number',
        ["tests/imports/test_course_import.py", "-k", "traps"],
    ),
]


def _run(tree: Path, mutant: Mutant, on_postgres: bool) -> str:
    if mutant.postgres_only and not on_postgres:
        return "skipped (needs DATABASE_URL=postgres://…)"
    path = tree / mutant.path
    original = path.read_text()
    if original.count(mutant.old) != 1:
        return f"STALE: the line to break is not found once in {mutant.path}"
    try:
        path.write_text(original.replace(mutant.old, mutant.new))
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *mutant.tests],
            cwd=tree,
            capture_output=True,
            text=True,
        )
    finally:
        path.write_text(original)
    if result.returncode == 1:
        return "killed"
    if result.returncode == 0:
        return "SURVIVED"
    return f"ERROR (pytest exit {result.returncode}): {result.stdout[-300:]}"


def main() -> int:
    """`scripts/mutants.py [WORD …]` runs only the mutants whose name holds
    one of the words (all of them without)."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    words = sys.argv[1:]
    chosen = [m for m in MUTANTS if not words or any(w in m.name for w in words)]
    with tempfile.TemporaryDirectory(prefix="clc-mutants-") as folder:
        tree = Path(folder) / "tree"
        shutil.copytree(ROOT, tree, ignore=COPY_IGNORE)
        failures = _run_all(tree, chosen, on_postgres)
    print(f"\n{len(chosen) - failures}/{len(chosen)} mutants killed or skipped")
    return 1 if failures else 0


def _run_all(tree: Path, mutants: list[Mutant], on_postgres: bool) -> int:
    failures = 0
    for mutant in mutants:
        outcome = _run(tree, mutant, on_postgres)
        print(f"{outcome:10} {mutant.name}", flush=True)
        if not (outcome == "killed" or outcome.startswith("skipped")):
            failures += 1
    return failures


if __name__ == "__main__":
    sys.exit(main())
