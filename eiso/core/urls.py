from django.urls import path

from eiso.core import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("to-chuc/", views.organisation, name="organisation"),
    path("co-quan/chon/", views.switch_agency, name="switch_agency"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_read, name="notification_read"),
    path("lich-su/<str:model>/<int:pk>/", views.history, name="history"),
]
