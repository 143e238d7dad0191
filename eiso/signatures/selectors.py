from __future__ import annotations

from django.db.models import QuerySet

from eiso.core.models import Agency, Person
from eiso.signatures.models import PersonToken, SigningSetup, TrustAnchor, Verification


def setup_of(agency: Agency) -> SigningSetup | None:
    return SigningSetup.objects.filter(agency=agency).first()


def tokens(agency: Agency) -> QuerySet[PersonToken]:
    return PersonToken.objects.filter(agency=agency).select_related("person")


def token_of(person: Person | None) -> PersonToken | None:
    return PersonToken.objects.filter(person=person).first() if person else None


def trust_anchors(agency: Agency) -> QuerySet[TrustAnchor]:
    return TrustAnchor.objects.filter(agency=agency)


def verifications_of(agency: Agency, target_type: str, target_id: int) -> QuerySet[Verification]:
    """The verification results kept for one record (newest first)."""
    return Verification.objects.filter(agency=agency, target_type=target_type, target_id=target_id)
