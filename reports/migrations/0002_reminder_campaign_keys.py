"""Reminders name a campaign's period by the campaign's id ("campaign#3"),
as submissions do since courses 0006, so renaming a slug changes nothing."""

from django.db import migrations


def forwards(apps, schema_editor):
    Reminder = apps.get_model("reports", "Reminder")
    Campaign = apps.get_model("courses", "Campaign")
    for reminder in Reminder.objects.filter(period_key__startswith="campaign:"):
        campaign = Campaign.objects.filter(slug=reminder.period_key.split(":", 1)[1]).first()
        if campaign is not None:
            reminder.period_key = f"campaign#{campaign.pk}"
            reminder.save(update_fields=["period_key"])


def backwards(apps, schema_editor):
    Reminder = apps.get_model("reports", "Reminder")
    Campaign = apps.get_model("courses", "Campaign")
    for reminder in Reminder.objects.filter(period_key__startswith="campaign#"):
        campaign = Campaign.objects.filter(pk=reminder.period_key.split("#", 1)[1]).first()
        if campaign is not None:
            reminder.period_key = f"campaign:{campaign.slug}"
            reminder.save(update_fields=["period_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_reminders"),
        ("courses", "0006_fill_events_snapshots_campaign_keys"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
