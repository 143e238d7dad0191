from io import StringIO

import pytest
from django.core.management import call_command

from eiso.core.choices import Role
from eiso.core.models import Person


@pytest.mark.django_db
def test_add_agency_creates_the_first_iso_secretary_without_a_password() -> None:
    out = StringIO()
    call_command(
        "add_agency", "--code", "SNV-KH", "--name", "Sở Nội vụ", "--province", "Khánh Hòa",
        "--secretary", "thuky.snv", "--secretary-name", "Trần Thị B", stdout=out,
    )  # fmt: skip
    person = Person.objects.get(user__username="thuky.snv")
    assert person.agency.code == "SNV-KH" and person.has_role(Role.ISO_SECRETARY)
    assert person.user is not None
    assert not person.user.has_usable_password(), "the operator sets it with changepassword"
    assert "eiso changepassword thuky.snv" in out.getvalue()
