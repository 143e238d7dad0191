"""Builders for the risk tests, through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eiso.core.testing import Personas
from eiso.risks import services
from eiso.risks.models import Risk

DAY = dt.date(2017, 3, 1)


def make_risk(p: Personas, code: str = "R1", likelihood: int = 2, impact: int = 3, **fields: Any) -> Risk:
    """A risk of the personas' agency registered by the ISO secretary (any field may be given)."""
    fields.setdefault("agency", p.agency)
    fields.setdefault("actor", p.secretary)
    fields.setdefault("kind", "risk")
    fields.setdefault("description", f"Rủi ro {code}")
    fields.setdefault("identified_on", DAY)
    return services.risk_register(code=code, likelihood=likelihood, impact=impact, **fields)
