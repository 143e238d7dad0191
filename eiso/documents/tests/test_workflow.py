import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from eiso.core.models import DomainEvent
from eiso.core.testing import Personas
from eiso.documents import services
from eiso.documents.choices import VersionState
from eiso.documents.models import DocumentVersion
from eiso.documents.tests.factories import issue, make_document

pytestmark = pytest.mark.django_db


def _in_review(p: Personas) -> DocumentVersion:
    document = make_document(p.agency, p.secretary)
    version = services.version_create(document=document, actor=p.secretary, body="Nội dung")
    return services.version_submit(version=version, actor=p.secretary)


def test_a_draft_goes_through_review_and_approval_to_issue(personas: Personas) -> None:
    version = _in_review(personas)
    services.version_review_pass(version=version, reviewer=personas.division_head, comment="Đạt")
    services.version_approve(version=version, approved_by=personas.director, comment="Đồng ý ban hành")
    services.version_issue(version=version, actor=personas.secretary, effective_from=dt.date(2017, 3, 1))
    version.refresh_from_db()
    assert version.state == VersionState.ISSUED
    assert (version.drafted_by, version.reviewed_by, version.approved_by) == (
        personas.secretary,
        personas.division_head,
        personas.director,
    )
    assert version.approval_comment == "Đồng ý ban hành" and version.approved_at is not None
    assert version.document.next_review_on == dt.date(2018, 3, 1)
    verbs = set(DomainEvent.objects.filter(target_id=version.pk).values_list("verb", flat=True))
    assert {"document_version.approved", "document_version.issued"} <= verbs


def test_the_drafter_cannot_review_their_own_draft(personas: Personas) -> None:
    version = _in_review(personas)
    with pytest.raises(ValidationError, match="khác người soạn thảo"):
        services.version_review_pass(version=version, reviewer=personas.secretary)


def test_the_reviewer_cannot_also_approve(personas: Personas) -> None:
    version = _in_review(personas)
    services.version_review_pass(version=version, reviewer=personas.director)
    with pytest.raises(ValidationError, match="khác người soạn thảo và người xem xét"):
        services.version_approve(version=version, approved_by=personas.director)


def test_only_the_director_or_a_deputy_approves(personas: Personas) -> None:
    version = _in_review(personas)
    services.version_review_pass(version=version, reviewer=personas.division_head)
    for person in (personas.secretary, personas.officer, personas.auditor):
        with pytest.raises(ValidationError, match="Chỉ Giám đốc"):
            services.version_approve(version=version, approved_by=person)
    services.version_approve(version=version, approved_by=personas.deputy)
    assert version.state == VersionState.APPROVED


def test_a_director_who_drafted_cannot_approve_their_own_document(personas: Personas) -> None:
    document = make_document(personas.agency, personas.director)
    version = services.version_create(document=document, actor=personas.director, body="x")
    services.version_submit(version=version, actor=personas.director)
    services.version_review_pass(version=version, reviewer=personas.division_head)
    with pytest.raises(ValidationError):
        services.version_approve(version=version, approved_by=personas.director)
    services.version_approve(version=version, approved_by=personas.deputy)


def test_a_draft_cannot_be_approved_before_it_is_reviewed(personas: Personas) -> None:
    version = _in_review(personas)
    with pytest.raises(ValidationError, match="chưa được xem xét"):
        services.version_approve(version=version, approved_by=personas.director)


def test_the_reviewer_returns_a_draft_with_a_comment(personas: Personas) -> None:
    version = _in_review(personas)
    with pytest.raises(ValidationError, match="ghi ý kiến"):
        services.version_return(version=version, actor=personas.division_head, comment="  ")
    services.version_return(version=version, actor=personas.division_head, comment="Bổ sung bước 3")
    version.refresh_from_db()
    assert version.state == VersionState.DRAFT and version.review_comment == "Bổ sung bước 3"
    assert version.reviewed_by is None


def test_an_issued_version_is_immutable(personas: Personas) -> None:
    version = issue(make_document(personas.agency, personas.secretary), personas)
    with pytest.raises(ValidationError, match="trạng thái"):
        services.version_update(version=version, actor=personas.secretary, body="sửa lén")
    version.body = "sửa lén"
    with pytest.raises(ValidationError, match="không được sửa"):
        version.save()
    with pytest.raises(ValidationError):
        DocumentVersion.objects.get(pk=version.pk).save(update_fields=["body"])


def test_issuing_a_revision_supersedes_the_previous_version(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    first = issue(document, personas, dt.date(2016, 3, 1))
    second = issue(document, personas, dt.date(2017, 5, 2), change_summary="Sửa bước 2")
    first.refresh_from_db()
    assert first.state == VersionState.SUPERSEDED and first.superseded_on == dt.date(2017, 5, 2)
    assert (second.issue_no, second.revision_no) == (1, 1)
    assert document.versions.filter(state=VersionState.ISSUED).get() == second
    third = services.version_create(document=document, actor=personas.secretary, new_issue=True, body="x")
    assert (third.issue_no, third.revision_no) == (2, 0)


def test_the_database_holds_one_current_version_per_document(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    current = issue(document, personas)
    duplicate = DocumentVersion(
        document=document,
        issue_no=9,
        revision_no=0,
        state=VersionState.ISSUED,
        effective_from=dt.date(2016, 1, 1),
        drafted_by=personas.secretary,
        reviewed_by=personas.division_head,
        approved_by=personas.director,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert current.state == VersionState.ISSUED


def test_the_database_refuses_self_approval(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentVersion.objects.create(
            document=document,
            drafted_by=personas.secretary,
            reviewed_by=personas.division_head,
            approved_by=personas.secretary,
            state=VersionState.APPROVED,
        )


def test_only_one_draft_is_open_at_a_time(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    services.version_create(document=document, actor=personas.secretary, body="x")
    with pytest.raises(ValidationError, match="dự thảo chưa ban hành"):
        services.version_create(document=document, actor=personas.secretary, body="y")


def test_a_viewer_cannot_draft(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    with pytest.raises(ValidationError, match="quyền soạn thảo"):
        services.version_create(document=document, actor=personas.viewer, body="x")


def test_a_person_of_another_agency_cannot_approve(personas: Personas) -> None:
    version = _in_review(personas)
    services.version_review_pass(version=version, reviewer=personas.division_head)
    with pytest.raises(ValidationError):
        services.version_approve(version=version, approved_by=personas.outsider)


def test_withdrawing_the_issued_version_needs_the_leadership_and_a_reason(personas: Personas) -> None:
    version = issue(make_document(personas.agency, personas.secretary), personas)
    with pytest.raises(ValidationError):
        services.version_withdraw(version=version, actor=personas.secretary, reason="Lỗi")
    with pytest.raises(ValidationError, match="lý do"):
        services.version_withdraw(version=version, actor=personas.director, reason="")
    services.version_withdraw(version=version, actor=personas.director, reason="Không còn áp dụng")
    assert version.state == VersionState.WITHDRAWN


def test_the_code_follows_the_pattern_of_its_type(personas: Personas) -> None:
    first = make_document(personas.agency, personas.secretary)
    second = make_document(personas.agency, personas.secretary, title="Đánh giá nội bộ")
    assert (first.code, second.code) == ("QT-01", "QT-02")
    with pytest.raises(ValidationError, match="đã được dùng"):
        make_document(personas.agency, personas.secretary, code="QT-01")


def test_only_procedures_and_forms_can_be_public(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="công khai"):
        make_document(personas.agency, personas.secretary, is_public=True)


def test_the_database_refuses_a_bulk_rewrite_of_an_issued_version(personas: Personas) -> None:
    version = issue(make_document(personas.agency, personas.secretary), personas)
    with pytest.raises(DatabaseError), transaction.atomic():
        DocumentVersion.objects.filter(pk=version.pk).update(body="viết lại")
    DocumentVersion.objects.filter(pk=version.pk).update(withdraw_reason="")  # bookkeeping stays possible
    version.refresh_from_db()
    assert version.body == "Nội dung quy trình"


def test_a_draft_can_still_be_changed_in_bulk(personas: Personas) -> None:
    document = make_document(personas.agency, personas.secretary)
    version = services.version_create(document=document, actor=personas.secretary, body="x")
    DocumentVersion.objects.filter(pk=version.pk).update(body="y")
    version.refresh_from_db()
    assert version.body == "y"
