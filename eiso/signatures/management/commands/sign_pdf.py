"""`eiso sign_pdf IN OUT --signer PERSON (--p12 FILE | --pkcs11-lib LIB --token-label L --key-label K)`.

Signs IN as the competent person, then (with --agency-p12 or --agency CODE) as the agency, and writes OUT.
PINs come from --pin-file / --agency-pin-file or are prompted for; they are never printed or logged.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from eiso.core.models import Agency, Person
from eiso.signatures import pdfsign, services
from eiso.signatures.models import PersonToken, SigningSetup


def _pin(path: str | None, prompt: str) -> str:
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return getpass.getpass(prompt)


def _png(path: str | None) -> bytes | None:
    return Path(path).read_bytes() if path else None


class Command(BaseCommand):
    help = "Sign a PDF (PAdES) with a person's key (PKCS#12 or PKCS#11 token) and the agency's key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input")
        parser.add_argument("output")
        parser.add_argument("--signer", required=True, help="the person: username or full name")
        parser.add_argument("--p12", help="the person's PKCS#12 file")
        parser.add_argument("--pkcs11-lib", help="PKCS#11 module of the person's token")
        parser.add_argument("--token-label")
        parser.add_argument("--key-label")
        parser.add_argument("--pin-file", help="file holding the person's PIN (default: prompt)")
        parser.add_argument("--chain", action="append", default=[], help="CA certificates to embed (PEM)")
        parser.add_argument("--agency", help="agency code: sign also with its configured key and seal")
        parser.add_argument("--agency-p12", help="the agency's PKCS#12 file (instead of the configured one)")
        parser.add_argument("--agency-name", default="", help="agency name shown with the seal")
        parser.add_argument("--agency-pin-file")
        parser.add_argument("--trust", action="append", default=[], help="trusted root (PEM), for B-LT")
        parser.add_argument("--tsa", default="", help="RFC 3161 timestamp server URL")
        parser.add_argument("--signature-image", help="the person's signature (PNG)")
        parser.add_argument("--seal-image", help="the agency's seal (PNG)")

    def handle(self, *args: Any, **opts: Any) -> None:
        pdf = Path(opts["input"]).read_bytes()
        person = Person.objects.filter(user__username=opts["signer"]).first()
        name = person.full_name if person else opts["signer"]
        person_key = self._person_key(opts)
        try:
            agency_key, agency_name, seal, tsa, roots = self._agency(opts)
            token = PersonToken.objects.filter(person=person).first() if person else None
            registered = bytes(token.signature_png) if token else None
            signature = _png(opts["signature_image"]) or registered or None
            for path in opts["trust"]:
                roots.extend(pdfsign.load_certificates(Path(path).read_bytes()))
            signed, levels = pdfsign.sign_pdf(
                pdf,
                person=person_key,
                person_name=name,
                agency=agency_key,
                agency_name=agency_name,
                signature_png=signature,
                seal_png=_png(opts["seal_image"]) or seal,
                tsa_url=opts["tsa"] or tsa,
                context=pdfsign.validation_context(roots, for_signing=True) if roots else None,
            )
        finally:  # log out of the token: a session left open keeps the token logged in for the process
            services.close_key(person_key)
        Path(opts["output"]).write_bytes(signed)
        self.stdout.write(f"{opts['output']}: {', '.join(levels)}")

    def _person_key(self, opts: dict[str, Any]) -> pdfsign.SigningKey:
        key = self._open_person_key(opts)
        for path in opts["chain"]:
            key.chain.extend(pdfsign.load_certificates(Path(path).read_bytes()))
        return key

    def _open_person_key(self, opts: dict[str, Any]) -> pdfsign.SigningKey:
        if opts["p12"]:
            pin = _pin(opts["pin_file"], "PIN: ")
            return pdfsign.SigningKey(pdfsign.p12_signer(Path(opts["p12"]).read_bytes(), pin))
        if opts["pkcs11_lib"] and opts["token_label"] and opts["key_label"]:
            pin = _pin(opts["pin_file"], "PIN: ")
            return services.token_key(
                lib=opts["pkcs11_lib"], token_label=opts["token_label"], key_label=opts["key_label"], pin=pin
            )
        raise CommandError("give --p12 FILE or --pkcs11-lib LIB --token-label L --key-label K")

    def _agency(self, opts: dict[str, Any]) -> tuple[Any, str, bytes | None, str, list[Any]]:
        if opts["agency_p12"]:
            pin = _pin(opts["agency_pin_file"], "Agency PIN: ")
            key = pdfsign.SigningKey(pdfsign.p12_signer(Path(opts["agency_p12"]).read_bytes(), pin))
            return key, opts["agency_name"] or pdfsign.certificate_name(key.signer.signing_cert), None, "", []
        if opts["agency"]:
            agency = Agency.objects.filter(code=opts["agency"]).first()
            setup = SigningSetup.objects.filter(agency=agency).first() if agency else None
            if agency is None or setup is None or not setup.has_key:
                raise CommandError(f"agency {opts['agency']} has no signing key")
            seal = bytes(setup.seal_png) or None
            return services.agency_key(setup), agency.name, seal, setup.tsa_url, services.trust_roots(agency)
        return None, "", None, "", []
