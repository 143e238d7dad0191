from django.contrib import admin

from eiso.api.models import ApiToken
from eiso.core.admin import AgencyScopedAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(AgencyScopedAdmin):
    list_display = ["name", "person", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest", "last_used_at"]
