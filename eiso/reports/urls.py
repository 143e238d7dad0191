from django.urls import path

from eiso.reports import views

app_name = "reports"

urlpatterns = [
    path("toan-tinh/", views.province_overview, name="province"),
    path("toan-tinh/tai-ve.xlsx", views.province_export, name="province_export"),
    path("htqlcl-nam/", views.self_report_latest, name="self_report_latest"),
    path("htqlcl-nam/<int:year>/", views.self_report, name="self_report"),
    path("htqlcl-nam/<int:year>.<str:fmt>", views.self_report_download, name="self_report_download"),
]
