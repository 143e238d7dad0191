"""Objects of an agency for the cross-agency isolation walk (see eiso/core/tests/isolation.py)."""

from typing import Any

from eiso.core.models import Agency
from eiso.outbox.models import OutboxMessage

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    message = OutboxMessage.objects.create(
        agency=agency, subject="Bí mật", from_email="a@b.vn", to=["c@d.vn"]
    )
    return {"outbox:retry": {"pk": message.pk}}
