from django.urls import path

from eiso.reports import views

app_name = "reports"

urlpatterns = [
    path("toan-tinh/", views.province_overview, name="province"),
    path("toan-tinh/tai-ve.xlsx", views.province_export, name="province_export"),
]
