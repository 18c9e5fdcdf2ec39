"""Erase the personal fields of records whose retention period ran out: run it once a day (README)."""

from django.core.management.base import BaseCommand

from solidarity.privacy.retention import retention_erase_due


class Command(BaseCommand):
    help = "Erase the personal data whose retention period has run out (periods: /privacy/retention/)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        results = retention_erase_due(dry_run=dry_run)
        verb = "would erase" if dry_run else "erased"
        for result in results:
            self.stdout.write(f"{result.kind.key}: {verb} {result.count} (period {result.months} months)")
        if not results:
            self.stdout.write("No kind has a retention period: nothing to erase.")
        total = sum(result.count for result in results)
        self.stdout.write(f"Total: {verb} {total}")
