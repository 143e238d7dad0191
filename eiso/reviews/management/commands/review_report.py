"""eiso review_report --agency CODE --year YYYY --format json|docx|pdf [--document D] [--output FILE]"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eiso.core.models import Agency
from eiso.reviews import paperwork
from eiso.reviews.models import ManagementReview
from eiso.reviews.selectors import review_export


class Command(BaseCommand):
    help = "Management review of an agency for a year: JSON (meeting, inputs, outputs) or a document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=["json", "docx", "pdf"], default="json")
        parser.add_argument("--document", choices=sorted(paperwork.DOCUMENTS), default="bien-ban")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Unknown agency {options['agency']}")
        review = ManagementReview.objects.filter(agency=agency, year=options["year"]).first()
        if review is None:
            raise CommandError(f"No management review for {agency.code} in {options['year']}")
        if options["format"] == "json":
            content = json.dumps(review_export(review=review), ensure_ascii=False, indent=2).encode("utf-8")
        else:
            doc = paperwork.DOCUMENTS[options["document"]](review)
            content = paperwork.render(doc, options["format"])
        if options.get("output"):
            with open(options["output"], "wb") as handle:
                handle.write(content)
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
