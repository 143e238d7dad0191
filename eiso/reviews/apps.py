from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "eiso.reviews"
    label = "reviews"
    verbose_name = _("Xem xét của lãnh đạo")

    def ready(self) -> None:
        from eiso.core import immutability
        from eiso.reviews.freezes import FREEZES

        immutability.register(*FREEZES)
        from eiso.core import registry
        from eiso.reviews.panels import review_panel
        from eiso.reviews.reminders import review_reminders

        registry.register_nav(
            registry.NavItem("reviews:list", _("Xem xét của lãnh đạo"), icon="people", order=700)
        )
        registry.register_reminder_rule(review_reminders)
        registry.register_panel(
            registry.DashboardPanel(template="reviews/_panel_review.html", context=review_panel, order=70)
        )
