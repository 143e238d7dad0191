"""Working-calendar URLs with arguments, pointing at objects of the given agency (for the isolation walk)."""

import datetime as dt
from typing import Any

from eiso.core.models import Agency
from eiso.workdays.choices import OverrideKind
from eiso.workdays.services import override_save

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    row, _outcome = override_save(
        agency=agency, actor=None, date=dt.date(2017, 3, 3), kind=OverrideKind.HOLIDAY
    )
    return {"workdays:override_delete": {"pk": row.pk}}
