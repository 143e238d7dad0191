import pytest
from django.core.management import call_command

from eiso.core.demo import DEMO_AGENCY_CODE
from eiso.core.models import Agency, Person, SteeringCommittee

pytestmark = pytest.mark.django_db


def test_load_demo_builds_the_reference_agency_and_is_rerunnable(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo")
    first = (Agency.objects.count(), Person.objects.count())
    call_command("load_demo")
    assert (Agency.objects.count(), Person.objects.count()) == first
    agency = Agency.objects.get(code=DEMO_AGENCY_CODE)
    assert agency.divisions.count() == 5
    committee = SteeringCommittee.objects.get(agency=agency, is_current=True)
    assert committee.head.full_name == "Phạm Duy Lộc"
    out = capsys.readouterr().out
    assert "thuky" in out and "eiso-demo-2017" in out


def test_add_agency_creates_an_agency_and_refuses_a_duplicate_code() -> None:
    from django.core.management.base import CommandError

    call_command("add_agency", "--code", "SNV-KH", "--name", "Sở Nội vụ")
    assert Agency.objects.filter(code="SNV-KH").exists()
    with pytest.raises(CommandError):
        call_command("add_agency", "--code", "SNV-KH", "--name", "Sở Nội vụ")
