from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpolinfoConfig(AppConfig):
    name = "interpolinfo"
    verbose_name = _("Site")

    def ready(self) -> None:
        from django.apps import apps
        from django.contrib import admin
        from django.db.models.signals import pre_save

        from interpolinfo import content_version
        from interpolinfo.admin import make_date_hierarchies_safe
        from interpolinfo.models import Versioned, bump_version_on_raw_save

        content_version.connect_receivers()
        for model in apps.get_models():
            if issubclass(model, Versioned):
                pre_save.connect(
                    bump_version_on_raw_save, sender=model, dispatch_uid=f"version_{model.__name__}"
                )
        # The admin app (first in INSTALLED_APPS) has discovered every admin module by now.
        make_date_hierarchies_safe(admin.site)
