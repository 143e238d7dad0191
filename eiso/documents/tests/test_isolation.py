"""The cross-agency walk over document control's own URLs (the site-wide walk lives in core)."""

import pytest
from django.test import Client
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.documents.forms import DistributionForm, DocumentForm
from eiso.documents.tests import isolation
from eiso.documents.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


def test_every_document_url_refuses_objects_of_another_agency(personas: Personas) -> None:
    client = client_for(personas.secretary)
    leaks = []
    for name, kwargs in isolation.url_kwargs(personas.other_agency).items():
        url = reverse(name, kwargs=kwargs)
        for method, allowed in (("get", {403, 404, 405}), ("post", {403, 404})):
            status = getattr(client, method)(url).status_code
            if status not in allowed:
                leaks.append(f"{method.upper()} {url} -> {status}")
    assert not leaks, leaks


def test_the_same_urls_answer_their_own_agency(personas: Personas) -> None:
    kwargs = isolation.url_kwargs(personas.agency)
    client = client_for(personas.secretary)
    for name in ("documents:document_detail", "documents:cover", "documents:version_file"):
        assert client.get(reverse(name, kwargs=kwargs[name])).status_code in (200, 404), name
    assert (
        client.get(
            reverse("documents:document_detail", kwargs=kwargs["documents:document_detail"])
        ).status_code
        == 200
    )


def test_the_forms_refuse_choices_of_another_agency(personas: Personas) -> None:
    foreign = make_procedure(personas.other_agency, "X.1")
    form = DocumentForm(
        {
            "doc_type": "system_procedure",
            "title": "T",
            "review_period_months": 12,
            "procedures": [foreign.pk],
        },
        agency=personas.agency,
    )
    assert not form.is_valid() and "procedures" in form.errors
    distribution = DistributionForm({"people": [personas.outsider.pk]}, agency=personas.agency)
    assert not distribution.is_valid() and "people" in distribution.errors


def test_a_supervisor_reads_but_cannot_draft(personas: Personas) -> None:
    response = client_for(personas.supervisor).post(reverse("documents:document_create"), {"title": "x"})
    assert response.status_code in (403, 302)


def test_anonymous_visitors_are_sent_to_the_login_page() -> None:
    response = Client().get(reverse("documents:document_list"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
