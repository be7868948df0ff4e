from typing import Any

from django.core.management.base import BaseCommand

from craniocare.core.models import PracticeProfile
from craniocare.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Creates or refreshes the demo practice, Serena CranioCare (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds a practice.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and PracticeProfile.objects.exists():
            self.stdout.write("The database already holds a practice; demo not seeded.")
            return
        report = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo practice ready: Serena CranioCare."))
        if report.created_users:
            self.stdout.write("Created sign-ins: " + ", ".join(report.created_users))
        if report.password:
            self.stdout.write(f"Demo password: {report.password}")
        else:
            self.stdout.write(
                "Existing sign-ins kept their passwords (set DEMO_PASSWORD to reset them)."
            )
