"""``manage.py figures --check`` proves the maintained figures equal a recount; ``--rebuild`` remakes them."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from solidarity.figures.rebuild import check, rebuild


class Command(BaseCommand):
    help = "Check the maintained figures against a recount of the records (--check), or rebuild them."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--check", action="store_true", help="Recount and report every difference.")
        action.add_argument("--rebuild", action="store_true", help="Recount and replace every figure.")
        parser.add_argument("--show", type=int, default=20, help="How many differences to list (default 20).")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["rebuild"]:
            done = rebuild(report=self.stdout.write if options["verbosity"] > 1 else None)
            self.stdout.write(
                f"Rebuilt {done['figures']:,} figures from {done['records']:,} counted records "
                f"in {time.perf_counter() - started:.1f} s."
            )
            return
        count, found = check(
            limit=options["show"], report=self.stdout.write if options["verbosity"] > 1 else None
        )
        for difference in found:
            self.stdout.write(str(difference))
        seconds = time.perf_counter() - started
        if count:
            raise CommandError(f"{count:,} figures differ from a recount ({seconds:.1f} s). Run --rebuild.")
        self.stdout.write(f"The figures equal a recount of the records ({seconds:.1f} s).")
