from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from interpolinfo import two_factor


class Command(BaseCommand):
    help = _(
        "Recovery for a staff member who lost their authenticator and backup codes: "
        "remove their two-factor devices and sign-in lockout, so they set up a new "
        "authenticator at their next sign-in."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist as error:
            raise CommandError(_("No account is called “%s”.") % username) from error
        removed = two_factor.reset_two_factor(user=user)
        AxesProxyHandler.reset_attempts(username=user.get_username())
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Removed %(count)d two-factor device(s) of “%(name)s”; they set up a new one at their next sign-in."
                )
                % {"count": removed, "name": user.get_username()}
            )
        )
