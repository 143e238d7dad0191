"""Objects of `agency` behind every staff URL with arguments, for the isolation walk."""

from typing import Any

from eiso.core.models import Agency, Division, Person

# The set-password link is reached from an e-mail, before anyone signs in.
PUBLIC: set[str] = {"password_reset_confirm"}


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    person = Person.objects.create(agency=agency, full_name="Cán bộ cơ quan khác")
    division = Division.objects.create(agency=agency, code="STAFF-WALK", name="Phòng khác")
    by_person = {"pk": person.pk}
    return {
        "staff:person_edit": by_person,
        "staff:person_active": by_person,
        "staff:person_invite": by_person,
        "staff:division_edit": {"pk": division.pk},
    }
