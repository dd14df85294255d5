from django.urls import path
from django.views.generic import TemplateView

app_name = "faq"

urlpatterns = [
    path("", TemplateView.as_view(template_name="faq/home.html"), name="home"),
    path("about/", TemplateView.as_view(template_name="faq/about.html"), name="about"),
    path("search/", TemplateView.as_view(template_name="faq/search.html"), name="search"),
]
