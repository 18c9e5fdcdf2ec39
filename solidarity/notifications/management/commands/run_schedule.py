import time

from django.core.management.base import BaseCommand

from solidarity.notifications.schedule import tick


class Command(BaseCommand):
    help = (
        "The periodic schedule: queues the reminders every REMINDER_EVERY_MINUTES and the daily digest "
        "from DIGEST_HOUR, for the background worker (db_worker) to run. Each slot is queued once, "
        "whatever restarts. --once checks once and exits (for cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once, queue what is due, and exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks (default 60).")

    def handle(self, *args, once=False, interval=60, **options):
        while True:
            started = tick()
            if started:
                self.stdout.write(f"run_schedule: queued {', '.join(started)}")
            if once:
                return
            time.sleep(max(interval, 1))
