from django.urls import path

from eiso.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.results, name="results"),
    path("phieu/", views.response_list, name="response_list"),
    path("nhap-phieu-giay/", views.paper_entry, name="paper_entry"),
    path("in-ma-qr/", views.qr_print, name="qr_print"),
    path("bo-cau-hoi/", views.questionnaire_edit, name="questionnaire"),
]
