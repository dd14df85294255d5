import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _(
        "Make sure an administrator account exists. On first creation the password "
        "comes from ADMIN_PASSWORD, or is generated and printed once."
    )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(_("An administrator account already exists."))
            return
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(18)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(_("Created administrator “%s”.") % username))
        if "ADMIN_PASSWORD" not in os.environ:
            self.stdout.write(
                _("Its password, shown only this once: %s") % password,
            )
