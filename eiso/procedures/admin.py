"""Admin of the procedure catalogue, scoped to the user's agency."""

from django.contrib import admin

from eiso.core.admin import AgencyScopedAdmin
from eiso.procedures.models import HandlingProcess, Procedure, ProcedureRule, ProcessStep, RequiredComponent


class ProcedureRuleInline(admin.TabularInline):
    model = ProcedureRule
    extra = 0


class RequiredComponentInline(admin.TabularInline):
    model = RequiredComponent
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(AgencyScopedAdmin):
    list_display = ["code", "name", "field", "time_limit_value", "time_limit_unit", "in_scope", "is_active"]
    list_filter = ["field", "in_scope", "is_active"]
    search_fields = ["code", "name"]
    inlines = [ProcedureRuleInline, RequiredComponentInline]


class ProcessStepInline(admin.TabularInline):
    model = ProcessStep
    extra = 0


@admin.register(HandlingProcess)
class HandlingProcessAdmin(AgencyScopedAdmin):
    list_display = ["code", "name", "published_at_office_on", "published_online_on", "is_active"]
    search_fields = ["code", "name"]
    filter_horizontal = ["procedures"]
    inlines = [ProcessStepInline]
