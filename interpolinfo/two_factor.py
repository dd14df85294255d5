"""Two-factor sign-in for staff (django-otp).

With `OTP_REQUIRED` on, a staff member who typed the right password is signed in
but not *verified*: every admin page sends them on to the code page until an
authenticator app's code (TOTP) or one of their single-use backup codes proves
the second factor. Someone with no confirmed authenticator yet sets one up
there and then (enrolment at first sign-in) and is shown backup codes once.

Wrong codes count as failed sign-ins for django-axes, with the wrong passwords,
per account and client address: the limit ends the session and locks the
password form as well. Each device also slows down repeated guesses by itself
(django-otp's throttling, doubling the wait after each wrong code).

Recovery: `manage.py reset_two_factor USERNAME`, or a superuser deleting the
person's devices in the admin; either way they set up a new one at their next
sign-in.
"""

from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core import checks
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10


def is_verified(user) -> bool:
    """Whether this session's user passed a second factor (set by OTPMiddleware;
    a user just signed in with a password has no such mark yet)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def awaits_second_factor(request: HttpRequest) -> bool:
    """A staff member signed in with the password who still owes a code."""
    user = request.user
    return (
        settings.OTP_REQUIRED
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and not is_verified(user)
    )


def has_authenticator(*, user) -> bool:
    return user_has_device(user, confirmed=True)


def has_authenticator_app(*, user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def enrolment_device(*, user) -> TOTPDevice:
    """The authenticator being set up: the one an earlier visit left unconfirmed, so
    reloading the page shows the same key and an app already scanned still works."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def secret_key_text(*, device: TOTPDevice) -> str:
    """The key as authenticator apps ask for it when typed: base32 in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_data_uri(*, device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: URI (allowed by the CSP's img-src)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=4)


def replace_backup_codes(*, user) -> list[str]:
    """Give `user` a fresh set of single-use backup codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_enrolment(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows and return new backup codes,
    or None when the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(code):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return replace_backup_codes(user=device.user)


def device_accepting(*, user, code: str) -> Device | None:
    """The confirmed device (authenticator or backup codes) that accepts `code`, if any.
    A backup code is used up by this; each wrong code slows that device down."""
    for device in list(devices_for_user(user)):
        accepted = verify_token(user, device.persistent_id, code)
        if accepted is not None:
            return accepted
    return None


def complete_sign_in(request: HttpRequest, *, device: Device) -> None:
    """Mark the session verified by `device` (under a new session key) and clear the
    account's failed attempts from this address."""
    request.session.cycle_key()
    otp_login(request, device)
    forget_failures(request, username=request.user.get_username())


def _credentials(username: str) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: username}


def count_wrong_code(request: HttpRequest, *, username: str) -> bool:
    """Report a wrong code to django-axes as a failed sign-in; True when that
    reaches the limit and the account is now locked out from this address."""
    user_login_failed.send(sender=__name__, credentials=_credentials(username), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def is_locked_out(request: HttpRequest, *, username: str) -> bool:
    return AxesProxyHandler.is_locked(request, _credentials(username))


def forget_failures(request: HttpRequest, *, username: str) -> None:
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.reset_attempts(username=username, ip_address=request.axes_ip_address)


def reset_two_factor(*, user) -> int:
    """Remove every device of `user` (recovery): they set up a new authenticator at
    their next sign-in, and any session they had must pass a second factor again."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    return removed


def _forget_failures_after_password_only_sign_in(sender, request, user, **kwargs) -> None:
    """Without a second factor the password is the whole sign-in: clear the failures
    then, as AXES_RESET_ON_SUCCESS would."""
    if request is not None and not settings.OTP_REQUIRED:
        forget_failures(request, username=user.get_username())


def connect_receivers() -> None:
    user_logged_in.connect(
        _forget_failures_after_password_only_sign_in, dispatch_uid="two_factor_forget_failures"
    )


@checks.register(checks.Tags.security, deploy=True)
def check_second_factor_required(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.PRODUCTION and not settings.OTP_REQUIRED:
        return [
            checks.Warning(
                "Staff sign in to production without a second factor.",
                hint="Unset OTP_REQUIRED (it defaults to true in production).",
                id="interpolinfo.W001",
            )
        ]
    return []
