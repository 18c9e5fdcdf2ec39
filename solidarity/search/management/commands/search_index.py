from django.core.management.base import BaseCommand, CommandError

from solidarity.search.index import rebuild as rebuild_index
from solidarity.search.sources import BY_KIND


class Command(BaseCommand):
    help = "Rebuild the search index from the records (after bulk loads)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Write the whole index again.")
        parser.add_argument("--kind", action="append", choices=sorted(BY_KIND), help="Only these kinds.")

    def handle(self, *args, rebuild: bool = False, kind=None, **options):
        if not rebuild:
            raise CommandError("Say --rebuild.")
        counts = rebuild_index(kinds=kind)
        self.stdout.write(
            f"Search index: {sum(counts.values())} rows ({', '.join(f'{k} {v}' for k, v in counts.items())})"
        )
