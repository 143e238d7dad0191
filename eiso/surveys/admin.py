from django.contrib import admin

from eiso.core.admin import AgencyScopedAdmin
from eiso.surveys.models import Question, Questionnaire


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "text", "kind", "required", "is_overall"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(AgencyScopedAdmin):
    list_display = ["title", "agency", "active", "satisfied_threshold"]
    list_filter = ["active"]
    inlines = [QuestionInline]
