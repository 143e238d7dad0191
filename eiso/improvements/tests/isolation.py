"""Objects of `agency` behind every improvements URL with arguments, for the isolation walk."""

import datetime as dt
from typing import Any

from eiso.core.models import Agency, Person
from eiso.improvements.models import ActionItem, CorrectiveAction, NcProposal, Nonconformity
from eiso.procedures.models import Procedure

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    person = Person.objects.create(agency=agency, full_name="Cán bộ khác cơ quan")
    day = dt.date(2031, 1, 5)
    nc = Nonconformity.objects.create(agency=agency, description="Bí mật", raised_on=day, raised_by=person)
    car = CorrectiveAction.objects.create(
        agency=agency, number="99/2031", nonconformity=nc, requested_by=person, requested_on=day
    )
    item = ActionItem.objects.create(corrective_action=car, description="x", owner=person, deadline=day)
    procedure, _ = Procedure.objects.get_or_create(
        agency=agency,
        code="WALK-NC",
        defaults={
            "name": "Thủ tục bí mật",
            "time_limit_value": 5,
            "time_limit_unit": "working_days",
            "valid_from": day,
        },
    )
    proposal = NcProposal.objects.create(agency=agency, procedure=procedure, proposed_on=day)
    by_car = {"pk": car.pk}
    return {
        "improvements:car_request": {"pk": nc.pk},
        "improvements:nc_edit": {"pk": nc.pk},
        "improvements:nc_cancel": {"pk": nc.pk},
        "improvements:car_detail": by_car,
        "improvements:car_download": {"pk": car.pk, "fmt": "pdf"},
        "improvements:car_analyse": by_car,
        "improvements:action_add": by_car,
        "improvements:car_submit": by_car,
        "improvements:car_approve": by_car,
        "improvements:car_verify": by_car,
        "improvements:car_cancel": by_car,
        "improvements:action_done": {"pk": item.pk},
        "improvements:proposal_decide": {"pk": proposal.pk},
    }
