from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpolinfoConfig(AppConfig):
    name = "interpolinfo"
    verbose_name = _("Site")

    def ready(self) -> None:
        from interpolinfo import content_version

        content_version.connect_receivers()
