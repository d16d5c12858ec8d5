from django.core.management.base import BaseCommand

from centers.demo import DEMO_PASSWORD
from courses.demo import seed_demo


class Command(BaseCommand):
    help = (
        "Load the Hà Tĩnh demo (units of 2020 and today, centers, directors, offices, users, "
        "and the centers' courses, activities and Lifelong Learning Week 2020)."
    )

    def handle(self, *args, **options):
        users = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo logins (demo only):"))
        for username, description in users:
            self.stdout.write(f"  {username:<22} {description}")
        self.stdout.write(f"  password for all:      {DEMO_PASSWORD}")
