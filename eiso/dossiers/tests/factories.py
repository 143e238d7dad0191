"""Small builders for the dossiers tests (real rows, real services)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from eiso.core.models import Agency
from eiso.dossiers.models import Dossier
from eiso.dossiers.services import dossier_receive, dossier_resolve, dossier_transfer
from eiso.procedures.models import Procedure
from eiso.workdays.calendar import LOCAL_TZ


def at(text: str) -> dt.datetime:
    """'2017-03-02 09:15' in local time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=LOCAL_TZ)


def make_procedure(agency: Agency, code: str = "1.001", days: str = "10", **fields: Any) -> Procedure:
    defaults: dict[str, Any] = {
        "name": f"Thủ tục {code}",
        "field": "Báo chí",
        "time_limit_value": Decimal(days),
        "valid_from": dt.date(2015, 1, 1),
    }
    defaults.update(fields)
    return Procedure.objects.create(agency=agency, code=code, **defaults)


def received(procedure: Procedure, when: str, **fields: Any) -> Dossier:
    return dossier_receive(
        agency=procedure.agency, procedure=procedure, received_at=at(when), actor=None, **fields
    )


def resolved(procedure: Procedure, when: str, done: str, **fields: Any) -> Dossier:
    dossier = received(procedure, when, **fields)
    dossier_transfer(dossier=dossier, actor=None, at=at(when))
    return dossier_resolve(dossier=dossier, actor=None, at=at(done))
