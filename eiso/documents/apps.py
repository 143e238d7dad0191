from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "eiso.documents"
    label = "documents"
    verbose_name = _("Tài liệu")

    def ready(self) -> None:
        from eiso.core import registry
        from eiso.documents.panels import documents_panel
        from eiso.documents.reminders import document_reminders

        registry.register_nav(
            registry.NavItem("documents:document_list", _("Tài liệu ISO"), icon="journal-text", order=400)
        )
        registry.register_nav(
            registry.NavItem("documents:reading_list", _("Tài liệu cần đọc"), icon="book", order=401)
        )
        registry.register_reminder_rule(document_reminders)
        registry.register_panel(
            registry.DashboardPanel(
                template="documents/_panel_documents.html", context=documents_panel, order=40
            )
        )
