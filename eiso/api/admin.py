from django.contrib import admin

from eiso.api.models import ApiKey
from eiso.core.admin import AgencyScopedAdmin


@admin.register(ApiKey)
class ApiKeyAdmin(AgencyScopedAdmin):
    list_display = ["client", "prefix", "scopes", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest", "last_used_at", "last_used_address"]
