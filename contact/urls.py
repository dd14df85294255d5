from django.urls import path
from django.views.generic import TemplateView

from contact import views

app_name = "contact"

urlpatterns = [
    path("", TemplateView.as_view(template_name="contact/start.html"), name="start"),
    path("q/", views.QuestionView.as_view(), name="question"),
    path("result/", views.ResultView.as_view(), name="result"),
]
