from django.urls import path

from eiso.api import views

app_name = "api"

urlpatterns = [
    path("v1/me", views.me, name="me"),
    path("v1/agency", views.agency, name="agency"),
    path("khoa/", views.token_list, name="tokens"),
    path("khoa/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
