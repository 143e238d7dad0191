"""Procedure URLs with arguments, pointing at objects of the given agency (for the isolation walk)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from eiso.core.models import Agency
from eiso.procedures.services import procedure_create, process_save

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    procedure = procedure_create(
        agency=agency,
        actor=None,
        code=f"WALK-{agency.pk}",
        name="Thủ tục bị truy cập trái phép",
        time_limit_value=Decimal(5),
        valid_from=dt.date(2016, 1, 1),
    )
    process = process_save(
        agency=agency,
        actor=None,
        code=f"QT-WALK-{agency.pk}",
        name="Quy trình",
        procedures=[procedure],
        steps=[],
    )
    return {
        "procedures:detail": {"pk": procedure.pk},
        "procedures:edit": {"pk": procedure.pk},
        "procedures:publish": {"pk": procedure.pk},
        "procedures:process_detail": {"pk": process.pk},
    }
