from django.urls import path

from faq import views

app_name = "faq"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("questions/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("questions/<slug:slug>/feedback/", views.article_feedback, name="article_feedback"),
    path("crime-areas/", views.CrimeAreaListView.as_view(), name="crimearea_list"),
    path("crime-areas/<slug:slug>/", views.CrimeAreaDetailView.as_view(), name="crimearea_detail"),
    path("scams/", views.ScamTypeListView.as_view(), name="scamtype_list"),
    path(
        "examples/fake-interpol-message/",
        views.FakeMessageExampleView.as_view(),
        name="fake_message_example",
    ),
    path("scams/<slug:slug>/", views.ScamTypeDetailView.as_view(), name="scamtype_detail"),
]
