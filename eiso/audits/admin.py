from django.contrib import admin

from eiso.audits.models import ChecklistTemplate, ChecklistTemplateItem
from eiso.core.admin import AgencyScopedAdmin


class ChecklistTemplateItemInline(admin.TabularInline):
    model = ChecklistTemplateItem
    extra = 1


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(AgencyScopedAdmin):
    list_display = ["name", "agency"]
    inlines = [ChecklistTemplateItemInline]
