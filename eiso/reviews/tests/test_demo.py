import json
from pathlib import Path
from typing import Any

from django.core.management import call_command

from eiso.audits.models import AuditProgramme
from eiso.core.demo import DEMO_AGENCY_CODE
from eiso.reviews.models import QmsPlan


def report(tmp_path: Path, name: str) -> dict[str, Any]:
    target = tmp_path / name
    call_command("review_report", agency=DEMO_AGENCY_CODE, year=2017, format="json", output=str(target))
    result: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return result


def test_the_demo_2017_review_shows_the_articles_figures_from_records_and_reloads_identically(
    db: None, tmp_path: Path
) -> None:
    call_command("load_demo", verbosity=0)
    data = report(tmp_path, "first.json")
    meeting, inputs = data["meeting"], data["inputs"]
    assert meeting["held_on"] == "2017-08-07" and meeting["inputs_as_of"] == "2017-08-01"
    assert meeting["chair"] == "Phạm Duy Lộc" and meeting["secretary"] == "Nguyễn Thị Kim Anh"
    assert inputs["dossiers"]["resolved_total"] == 70 and inputs["dossiers"]["resolved_early"] == 70
    assert inputs["procedures"]["published"] == 46 and inputs["procedures"]["processes_published"] == 48
    assert (inputs["satisfaction"]["satisfied"], inputs["satisfaction"]["responses"]) == (54, 54)
    assert inputs["internal_audit"]["audits"][0]["starts_on"] == "2017-07-26"
    strengths = [
        f["description"] for f in inputs["internal_audit"]["finding_texts"] if f["kind"] == "strength"
    ]
    assert any("Sổ tay chất lượng" in text for text in strengths)
    assert inputs["previous_actions"]["done"] == 2 and inputs["previous_actions"]["open"] == 1
    outputs = data["outputs"]
    assert [o["kind"] for o in outputs] == ["qms_change", "qms_change", "improvement", "resource_need"]
    assert 0 < outputs[3]["amount_vnd"] <= 15_000_000

    plan = QmsPlan.objects.get(agency__code=DEMO_AGENCY_CODE, year=2018)
    assert plan.objectives_copied and plan.audit_programme_created
    programme = AuditProgramme.objects.get(agency__code=DEMO_AGENCY_CODE, year=2018)
    assert programme.items.count() == plan.audit_divisions.count() == 5

    call_command("load_demo", verbosity=0)
    assert report(tmp_path, "second.json") == data
