import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from eiso.api.models import ApiToken
from eiso.core.models import Person
from eiso.core.services import event_record


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, person: Person, name: str, actor: Person) -> tuple[ApiToken, str]:
    """Create a token acting as `person`; returns the token and the raw key, which is never stored."""
    key = "eiso_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(person=person, name=name, prefix=key[5:13], digest=digest_of(key))
    event_record(agency=person.agency, actor=actor, verb="api_token.created", target=token)
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: Person) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        event_record(agency=token.person.agency, actor=actor, verb="api_token.revoked", target=token)
    return token


def api_token_authenticate(*, key: str) -> Person | None:
    token = (
        ApiToken.objects.select_related("person__agency", "person__user")
        .filter(digest=digest_of(key), revoked_at__isnull=True, person__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.person
