"""No page offers an action its user will be refused: buttons follow the `can_<action>` predicates."""

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.documents import services as documents
from eiso.documents.tests.factories import make_document

pytestmark = pytest.mark.django_db


def test_the_drafter_is_not_offered_to_pass_the_review_of_their_own_draft(personas: Personas) -> None:
    document = make_document(personas.agency, personas.officer)
    version = documents.version_create(document=document, actor=personas.officer, body="Nội dung")
    documents.version_submit(version=version, actor=personas.officer)
    url = reverse("documents:document_detail", args=[document.pk])
    assert "Xem xét đạt" not in client_for(personas.officer).get(url).content.decode()
    assert "Xem xét đạt" in client_for(personas.division_head).get(url).content.decode()
    assert "Xem xét đạt" not in client_for(personas.viewer).get(url).content.decode()


def test_the_reviewer_is_not_offered_to_approve_what_they_reviewed(personas: Personas) -> None:
    document = make_document(personas.agency, personas.officer)
    version = documents.version_create(document=document, actor=personas.officer, body="Nội dung")
    documents.version_submit(version=version, actor=personas.officer)
    documents.version_review_pass(version=version, reviewer=personas.director)
    url = reverse("documents:document_detail", args=[document.pk])
    approve = reverse("documents:version_approve", args=[version.pk])
    assert approve not in client_for(personas.director).get(url).content.decode()
    assert approve in client_for(personas.deputy).get(url).content.decode()


def test_a_refused_review_keeps_the_comment_typed(personas: Personas) -> None:
    document = make_document(personas.agency, personas.officer)
    version = documents.version_create(document=document, actor=personas.officer, body="Nội dung")
    documents.version_submit(version=version, actor=personas.officer)
    response = client_for(personas.division_head).post(
        reverse("documents:version_return", args=[version.pk]), {"comment": ""}
    )
    assert response.status_code == 400
    assert "Hãy ghi ý kiến" in response.content.decode()


def test_saving_a_draft_and_sending_it_for_review_is_one_step(personas: Personas) -> None:
    document = make_document(personas.agency, personas.officer)
    version = documents.version_create(document=document, actor=personas.officer, body="Nội dung")
    client_for(personas.officer).post(
        reverse("documents:version_edit", args=[version.pk]),
        {"body": "Nội dung đã sửa", "change_summary": "Sửa bước 2", "act": "submit"},
    )
    version.refresh_from_db()
    assert (version.body, version.state) == ("Nội dung đã sửa", "in_review")
