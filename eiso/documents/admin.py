from django.contrib import admin

from eiso.core.admin import AgencyScopedAdmin
from eiso.documents.models import CodePattern


@admin.register(CodePattern)
class CodePatternAdmin(AgencyScopedAdmin):
    list_display = ["doc_type", "pattern", "agency"]
    list_filter = ["doc_type"]
