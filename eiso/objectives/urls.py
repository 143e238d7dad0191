from django.urls import URLPattern

app_name = "objectives"

urlpatterns: list[URLPattern] = []
