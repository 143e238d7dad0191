from django.urls import path

from eiso.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/tep/", views.job_output, name="output"),
]
