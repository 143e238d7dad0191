"""Django admin for the ISO secretary's master data, scoped to their own agency."""

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from eiso.core.access import person_of, scoped
from eiso.core.models import (
    Agency,
    Division,
    Person,
    QmsProfile,
    QualityPolicy,
    RoleGrant,
    SteeringCommittee,
)

admin.site.site_header = _("Quản trị eISO")
admin.site.site_title = _("eISO")
admin.site.index_title = _("Dữ liệu danh mục")


class AgencyScopedAdmin(SimpleHistoryAdmin):
    """A staff user who is not a superuser sees and edits only rows of their own agency."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        person = person_of(request.user)
        return scoped(queryset, person.agency) if person else queryset.none()

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any) -> Any:
        person = person_of(request.user)
        related = db_field.related_model
        if not request.user.is_superuser and person and hasattr(related, "agency_path"):
            kwargs["queryset"] = scoped(related._default_manager.all(), person.agency)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        person = person_of(request.user)
        if not request.user.is_superuser and person and hasattr(obj, "agency_id") and not change:
            obj.agency_id = person.agency_id
        super().save_model(request, obj, form, change)


@admin.register(Agency)
class AgencyAdmin(AgencyScopedAdmin):
    list_display = ["code", "name", "province", "parent", "is_supervisor"]
    search_fields = ["code", "name"]
    list_filter = ["province", "is_supervisor"]


@admin.register(Division)
class DivisionAdmin(AgencyScopedAdmin):
    list_display = ["code", "name", "agency", "order", "is_active"]
    search_fields = ["code", "name"]


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0


@admin.register(Person)
class PersonAdmin(AgencyScopedAdmin):
    list_display = ["full_name", "title", "division", "agency", "is_active"]
    search_fields = ["full_name", "user__username"]
    list_filter = ["agency", "division"]
    inlines = [RoleGrantInline]


@admin.register(SteeringCommittee)
class SteeringCommitteeAdmin(AgencyScopedAdmin):
    list_display = ["decision_number", "decision_date", "head", "secretary", "is_current"]
    filter_horizontal = ["members"]


@admin.register(QmsProfile)
class QmsProfileAdmin(AgencyScopedAdmin):
    list_display = ["agency", "standard", "announced_on"]


@admin.register(QualityPolicy)
class QualityPolicyAdmin(AgencyScopedAdmin):
    list_display = ["agency", "version", "approved_on", "approved_by"]
