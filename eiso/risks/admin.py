from django.contrib import admin

from eiso.core.admin import AgencyScopedAdmin
from eiso.risks.models import RiskScale


@admin.register(RiskScale)
class RiskScaleAdmin(AgencyScopedAdmin):
    list_display = ["agency", "medium_from", "high_from"]
