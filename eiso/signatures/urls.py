from django.urls import path

from eiso.signatures import views

app_name = "signatures"

urlpatterns = [
    path("", views.setup, name="setup"),
    path("chung-thu-co-quan/", views.setup_key, name="setup_key"),
    path("con-dau/", views.setup_seal, name="setup_seal"),
    path("dau-thoi-gian/", views.setup_tsa, name="setup_tsa"),
    path("token/", views.setup_token, name="setup_token"),
    path("chung-thu-goc/", views.setup_anchor, name="setup_anchor"),
    path("thu-nghiem/", views.test_page, name="test"),
]
