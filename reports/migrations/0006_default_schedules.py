"""The default schedules of the summaries and reminders, in
django-celery-beat's tables (editable in the admin: Periodic tasks), in
Asia/Ho_Chi_Minh time. Rerunning changes nothing; unapplying removes them."""

import json

from django.db import migrations

TZ = "Asia/Ho_Chi_Minh"

# name: (task, kwargs, crontab: minute, hour, day_of_week, day_of_month, description)
SCHEDULES = {
    "Tóm tắt hằng tuần (thứ Hai 07:00)": (
        "reports.send_summaries",
        {"kind": "weekly"},
        ("0", "7", "1", "*"),
        "Each office's summary of its latest ended period, every Monday at 07:00.",
    ),
    "Tóm tắt hằng tháng (ngày 1, 07:00)": (
        "reports.send_summaries",
        {"kind": "monthly"},
        ("0", "7", "*", "1"),
        "Each office's summary of its latest ended period, on the 1st of every month at 07:00.",
    ),
    "Nhắc báo cáo trước và sau hạn (08:00 hằng ngày)": (
        "reports.send_reminders",
        {},
        ("0", "8", "*", "*"),
        "Reminders that escalate: staff REMINDER_BEFORE_DEADLINE_DAYS before a collected "
        "period's deadline, the director the day after it, the office "
        "REMINDER_OFFICE_AFTER_DAYS after it.",
    ),
    "Tóm tắt đợt phong trào (ngày sau hạn báo cáo, 07:30)": (
        "reports.send_campaign_summaries",
        {},
        ("30", "7", "*", "*"),
        "The campaign summary to every office, the day after a campaign's report deadline.",
    ),
}


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, (task, kwargs, (minute, hour, dow, dom), description) in SCHEDULES.items():
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week=dow,
            day_of_month=dom,
            month_of_year="*",
            timezone=TZ,
        )
        PeriodicTask.objects.get_or_create(
            name=name,
            defaults={
                "task": task,
                "kwargs": json.dumps(kwargs),
                "crontab": crontab,
                "description": description,
            },
        )


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=list(SCHEDULES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_summaries_and_scheduled_reminders"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
