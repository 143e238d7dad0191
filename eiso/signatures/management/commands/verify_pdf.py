"""`eiso verify_pdf FILE [--trust ROOT.pem ...] [--agency CODE] --format json`.

Prints each signature's signer, time, integrity, trust and coverage. Exit status: 0 when every signature
is valid, 1 when any is invalid, 3 when the file carries no signature.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from eiso.core.models import Agency
from eiso.signatures import pdfsign, services


class Command(BaseCommand):
    help = "Verify the PAdES signatures of a PDF against trusted roots."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--trust", action="append", default=[], help="trusted root certificate (PEM/DER)")
        parser.add_argument("--agency", help="also trust the roots this agency configured")
        parser.add_argument("--no-fetch", action="store_true", help="do not fetch revocation data")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **opts: Any) -> None:
        roots = []
        for path in opts["trust"]:
            roots.extend(pdfsign.load_certificates(Path(path).read_bytes()))
        if opts["agency"]:
            agency = Agency.objects.get(code=opts["agency"])
            roots = services.trust_roots(agency, roots)
        context = pdfsign.validation_context(roots, fetch=not opts["no_fetch"])
        reports = pdfsign.verify_pdf(Path(opts["file"]).read_bytes(), context=context)
        if opts["format"] == "json":
            self.stdout.write(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
        else:
            for r in reports:
                state = "OK" if r.valid and r.covers_whole_document else "INVALID " + ",".join(r.problems)
                self.stdout.write(f"{r.field_name}: {r.signer} {r.signed_at} {r.level} {state}")
        if not reports:
            raise SystemExit(3)
        if not all(r.valid and r.covers_whole_document for r in reports):
            raise SystemExit(1)
