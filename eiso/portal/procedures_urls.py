"""Public routes of the procedures area: the agency's published TTHC with their handling steps and forms."""

from django.urls import path

from eiso.portal import procedures_views as views

urlpatterns = [
    path("thu-tuc/", views.procedure_list, name="procedure_list"),
    path("thu-tuc/<str:agency_code>/", views.procedure_list, name="procedure_list"),
    path("thu-tuc/<str:agency_code>/<int:pk>/", views.procedure_detail, name="procedure_detail"),
    path("thu-tuc/<str:agency_code>/tai-lieu/<int:pk>/", views.document_download, name="procedure_document"),
]
