"""Issuing a PDF version signed by the approver's token: the approver types the PIN on the page and the
version is signed by the approver then the agency; anyone else issuing it is told why not; a wrong PIN
issues nothing and is never shown back."""

from __future__ import annotations

import datetime as dt
import re

import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.documents import services
from eiso.documents.choices import VersionState
from eiso.documents.models import DocumentVersion
from eiso.documents.tests.factories import make_document
from eiso.signatures.services import signed_file_for
from eiso.signatures.tests.conftest import PIN, Kit, common_name, configure_signing, verify_json


def _approved_version(personas: Personas) -> DocumentVersion:
    document = make_document(personas.agency, personas.secretary)
    pdf = weasyprint.HTML(string="<p>Quy trình tiếp nhận hồ sơ</p>").write_pdf()
    upload = SimpleUploadedFile("quy-trinh.pdf", pdf, content_type="application/pdf")
    version = services.version_create(document=document, actor=personas.secretary, file=upload)
    services.version_submit(version=version, actor=personas.secretary)
    services.version_review_pass(version=version, reviewer=personas.division_head)
    services.version_approve(version=version, approved_by=personas.director)
    return version


def _issue(personas: Personas, person: str, version: DocumentVersion, **extra: str) -> object:
    client = client_for(getattr(personas, person))
    url = reverse("documents:version_issue", args=[version.pk])
    return client.post(url, {"effective_from": dt.date(2017, 3, 1).isoformat(), **extra})


def test_the_approver_issues_with_the_token_pin_and_the_version_is_signed_person_then_agency(
    kit: Kit, personas: Personas
) -> None:
    configure_signing(kit, personas.agency, personas.secretary, token_for=personas.director)
    version = _approved_version(personas)
    page = client_for(personas.director).get(reverse("documents:document_detail", args=[version.document_id]))
    assert 'type="password" name="token_pin"' in page.content.decode()

    refused = _issue(personas, "secretary", version)
    assert refused.status_code == 400 and "chính người phê duyệt ban hành" in refused.content.decode()  # type: ignore[attr-defined]
    wrong = _issue(personas, "director", version, token_pin="sai-1234")
    assert wrong.status_code == 400 and "sai-1234" not in wrong.content.decode()  # type: ignore[attr-defined]
    version.refresh_from_db()
    assert version.state == VersionState.APPROVED and signed_file_for(version, "version") is None

    issued = _issue(personas, "director", version, token_pin=PIN)
    assert issued.status_code == 302, re.findall(r'role="alert">([^<]+)', issued.content.decode())  # type: ignore[attr-defined]
    version.refresh_from_db()
    signed = signed_file_for(version, "version")
    assert version.state == VersionState.ISSUED and signed is not None
    code, reports = verify_json(kit.write(f"phien-ban-{version.pk}.pdf", bytes(signed.content)), kit.root_pem)
    assert code == 0 and kit.pki.person_on_token is not None
    assert [r["signer"] for r in reports] == [
        common_name(kit.pki.person_on_token),
        common_name(kit.pki.agency),
    ]
