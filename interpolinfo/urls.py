from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from faq import sitemaps as faq_sitemaps
from interpolinfo import views
from interpolinfo.sitemaps import StaticViewSitemap

SITEMAPS = {
    "pages": StaticViewSitemap,
    "faq-indexes": faq_sitemaps.IndexPageSitemap,
    "topics": faq_sitemaps.TopicSitemap,
    "articles": faq_sitemaps.ArticleSitemap,
    "crime-areas": faq_sitemaps.CrimeAreaSitemap,
    "scams": faq_sitemaps.ScamTypeSitemap,
}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path(f"{settings.ADMIN_PATH}staff/", include("interpolinfo.admin_urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", views.choose_language, name="choose_language"),
]
# Public pages in each language: /en/…, /fr/…, /es/…, /ar/…
urlpatterns += i18n_patterns(
    path("contact/", include("contact.urls")),
    path("check-a-message/", include("checker.urls")),
    path("", include("faq.urls")),
)

handler400 = "interpolinfo.views.bad_request"
handler403 = "interpolinfo.views.permission_denied"
handler404 = "interpolinfo.views.page_not_found"
handler500 = "interpolinfo.views.server_error"
