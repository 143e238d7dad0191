"""The ISO secretary sets how the register numbers new documents, from the app."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.documents.choices import DocumentType
from eiso.documents.models import CodePattern
from eiso.documents.services import document_next_code

pytestmark = pytest.mark.django_db

URL = reverse("documents:code_patterns")


def test_a_pattern_saved_on_the_page_numbers_the_next_document(personas: Personas) -> None:
    client = client_for(personas.secretary)
    assert client.get(URL).status_code == 200
    answer = client.post(URL, {DocumentType.SYSTEM_PROCEDURE: "QT.ISO-{n:03d}", DocumentType.FORM: ""})
    assert answer.status_code == 302
    assert document_next_code(agency=personas.agency, doc_type=DocumentType.SYSTEM_PROCEDURE) == "QT.ISO-001"
    assert document_next_code(agency=personas.agency, doc_type=DocumentType.FORM) == "BM-01"  # the default
    # Emptying the field goes back to the default pattern.
    client.post(URL, {DocumentType.SYSTEM_PROCEDURE: ""})
    assert not CodePattern.objects.filter(agency=personas.agency).exists()


@pytest.mark.parametrize(
    "pattern", ["QT-01", "QT-{x}", "QT-{n}-{n}", "{n.__class__}", "QT-{n:>5}", "X" * 56 + "{n:09d}"]
)
def test_a_pattern_that_cannot_number_documents_is_refused_keeping_what_was_typed(
    personas: Personas, pattern: str
) -> None:
    answer = client_for(personas.secretary).post(URL, {DocumentType.SYSTEM_PROCEDURE: pattern})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "không dùng được" in html and 'value="' + pattern.replace("<", "&lt;").replace(">", "&gt;") in html
    assert not CodePattern.objects.filter(agency=personas.agency).exists()


def test_only_the_qms_managers_open_the_page(personas: Personas) -> None:
    assert client_for(personas.officer).get(URL).status_code == 403
    listing = client_for(personas.secretary).get(reverse("documents:document_list")).content.decode()
    assert (
        URL in listing
        and URL not in client_for(personas.officer).get(reverse("documents:document_list")).content.decode()
    )
