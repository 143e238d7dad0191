from django.urls import path

from eiso.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("them/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_edit, name="person_edit"),
    path("<int:pk>/trang-thai/", views.person_active, name="person_active"),
    path("<int:pk>/gui-thu-moi/", views.person_invite, name="person_invite"),
    path("phong/them/", views.division_create, name="division_create"),
    path("phong/<int:pk>/", views.division_edit, name="division_edit"),
    path("ban-chi-dao/", views.committee_edit, name="committee_edit"),
    path("chinh-sach-chat-luong/", views.policy_create, name="policy_create"),
    path("htqlcl/", views.profile_edit, name="profile_edit"),
    path("co-quan-moi/", views.agency_create, name="agency_create"),
]
