import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from eiso.core.testing import Personas
from eiso.documents import selectors, services
from eiso.documents.models import LegalChangeFlag
from eiso.documents.tests.factories import issue, make_document, make_external

pytestmark = pytest.mark.django_db


def test_an_amendment_flags_every_document_resting_on_the_amended_law_for_three_months(
    personas: Personas,
) -> None:
    p = personas
    law = make_external(p.agency, p.secretary, "QĐ 09/2015")
    other_law = make_external(p.agency, p.secretary, "Luật Báo chí 2016")
    qt1 = make_document(p.agency, p.secretary, legal_bases=[law])
    qt2 = make_document(p.agency, p.secretary, title="Tiếp nhận hồ sơ", legal_bases=[law, other_law])
    make_document(p.agency, p.secretary, title="Không liên quan", legal_bases=[other_law])
    amending = make_external(
        p.agency, p.secretary, "NĐ 61/2018", amends=law, legal_effective_from=dt.date(2018, 8, 21)
    )
    flags = LegalChangeFlag.objects.filter(amending=amending).order_by("document__code")
    assert [f.document for f in flags] == [qt1, qt2]
    assert {f.due_on for f in flags} == {dt.date(2018, 11, 21)}


def test_the_deadline_is_clipped_to_the_end_of_a_short_month(personas: Personas) -> None:
    law = make_external(personas.agency, personas.secretary, "TT 26/2014")
    make_document(personas.agency, personas.secretary, legal_bases=[law])
    make_external(
        personas.agency, personas.secretary, "TT mới", amends=law, legal_effective_from=dt.date(2017, 11, 30)
    )
    assert LegalChangeFlag.objects.get().due_on == dt.date(2018, 2, 28)


def test_an_amendment_needs_its_effective_date(personas: Personas) -> None:
    law = make_external(personas.agency, personas.secretary, "QĐ 19/2014")
    with pytest.raises(ValidationError, match="ngày có hiệu lực"):
        make_external(personas.agency, personas.secretary, "QĐ mới", amends=law)


def test_issuing_a_new_version_takes_the_change_in(personas: Personas) -> None:
    p = personas
    law = make_external(p.agency, p.secretary, "QĐ 09/2015")
    document = make_document(p.agency, p.secretary, legal_bases=[law])
    issue(document, p, dt.date(2016, 1, 1))
    make_external(p.agency, p.secretary, "NĐ 61/2018", amends=law, legal_effective_from=dt.date(2018, 8, 21))
    assert selectors.legal_changes(agency=p.agency).count() == 1
    issue(document, p, dt.date(2018, 10, 1), change_summary="Cập nhật theo NĐ 61/2018")
    flag = LegalChangeFlag.objects.get()
    assert flag.resolved_on == dt.date(2018, 10, 1) and "1.1" in flag.resolution
    assert selectors.legal_changes(agency=p.agency).count() == 0


def test_a_flag_can_be_closed_when_no_change_is_needed(personas: Personas) -> None:
    law = make_external(personas.agency, personas.secretary, "QĐ 09/2015")
    make_document(personas.agency, personas.secretary, legal_bases=[law])
    make_external(
        personas.agency, personas.secretary, "QĐ mới", amends=law, legal_effective_from=dt.date(2017, 1, 1)
    )
    flag = LegalChangeFlag.objects.get()
    with pytest.raises(ValidationError):
        services.legal_flag_resolve(flag=flag, actor=personas.officer, resolution="x")
    services.legal_flag_resolve(
        flag=flag, actor=personas.secretary, resolution="Không ảnh hưởng đến quy trình"
    )
    assert flag.resolved_by == personas.secretary


def test_recording_the_amendment_twice_flags_once(personas: Personas) -> None:
    law = make_external(personas.agency, personas.secretary, "QĐ 09/2015")
    make_document(personas.agency, personas.secretary, legal_bases=[law])
    amending = make_external(
        personas.agency, personas.secretary, "QĐ mới", amends=law, legal_effective_from=dt.date(2017, 1, 1)
    )
    assert services.legal_change_flag(amending=amending, actor=None) == []
    assert LegalChangeFlag.objects.count() == 1
