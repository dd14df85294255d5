from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpolinfoConfig(AppConfig):
    name = "interpolinfo"
    verbose_name = _("Site")

    def ready(self) -> None:
        from django.contrib import admin

        from interpolinfo import content_version, staff_admin
        from interpolinfo.admin import make_date_hierarchies_safe

        content_version.connect_receivers()
        # The admin app (first in INSTALLED_APPS) has discovered every admin module by now.
        make_date_hierarchies_safe(admin.site)
        staff_admin.register(admin.site)
