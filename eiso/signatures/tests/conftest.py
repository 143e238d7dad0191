"""A local PKI (CRLs served on 127.0.0.1) and a SoftHSM2 token holding the person's key, built once."""

from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from asn1crypto import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from eiso.core.models import Agency, Person
from eiso.signatures import services, testing

PIN = "1234"
P12_PIN = "mat-khau-p12"
KEY_LABEL = "giam-doc"
AGENCY_NAME = "Sở Thông tin và Truyền thông tỉnh Khánh Hòa"


@dataclass
class Kit:
    pki: testing.LocalPki
    token: testing.SoftToken
    dir: Path

    def write(self, name: str, data: bytes) -> str:
        path = self.dir / name
        path.write_bytes(data)
        return str(path)

    @property
    def root_pem(self) -> str:
        return self.write("root.pem", self.pki.root.pem)

    @property
    def root(self) -> x509.Certificate:
        return x509.Certificate.load(self.pki.root.cert.public_bytes(serialization.Encoding.DER))


def common_name(issued: testing.Issued) -> str:
    return str(issued.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)


class _CrlHandler(http.server.BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}

    def do_GET(self) -> None:  # http.server's name
        body = self.files.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/pkix-crl")
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


_BUILT: list[Kit] = []


@pytest.fixture(scope="session")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    """Built once per test process, even when other apps' conftests import this fixture too: the SoftHSM2
    library, once loaded, keeps reading the token directory it started with."""
    if _BUILT:
        return _BUILT[0]
    directory = tmp_path_factory.mktemp("pki")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CrlHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()  # ends with the test process
    token = testing.init_softhsm_token(directory / "softhsm", label="eiso-test", pin=PIN, so_pin="87654321")
    public = testing.token_keypair(token, key_label=KEY_LABEL)
    url = f"http://127.0.0.1:{server.server_port}/issuing.crl"
    pki = testing.build_pki(crl_url=url, agency_name=AGENCY_NAME, person_public_key=public)
    assert pki.person_on_token is not None
    testing.token_store_certificate(token, key_label=KEY_LABEL, cert=pki.person_on_token.cert)
    _CrlHandler.files = {"/issuing.crl": pki.crl_der, "/root.crl": testing.root_crl(pki)}
    _BUILT.append(Kit(pki, token, directory))
    return _BUILT[0]


def configure_signing(kit: Kit, agency: Agency, actor: Person, *, token_for: Person | None = None) -> None:
    """The agency's signing setup as its secretary makes it on the setup page: the local root trusted,
    the agency's PKCS#12 key and seal image; and, for `token_for`, the SoftHSM2 token's certificate (the
    person's certificate alone, as a CA hands it out) with the signature image."""
    services.trust_anchor_add(agency=agency, certificate_pem=kit.pki.root.pem.decode(), actor=actor)
    services.setup_agency_key(agency=agency, p12=kit.pki.agency_p12(P12_PIN), pin=P12_PIN, actor=actor)
    services.setup_seal(agency=agency, seal_png=testing.sample_seal_png(), actor=actor)
    if token_for is not None:
        assert kit.pki.person_on_token is not None
        services.token_register(
            agency=agency,
            person=token_for,
            certificate_pem=kit.pki.person_on_token.pem.decode(),
            pkcs11_lib=kit.token.lib,
            token_label=kit.token.label,
            key_label=KEY_LABEL,
            signature_png=testing.sample_signature_png(),
            actor=actor,
        )


def verify_json(path: str, *trust: str) -> tuple[int, list[dict[str, object]]]:
    """`eiso verify_pdf FILE --trust ... --format json`: its exit code and its report."""
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    code = 0
    try:
        call_command("verify_pdf", path, *[f"--trust={t}" for t in trust], "--format=json", stdout=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())
