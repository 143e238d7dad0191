""" "Việc của tôi" gathers what each app says a person must do; notifications group by kind."""

import datetime as dt

import pytest
from django.urls import reverse

from eiso.core.models import Notification
from eiso.core.testing import Personas, client_for
from eiso.documents import services as documents
from eiso.documents.tests.factories import issue, make_document

pytestmark = pytest.mark.django_db


def test_an_officer_sees_a_document_to_read_and_acknowledges_it_from_the_inbox(personas: Personas) -> None:
    version = issue(make_document(personas.agency, personas.secretary), personas)
    documents.distribution_send(version=version, actor=personas.secretary, people=[personas.officer])
    client = client_for(personas.officer)

    html = client.get(reverse("core:inbox")).content.decode()
    assert "Tài liệu tôi cần đọc" in html
    assert version.document.title in html
    assert 'data-testid="inbox-count">1<' in html
    ack = version.distributions.get().acknowledgements.get(person=personas.officer)
    client.post(reverse("documents:acknowledge", args=[ack.pk]))

    html = client.get(reverse("core:inbox")).content.decode()
    assert version.document.title not in html
    assert "Không có việc nào đang chờ" in html


def test_a_draft_waits_for_the_reviewer_then_the_director(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary, owner_division=personas.division)
    version = documents.version_create(document=document, actor=personas.secretary, body="Dự thảo")
    documents.version_submit(version=version, actor=personas.secretary)

    def inbox_of(person: object) -> str:
        return str(client_for(person).get(reverse("core:inbox")).content.decode())  # type: ignore[arg-type]

    assert document.title in inbox_of(personas.division_head)
    assert document.title not in inbox_of(personas.officer)
    assert document.title not in inbox_of(personas.secretary)  # the drafter never reviews their own draft
    documents.version_review_pass(version=version, reviewer=personas.division_head)
    assert document.title not in inbox_of(personas.division_head)
    assert "Phê duyệt" in inbox_of(personas.director) and document.title in inbox_of(personas.director)


def _notify(personas: Personas, key: str) -> None:
    Notification.objects.create(
        agency=personas.agency, recipient=personas.secretary, key=key, title=key, due_on=dt.date(2017, 8, 7)
    )


def test_notifications_group_by_kind_and_mark_all_read(personas: Personas) -> None:
    for n in range(3):
        _notify(personas, f"action:{n}:due-3")
    _notify(personas, "finding:9:no-car")
    client = client_for(personas.secretary)
    html = client.get(reverse("core:notifications")).content.decode()
    assert "Hành động khắc phục" in html and "Phát hiện chưa có phiếu khắc phục" in html

    client.post(reverse("core:notification_read_all"), {"kind": "action"})
    unread = Notification.objects.filter(recipient=personas.secretary, read_at__isnull=True)
    assert list(unread.values_list("key", flat=True)) == ["finding:9:no-car"]
    client.post(reverse("core:notification_read_all"))
    assert not unread.exists()


def test_marking_read_touches_only_my_notifications(personas: Personas) -> None:
    _notify(personas, "action:1:due-3")
    client_for(personas.officer).post(reverse("core:notification_read_all"))
    assert Notification.objects.get(key="action:1:due-3").read_at is None
