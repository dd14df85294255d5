from django.urls import path

from checker import views

app_name = "checker"

urlpatterns = [
    path("", views.CheckView.as_view(), name="check"),
    path("rules.json", views.rules_json, name="rules"),
]
