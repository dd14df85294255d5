from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class InterpolinfoConfig(AppConfig):
    name = "interpolinfo"
    verbose_name = _("Site")

    def ready(self) -> None:
        from django.contrib import admin

        from interpolinfo import content_version, staff_admin, two_factor
        from interpolinfo.admin import (
            let_only_superusers_delete_devices,
            make_date_hierarchies_safe,
        )

        content_version.connect_receivers()
        two_factor.connect_receivers()
        # The admin app (first in INSTALLED_APPS) has discovered every admin module by now.
        make_date_hierarchies_safe(admin.site)
        staff_admin.register(admin.site)
        let_only_superusers_delete_devices(admin.site)


class InterpolinfoAdminConfig(AdminConfig):
    """Django's admin, whose default site (`admin.site`) asks staff for a second factor."""

    default_site = "interpolinfo.admin_site.AdminSite"
