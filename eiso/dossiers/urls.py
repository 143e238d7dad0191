from django.urls import path

from eiso.dossiers import printing, views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("tiep-nhan/", views.dossier_receive, name="receive"),
    path("thong-ke/", views.dossier_statistics, name="statistics"),
    path("thong-ke/bieu-ii06a.<str:fmt>", views.dossier_statistics_download, name="statistics_download"),
    path("thong-ke/ho-so/", views.dossier_stat_list, name="stat_list"),
    path("nhap/", views.dossier_import_view, name="import"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/in/<slug:form>/", printing.dossier_print, name="print"),
    path("<int:pk>/<slug:action>/", views.dossier_action, name="action"),
]
