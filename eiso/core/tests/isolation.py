"""URL arguments that point at objects of a given agency, for the cross-agency isolation walk.

Every app with URLs that take arguments has a `tests/isolation.py` like this one: `url_kwargs(agency)`
creates objects of that agency and returns {url name: kwargs}. `PUBLIC` names URLs meant to be
reachable by anyone (the citizen portal), which the walk skips.
"""

from typing import Any

from eiso.core.models import Agency, Notification, Person
from eiso.core.services import division_create

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    division = division_create(agency=agency, code="ISO-WALK", name="Phòng bị truy cập trái phép")
    person = Person.objects.filter(agency=agency).first() or Person.objects.create(
        agency=agency, full_name="X"
    )
    notification = Notification.objects.create(agency=agency, recipient=person, key="walk", title="Bí mật")
    return {
        "core:history": {"model": "core.division", "pk": division.pk},
        "core:notification_read": {"pk": notification.pk},
    }
