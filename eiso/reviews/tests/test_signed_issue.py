"""Issuing = signing for the management review: with the agency's key the minutes and the notice are kept
signed and every PDF download serves the signed file; without a key they are issued unsigned, as before."""

from __future__ import annotations

from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.reviews import services
from eiso.reviews.tests.helpers import held, with_decisions
from eiso.signatures import testing
from eiso.signatures.services import setup_agency_key, signed_file_for, verify_bytes


def test_with_the_agency_key_the_minutes_are_issued_signed_and_downloads_serve_the_signed_file(
    personas: Personas,
) -> None:
    pki = testing.build_pki(crl_url="http://127.0.0.1:9/issuing.crl", agency_name=personas.agency.name)
    setup_agency_key(
        agency=personas.agency, p12=pki.agency_p12("pin-1"), pin="pin-1", actor=personas.secretary
    )
    review = with_decisions(personas, held(personas))
    services.review_issue_minutes(
        review=review, number="05/BB-STTTT", notice_number="06/TB-STTTT", actor=personas.secretary
    )
    signed = signed_file_for(review, "bien-ban")
    assert signed is not None and signed_file_for(review, "thong-bao") is not None
    client = client_for(personas.secretary)
    response = client.get(reverse("reviews:document", args=[review.pk, "bien-ban", "pdf"]))
    assert response.content == bytes(signed.content)
    reports = verify_bytes(personas.agency, response.content)
    assert len(reports) == 1 and reports[0]["intact"]
    assert "Đã ký số" in client.get(reverse("reviews:detail", args=[review.pk])).content.decode()


def test_without_a_key_the_minutes_are_issued_unsigned_and_say_so(personas: Personas) -> None:
    review = with_decisions(personas, held(personas))
    services.review_issue_minutes(
        review=review, number="06/BB-STTTT", notice_number="07/TB-STTTT", actor=personas.secretary
    )
    assert signed_file_for(review, "bien-ban") is None
    page = client_for(personas.secretary).get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert "Chưa ký số" in page
