"""What an issued self-report freezes (eiso.core.immutability): its number, date, signer and signed hash."""

from eiso.core.immutability import Freeze

ISSUED = ("issued",)

SELF_REPORT = Freeze(
    model="reports.SelfReport",
    path="state",
    states=ISSUED,
    columns=("agency_id", "review_id", "number", "issued_on", "signed_by_id", "sha256"),
)
FREEZES = (SELF_REPORT,)
