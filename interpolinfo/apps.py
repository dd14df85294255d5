from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class InterpolinfoConfig(AppConfig):
    name = "interpolinfo"
    verbose_name = _("Site")

    def ready(self) -> None:
        from django.apps import apps
        from django.contrib import admin
        from django.db.models.signals import pre_save

        from interpolinfo import content_version, staff_admin, two_factor
        from interpolinfo.admin import (
            let_only_superusers_delete_devices,
            make_date_hierarchies_safe,
        )
        from interpolinfo.models import Versioned, bump_version_on_raw_save

        content_version.connect_receivers()
        two_factor.connect_receivers()
        for model in apps.get_models():
            if issubclass(model, Versioned):
                pre_save.connect(
                    bump_version_on_raw_save, sender=model, dispatch_uid=f"version_{model.__name__}"
                )
        # The admin app (first in INSTALLED_APPS) has discovered every admin module by now.
        make_date_hierarchies_safe(admin.site)
        staff_admin.register(admin.site)
        let_only_superusers_delete_devices(admin.site)


class InterpolinfoAdminConfig(AdminConfig):
    """Django's admin, whose default site (`admin.site`) asks staff for a second factor."""

    default_site = "interpolinfo.admin_site.AdminSite"
