import datetime as dt

import pytest

from eiso.core import demo as core_demo
from eiso.dossiers import demo
from eiso.dossiers.models import Dossier, DossierEvent
from eiso.dossiers.selectors import dossier_stats
from eiso.procedures import demo as procedures_demo

pytestmark = pytest.mark.django_db


def test_the_demo_gives_70_of_70_dossiers_resolved_early_as_of_1_august_2017() -> None:
    ctx = core_demo.load()
    procedures_demo.load(ctx)
    demo.load(ctx)
    stats = dossier_stats(agency=ctx.agency, date_from=dt.date(2017, 1, 1), date_to=dt.date(2017, 8, 1))
    assert stats["received_total"] == 70
    assert stats["resolved_early"] == 70
    assert stats["resolved_total"] == 70
    assert stats["pending_total"] == 0
    assert stats["on_time_rate"] == 1.0
    later = dossier_stats(agency=ctx.agency, date_from=dt.date(2018, 1, 1), date_to=dt.date(2018, 12, 31))
    assert later["resolved_late"] > 0 and later["resolved_on_time"] > 0 and later["pending_total"] > 0
    assert later["resolved_late_with_apology"] == 1
    assert Dossier.objects.filter(agency=ctx.agency, supplement_received_at__isnull=False).count() == 1
    assert (
        Dossier.objects.filter(code__regex=r"^000\.00\.20\.H34-\d{6}-\d{4}$").count()
        == Dossier.objects.count()
    )

    before = list(Dossier.objects.order_by("code").values_list("code", "due_date", "finished_on", "status"))
    events = DossierEvent.objects.count()
    demo.load(ctx)
    assert (
        list(Dossier.objects.order_by("code").values_list("code", "due_date", "finished_on", "status"))
        == before
    )
    assert DossierEvent.objects.count() == events
