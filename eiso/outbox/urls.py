from django.urls import path

from eiso.outbox import views

app_name = "outbox"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/gui-lai/", views.retry, name="retry"),
]
