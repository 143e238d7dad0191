from django.urls import path

from eiso.risks import views

app_name = "risks"

urlpatterns = [
    path("", views.risk_list, name="list"),
    path("", views.risk_list, name="index"),  # the name other modules link to
    path("tao/", views.risk_create, name="create"),
    path("thang-diem/", views.scale_edit, name="scale"),
    path("<int:pk>/", views.risk_detail, name="detail"),
    path("<int:pk>/sua/", views.risk_edit, name="edit"),
    path("<int:pk>/huy/", views.risk_cancel, name="cancel"),
    path("<int:pk>/danh-gia-lai/", views.risk_reassess, name="reassess"),
    path("<int:pk>/bien-phap/", views.action_add, name="action_add"),
    path("<int:pk>/xem-xet/", views.risk_review, name="review"),
    path("bien-phap/<int:pk>/hoan-thanh/", views.action_done, name="action_done"),
]
