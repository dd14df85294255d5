"""Cross-app staff pages under the admin's address (see interpolinfo/admin_views.py)."""

from django.contrib import admin
from django.urls import path

from interpolinfo import admin_views

app_name = "staff"

urlpatterns = [
    path(
        "preview/<str:app_label>/<str:model_name>/",
        admin.site.admin_view(admin_views.preview),
        name="preview_new",
    ),
    path(
        "preview/<str:app_label>/<str:model_name>/<path:object_id>/",
        admin.site.admin_view(admin_views.preview),
        name="preview",
    ),
]
