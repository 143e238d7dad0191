"""The chair who signs with a token issues the minutes with its PIN typed on the review page: the minutes
and the notice are signed by the chair then the agency; the secretary is told the chair must issue them;
a wrong PIN issues nothing and keeps the conclusion typed."""

from __future__ import annotations

import re

from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.reviews.choices import RecordKind, ReviewState
from eiso.reviews.models import QmsRecord
from eiso.reviews.services import RECORD_KIND
from eiso.reviews.tests.helpers import held, with_decisions
from eiso.signatures.services import signed_file_for
from eiso.signatures.tests.conftest import PIN, Kit, common_name, configure_signing, verify_json

CONCLUSION = "HTQLCL của Sở phù hợp, được duy trì và cải tiến."


def _messages(response: object) -> list[str]:
    """What the page says when it refuses (the form's errors), for the assertion's message."""
    return re.findall(r'(?:role="alert"|invalid-feedback[^>]*)>([^<]+)', response.content.decode())  # type: ignore[attr-defined]


def _issue(client: object, review_pk: int, **extra: str) -> object:
    url = reverse("reviews:issue_minutes", args=[review_pk])
    data = {"conclusion": CONCLUSION, "minutes_number": "05/BB-STTTT", "notice_number": "06/TB-STTTT"}
    return client.post(url, {**data, **extra})  # type: ignore[attr-defined]


def test_the_chair_issues_the_minutes_with_the_token_pin_and_both_documents_are_signed(
    kit: Kit, personas: Personas
) -> None:
    configure_signing(kit, personas.agency, personas.secretary, token_for=personas.director)
    review = with_decisions(personas, held(personas))
    chair = client_for(personas.director)
    assert 'name="token_pin"' in chair.get(reverse("reviews:detail", args=[review.pk])).content.decode()

    refused = _issue(client_for(personas.secretary), review.pk)
    assert refused.status_code == 400 and "chính người chủ trì" in refused.content.decode()  # type: ignore[attr-defined]
    wrong = _issue(chair, review.pk, token_pin="sai-1234")
    page = wrong.content.decode()  # type: ignore[attr-defined]
    assert wrong.status_code == 400 and "sai-1234" not in page and CONCLUSION in page  # type: ignore[attr-defined]
    review.refresh_from_db()
    assert review.state == ReviewState.HELD and signed_file_for(review, "bien-ban") is None

    issued = _issue(chair, review.pk, token_pin=PIN)
    assert issued.status_code == 302, _messages(issued)  # type: ignore[attr-defined]
    review.refresh_from_db()
    assert review.state == ReviewState.MINUTES_ISSUED and kit.pki.person_on_token is not None
    for document in ("bien-ban", "thong-bao"):
        signed = signed_file_for(review, document)
        assert signed is not None
        code, reports = verify_json(
            kit.write(f"{document}-{review.pk}.pdf", bytes(signed.content)), kit.root_pem
        )
        signers = [common_name(kit.pki.person_on_token), common_name(kit.pki.agency)]
        assert code == 0 and [r["signer"] for r in reports] == signers


def test_the_directors_decision_announcing_conformity_is_signed_when_the_director_records_it(
    kit: Kit, personas: Personas
) -> None:
    configure_signing(kit, personas.agency, personas.secretary, token_for=personas.director)
    data = {
        "kind": RecordKind.ANNOUNCEMENT,
        "number": "112/QĐ-STTTT",
        "issued_on": "2016-06-20",
        "signed_by": personas.director.pk,
    }
    url = reverse("reviews:records")
    refused = client_for(personas.secretary).post(url, data)
    assert refused.status_code == 400 and "chính người ký" in refused.content.decode()
    director = client_for(personas.director)
    recorded = director.post(url, {**data, "token_pin": PIN})
    assert recorded.status_code == 302, _messages(recorded)
    record = QmsRecord.objects.get(agency=personas.agency, number="112/QĐ-STTTT")
    signed = signed_file_for(record, RECORD_KIND)
    assert signed is not None and kit.pki.person_on_token is not None
    download = director.get(reverse("reviews:record_document", args=[record.pk, "pdf"]))
    assert download.content == bytes(signed.content)
    assert director.get(reverse("reviews:record_document", args=[record.pk, "docx"])).status_code == 302
    code, reports = verify_json(kit.write(f"quyet-dinh-{record.pk}.pdf", download.content), kit.root_pem)
    assert code == 0
    assert [r["signer"] for r in reports] == [
        common_name(kit.pki.person_on_token),
        common_name(kit.pki.agency),
    ]
