"""Seed the fields (lĩnh vực) of DOMAIN.md, so a fresh database has topics.
Topics stay editable data; this list is frozen here as of the migration
(courses.demo.TOPICS is the same list for the demo)."""

from django.db import migrations

TOPICS = [
    "Xóa mù chữ",
    "Giáo dục sau biết chữ",
    "Chuyển giao khoa học kỹ thuật (trồng trọt, chăn nuôi, thủy sản)",
    "Khuyến công, dạy nghề ngắn hạn",
    "Pháp luật, chính sách",
    "Y tế, sức khỏe",
    "Văn hóa, thể thao, đọc sách",
    "Kỹ năng sống",
    "Ngoại ngữ, tin học",
    "Kỹ năng số, chuyển đổi số",
]


def seed_topics(apps, schema_editor):
    Topic = apps.get_model("courses", "Topic")
    for position, name in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(name=name, defaults={"position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(seed_topics, migrations.RunPython.noop)]
