"""``manage.py extract_article FILE [--date YYYY-MM-DD]``: the draft records an article proposes, as JSON."""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from solidarity.news.extract import Gazetteer, extract_article, proposals_as_json
from solidarity.news.extract.reader import UnreadableArticle, read_article


class Command(BaseCommand):
    help = (
        "Read a news article (.txt, .html or .docx) and print the proposed draft records as JSON: "
        "kind, event_date, place, organisations, countries, people, money_vnd, statistics, planned."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The article: .txt (UTF-8), .html or .docx.")
        parser.add_argument(
            "--date", help="The article's date (YYYY-MM-DD): the year of dates written without one."
        )
        parser.add_argument(
            "--evidence", action="store_true", help="Add each value's sentence and span, and the matched ids."
        )
        parser.add_argument(
            "--no-db", action="store_true", help="Do not match organisations against the units and partners."
        )

    def handle(self, *args, **options):
        article_date = None
        if options["date"]:
            try:
                article_date = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("Ngày không hợp lệ, cần dạng YYYY-MM-DD.") from error
        try:
            text = read_article(options["file"])
        except FileNotFoundError as error:
            raise CommandError(f"Không tìm thấy tệp {options['file']}.") from error
        except UnreadableArticle as error:
            raise CommandError(str(error)) from error
        gazetteer = None if options["no_db"] else Gazetteer.from_db()
        proposals = extract_article(text, article_date=article_date, gazetteer=gazetteer)
        data = proposals_as_json(proposals, with_evidence=options["evidence"])
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
