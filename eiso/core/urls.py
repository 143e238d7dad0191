from django.urls import path

from eiso.core import inbox, views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("to-chuc/", views.organisation, name="organisation"),
    path("co-quan/chon/", views.switch_agency, name="switch_agency"),
    path("viec-cua-toi/", inbox.inbox, name="inbox"),
    path("thong-bao/", inbox.notification_list, name="notifications"),
    path("thong-bao/da-doc-het/", inbox.notification_read_all, name="notification_read_all"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_read, name="notification_read"),
    path("lich-su/<str:model>/<int:pk>/", views.history, name="history"),
]
