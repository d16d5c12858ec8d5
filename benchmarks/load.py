"""Load benchmark: gunicorn serving a seeded database, driven by directors
and office users, with requests/s, p50/p95/p99 per endpoint and errors.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clc_prod_bench \\
        .venv/bin/python benchmarks/load.py [--workers 3] [--duration 60]

Seed the database first (`benchmarks/seed_national.py`). The script runs
`collectstatic` into a temporary folder, starts gunicorn with DEBUG off on a
free loopback port (or uses `--base-url`), then runs three scenarios, each
for `--duration` seconds and bounded in requests:

- directors-think: `--directors` directors, each pausing `--think` seconds
  (on average) between requests: log in, dashboard, course list, a course,
  add a course (the form, then the save);
- directors-saturate: the same directors with no pause — the throughput
  the server reaches when it is the bottleneck;
- alone: one director, then one Sở user, each alone for up to 20 s: what a page costs
  without queueing;
- offices-saturate: `--office-users` office users with no pause: the
  dashboards of a Phòng GD&ĐT and of the largest Sở GD&ĐT, for the last
  ended quarter and the last full year.

The load generator runs on the same machine as the server and the database
(threads with httpx): read the figures as this machine's, not a server's.
Nothing here is an assertion; a benchmark is never a timed test.
"""

import argparse
import datetime
import logging
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402
from django.apps import apps  # noqa: E402

if not apps.ready:  # run as a script; the tests import it with Django set up
    django.setup()
logging.getLogger("httpx").setLevel(logging.WARNING)

from django.db.models import Count  # noqa: E402

from centers.models import Appointment, AppointmentRole, Office  # noqa: E402
from courses.models import Course, Topic  # noqa: E402
from courses.periods import Period, PeriodKind  # noqa: E402
from tests.ops.site import SiteClient, wait_until_up  # noqa: E402

MAX_REQUESTS_PER_USER = 2_000  # a bound besides the duration


@dataclass
class Results:
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, name: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.samples[name].append(seconds)
            if not ok:
                self.errors[name] += 1


@dataclass
class Director:
    username: str
    center: int
    course: int


def _timed(results: Results, name: str, call, expect=(200,)):
    started = time.perf_counter()
    try:
        response = call()
        ok = response.status_code in expect
    except Exception:  # a timeout or a dropped connection is an error to count
        response, ok = None, False
    results.record(name, time.perf_counter() - started, ok)
    return response


def _director_visit(client: SiteClient, who: Director, topic: int, results: Results, pause):
    c = who.center
    _timed(results, "dashboard", lambda: client.get(f"/centers/{c}/dashboard/"))
    pause()
    _timed(results, "course list", lambda: client.get(f"/centers/{c}/courses/"))
    pause()
    _timed(results, "a course", lambda: client.get(f"/courses/{who.course}/"))
    pause()
    form = _timed(results, "course form", lambda: client.get(f"/centers/{c}/courses/add/"))
    pause()
    if form is not None and form.status_code == 200:
        today = datetime.date.today().strftime("%d/%m/%Y")
        data = {
            "title": "Chuyên đề phòng chống lừa đảo qua mạng",
            "topic": str(topic),
            "format": "chuyen_de",
            "start_date": today,
            "end_date": today,
            "sessions": "1",
            "participants_total": "35",
            "participants_women": "20",
            "participants_ethnic_minority": "0",
            "confirm": "on",
        }
        url = f"/centers/{c}/courses/add/"
        _timed(results, "add a course", lambda: client.post_form(url, data, page=form), (302,))
        pause()


def _office_visit(client: SiteClient, pages: list[tuple[str, str]], results: Results, pause):
    for name, url in pages:
        _timed(results, name, lambda url=url: client.get(url))
        pause()


class Window:
    """The measured window: it opens when every user has logged in, so the
    figures are the steady state, not a crowd logging in at once (a login
    hashes the password: ~0.3 s of CPU by design)."""

    def __init__(self, users: int, duration: float):
        self.ready = threading.Barrier(users + 1)
        self.duration = duration
        self.deadline = 0.0


def _user_loop(base_url, username, password, visit, window: Window, results, logins, think):
    rng = random.Random(username)

    def pause():
        if think:
            time.sleep(rng.uniform(0.5, 1.5) * think)

    client = SiteClient(base_url)
    try:
        started = time.perf_counter()
        try:
            client.login(username, password)
            logins.record("log in", time.perf_counter() - started, True)
        except Exception:  # counted as a failed login; the user sits out
            logins.record("log in", time.perf_counter() - started, False)
            window.ready.wait()
            return
        window.ready.wait()
        time.sleep(rng.uniform(0, think))  # users do not move in step
        requests = 0
        while time.monotonic() < window.deadline and requests < MAX_REQUESTS_PER_USER:
            visit(client, results, pause)
            requests += 5
    finally:
        client.close()


def run_scenario(name, base_url, users, password, duration, think) -> None:
    results, logins = Results(), Results()
    window = Window(len(users), duration)
    threads = [
        threading.Thread(
            target=_user_loop,
            args=(base_url, u, password, visit, window, results, logins, think),
        )
        for u, visit in users
    ]
    for thread in threads:
        thread.start()
        time.sleep(0.2)  # a ramp of logins, not a thundering herd
    window.ready.wait()
    window.deadline = time.monotonic() + duration
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    _report(f"{name} (logins, before the window)", len(users), think, logins, None)
    _report(name, len(users), think, results, elapsed)


def _percentile(sorted_values: list[float], p: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def _report(name, users, think, results: Results, elapsed: float | None) -> None:
    total = sum(len(v) for v in results.samples.values())
    errors = sum(results.errors.values())
    window = f", {elapsed:.0f} s" if elapsed else ""
    print(f"\n## {name}: {users} users, think {think:g} s{window}")
    print(f"{'endpoint':<22}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for endpoint, values in results.samples.items():
        values = sorted(values)
        p50, p95, p99 = (_percentile(values, p) * 1000 for p in (50, 95, 99))
        print(
            f"{endpoint:<22}{len(values):>9}{results.errors[endpoint]:>8}"
            f"{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}"
        )
    everything = sorted(v for values in results.samples.values() for v in values)
    print(
        f"{'all':<22}{total:>9}{errors:>8}"
        + "".join(f"{_percentile(everything, p) * 1000:>9.0f}" for p in (50, 95, 99))
    )
    if elapsed:
        print(f"throughput: {total / elapsed:.1f} requests/s, errors: {errors}")


# --- who plays -------------------------------------------------------------


def pick_directors(count: int, rng: random.Random) -> list[Director]:
    """Directors of centers with records, one per center, the busiest included."""
    appointments = list(
        Appointment.objects.filter(role=AppointmentRole.DIRECTOR, user__isnull=False)
        .values_list("user__username", "center_id")
        .order_by("center_id")
    )
    chosen = [appointments[0], *rng.sample(appointments[1:], min(count, len(appointments)) - 1)]
    directors = []
    for username, center in chosen:
        course = Course.objects.filter(center_id=center).order_by("-start_date").first()
        if course:
            directors.append(Director(username, center, course.pk))
    return directors


def office_pages(today: datetime.date) -> list[tuple[str, list[tuple[str, str]]]]:
    """A Phòng of the largest province and its Sở: each office's member and
    its dashboard for the last ended quarter and the last full year."""
    offices = Office.objects.annotate(size=Count("unit__children")).select_related("unit")
    so = max(
        (o for o in offices if o.unit.level == 1),
        key=lambda o: o.unit.__class__.objects.filter(path__startswith=o.unit.path).count(),
    )
    phong = next(o for o in offices if o.unit.parent_id == so.unit_id)
    quarter = Period.containing(PeriodKind.QUARTER, today).previous().key
    year = str(today.year - 1)
    return [
        (
            office.members.values_list("username", flat=True).first(),
            [
                (f"{label}, quarter", f"/offices/{office.pk}/?period={quarter}"),
                (f"{label}, year", f"/offices/{office.pk}/?period={year}"),
            ],
        )
        for label, office in (("Phòng", phong), ("Sở", so))
    ]


# --- the server ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workers: int, static_root: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
    )
    base_url = f"http://127.0.0.1:{port}"
    wait_until_up(base_url + "/readyz", process=process)
    return process, base_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a running server (else gunicorn is started)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--directors", type=int, default=50)
    parser.add_argument("--office-users", type=int, default=10)
    parser.add_argument("--think", type=float, default=2.0, help="mean pause, seconds")
    parser.add_argument("--duration", type=float, default=60, help="seconds per scenario")
    parser.add_argument("--password", default="HocTapSuotDoi2020")
    parser.add_argument(
        "--scenarios", default="alone,directors-think,directors-saturate,offices-saturate"
    )
    args = parser.parse_args()
    rng = random.Random(2020)
    today = datetime.date.today()
    directors = pick_directors(args.directors, rng)
    offices = office_pages(today)
    topic = Topic.objects.filter(is_active=True).values_list("pk", flat=True).first()
    print(f"{Course.objects.count():,} courses; {len(directors)} directors; offices: {offices}")

    def director_user(who: Director):
        return who.username, lambda c, r, p: _director_visit(c, who, topic, r, p)

    def office_user(username: str, pages: list[tuple[str, str]]):
        return username, lambda c, r, p: _office_visit(c, pages, r, p)

    office_users = [office_user(*offices[i % len(offices)]) for i in range(args.office_users)]
    everyone = [director_user(d) for d in directors]
    scenarios = {
        # One person at a time: what each page costs without queueing.
        "alone": [
            ("a director alone", [director_user(directors[1])], 0),
            ("a Sở user alone", [office_user(*offices[1])], 0),
        ],
        "directors-think": [("directors-think", everyone, args.think)],
        "directors-saturate": [("directors-saturate", everyone, 0)],
        "offices-saturate": [("offices-saturate", office_users, 0)],
    }
    with tempfile.TemporaryDirectory() as static_root:
        process, base_url = (None, args.base_url)
        if not base_url:
            process, base_url = start_gunicorn(args.workers, Path(static_root))
            print(f"gunicorn: {args.workers} workers at {base_url}")
        try:
            for scenario in args.scenarios.split(","):
                # Alone, a page's cost settles within seconds.
                duration = min(args.duration, 20) if scenario == "alone" else args.duration
                for name, users, think in scenarios[scenario]:
                    run_scenario(name, base_url, users, args.password, duration, think)
        finally:
            if process:
                process.terminate()
                process.wait(30)


if __name__ == "__main__":
    main()
