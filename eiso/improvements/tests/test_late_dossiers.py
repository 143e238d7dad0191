import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from eiso.core.testing import Personas
from eiso.dossiers.models import Dossier
from eiso.dossiers.services import dossier_receive, dossier_resolve
from eiso.improvements import services
from eiso.improvements.choices import NcSource, ProposalState
from eiso.improvements.models import NcProposal
from eiso.procedures.models import Procedure
from eiso.procedures.services import procedure_create

pytestmark = pytest.mark.django_db

TODAY = dt.date(2017, 6, 20)


def _procedure(p: Personas, code: str) -> Procedure:
    return procedure_create(
        agency=p.agency,
        actor=None,
        code=code,
        name=f"Cấp giấy phép {code}",
        time_limit_value=Decimal(5),
        time_limit_unit="working_days",
        valid_from=dt.date(2017, 1, 1),
    )


def _dossier(p: Personas, procedure: Procedure, due: dt.date, code: str) -> Dossier:
    return dossier_receive(
        agency=p.agency,
        procedure=procedure,
        received_at=dt.datetime(2017, 6, 1, 8, tzinfo=dt.UTC),
        actor=None,
        code=code,
        division=p.division,
        due_at=dt.datetime(due.year, due.month, due.day, 9, tzinfo=dt.UTC),
    )


def test_late_dossiers_of_one_procedure_are_grouped_into_one_proposal(personas: Personas) -> None:
    first, second = _procedure(personas, "T1"), _procedure(personas, "T2")
    _dossier(personas, first, dt.date(2017, 6, 10), "HS-1")  # pending, overdue
    late = _dossier(personas, first, dt.date(2017, 6, 12), "HS-2")
    dossier_resolve(dossier=late, actor=None, at=dt.datetime(2017, 6, 15, 8, tzinfo=dt.UTC))  # resolved late
    _dossier(personas, first, dt.date(2017, 6, 30), "HS-3")  # still in time
    _dossier(personas, second, dt.date(2017, 6, 11), "HS-4")
    proposals = services.nc_proposals_generate(agency=personas.agency, today=TODAY)
    codes = {p.procedure.code: sorted(p.dossiers.values_list("code", flat=True)) for p in proposals}
    assert codes == {"T1": ["HS-1", "HS-2"], "T2": ["HS-4"]}


def test_the_same_dossier_is_never_proposed_twice(personas: Personas) -> None:
    procedure = _procedure(personas, "T1")
    _dossier(personas, procedure, dt.date(2017, 6, 10), "HS-1")
    services.nc_proposals_generate(agency=personas.agency, today=TODAY)
    assert services.nc_proposals_generate(agency=personas.agency, today=TODAY + dt.timedelta(days=1)) == []
    _dossier(personas, procedure, dt.date(2017, 6, 19), "HS-5")
    services.nc_proposals_generate(agency=personas.agency, today=TODAY + dt.timedelta(days=1))
    proposal = NcProposal.objects.get()
    assert sorted(proposal.dossiers.values_list("code", flat=True)) == ["HS-1", "HS-5"]


def test_accepting_raises_a_nonconformity_linked_to_the_dossiers(personas: Personas) -> None:
    procedure = _procedure(personas, "T1")
    dossier = _dossier(personas, procedure, dt.date(2017, 6, 10), "HS-1")
    (proposal,) = services.nc_proposals_generate(agency=personas.agency, today=TODAY)
    nc = services.nc_proposal_accept(
        proposal=proposal, actor=personas.secretary, at=dt.datetime(2017, 6, 21, 2, tzinfo=dt.UTC)
    )
    assert (nc.source_kind, nc.dossier_ids, nc.division) == (
        NcSource.LATE_DOSSIER,
        [dossier.pk],
        personas.division,
    )
    assert "HS-1" in nc.description
    # a later late dossier of the same procedure opens a new proposal
    _dossier(personas, procedure, dt.date(2017, 6, 20), "HS-6")
    (new,) = services.nc_proposals_generate(agency=personas.agency, today=dt.date(2017, 6, 22))
    assert new.pk != proposal.pk


def test_dismissing_needs_a_reason_and_only_a_manager_decides(personas: Personas) -> None:
    _dossier(personas, _procedure(personas, "T1"), dt.date(2017, 6, 10), "HS-1")
    (proposal,) = services.nc_proposals_generate(agency=personas.agency, today=TODAY)
    at = dt.datetime(2017, 6, 21, 2, tzinfo=dt.UTC)
    with pytest.raises(ValidationError):
        services.nc_proposal_dismiss(proposal=proposal, actor=personas.secretary, at=at, reason="")
    with pytest.raises(ValidationError, match="thư ký ISO"):
        services.nc_proposal_accept(proposal=proposal, actor=personas.officer, at=at)
    services.nc_proposal_dismiss(proposal=proposal, actor=personas.secretary, at=at, reason="Lỗi do công dân")
    assert proposal.state == ProposalState.DISMISSED


def test_the_daily_job_proposes_and_tells_the_secretary_once(personas: Personas) -> None:
    from eiso.core.models import Notification
    from eiso.core.notifications import send_reminders

    _dossier(personas, _procedure(personas, "T1"), dt.date(2017, 6, 10), "HS-1")
    send_reminders(today=TODAY, since=TODAY - dt.timedelta(days=3))
    send_reminders(today=TODAY)
    proposal = NcProposal.objects.get()
    keys = Notification.objects.filter(recipient=personas.secretary, key__startswith="proposal:")
    assert [n.key for n in keys] == [f"proposal:{proposal.pk}:2017-06-17"]
    assert proposal.dossiers.count() == 1
