"""``manage.py evaluate_extractor [-v 2]``: precision and recall per field on the evaluation set."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from solidarity.news.extract.evaluate import evaluate, report


class Command(BaseCommand):
    help = "Print the article extractor's precision and recall per field on solidarity/news/extract/eval/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--set",
            choices=["tuning", "heldout"],
            default="tuning",
            help="The set the rules were tuned on (default) or the held-out one.",
        )

    def handle(self, *args, **options):
        from solidarity.news.extract.evaluate import EVAL_DIR

        directory = EVAL_DIR if options["set"] == "tuning" else EVAL_DIR / "heldout"
        self.stdout.write(report(evaluate(directory), verbose=options["verbosity"] > 1))
