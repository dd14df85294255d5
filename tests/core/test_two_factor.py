"""Two-factor sign-in for staff: enrolment at the first sign-in, codes from an
authenticator app or single-use backup codes, lockout and recovery."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from interpolinfo import two_factor

# Same on any database (sign-in rules; the database only stores devices and attempts): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _second_factor_required(settings, db):
    settings.OTP_REQUIRED = True


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)


@pytest.fixture
def enrolled(editor):
    """The editor with a confirmed authenticator and backup codes."""
    TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)
    return editor, two_factor.replace_backup_codes(user=editor)


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def sign_in(client, username="editor", password=PASSWORD, next_url="/admin/faq/article/"):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": next_url}
    )


def code_page(next_url="/admin/faq/article/"):
    return f"{reverse('admin:second_factor')}?next={next_url}"


def enter_code(client, code, next_url="/admin/faq/article/"):
    return client.post(code_page(next_url), {"code": code})


def test_a_right_password_leads_to_the_code_page_not_the_admin(client, enrolled):
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:second_factor')}?next=/admin/faq/article/"


def test_without_the_second_factor_no_admin_page_is_reachable(client, enrolled):
    sign_in(client)
    for url in (reverse("admin:index"), reverse("admin:faq_article_changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('admin:second_factor')}?next={url}"
    # The login page itself sends the half-signed-in person on to the code too.
    assert client.get(reverse("admin:login"))["Location"].startswith(reverse("admin:second_factor"))


def test_a_code_from_the_authenticator_app_signs_in(client, enrolled):
    editor, _codes = enrolled
    sign_in(client)
    response = enter_code(client, current_code(TOTPDevice.objects.get(user=editor)))
    assert response.status_code == 302
    assert response["Location"] == "/admin/faq/article/"
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_code_page_offers_the_form_and_a_way_out(client, enrolled):
    sign_in(client)
    response = client.get(code_page())
    assert response.status_code == 200
    assert b'autocomplete="one-time-code"' in response.content
    assert reverse("admin:second_factor_sign_out").encode() in response.content
    assert "no-store" in response["Cache-Control"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_signing_out_from_the_code_page_ends_the_session(client, enrolled):
    sign_in(client)
    response = client.post(reverse("admin:second_factor_sign_out"))
    assert response["Location"] == reverse("admin:login")
    assert client.get(reverse("admin:second_factor"))["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))


def test_a_backup_code_signs_in_once_only(client, enrolled):
    _editor, codes = enrolled
    sign_in(client)
    assert enter_code(client, codes[0].upper())["Location"] == "/admin/faq/article/"
    assert StaticDevice.objects.get().token_set.count() == len(codes) - 1

    client.post(reverse("admin:logout"))
    sign_in(client)
    again = enter_code(client, codes[0])
    assert again.status_code == 200
    assert b"That code is not right" in again.content
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_signed_in_person_replaces_their_backup_codes(client, enrolled):
    _editor, codes = enrolled
    sign_in(client)
    enter_code(client, codes[0])
    url = reverse("admin:new_backup_codes")
    assert url.encode() in client.get(reverse("admin:index")).content
    assert client.get(url).status_code == 200
    assert StaticDevice.objects.get().token_set.count() == len(codes) - 1

    response = client.post(url)
    new_codes = list(StaticDevice.objects.get().token_set.values_list("token", flat=True))
    assert len(new_codes) == two_factor.BACKUP_CODE_COUNT
    assert set(new_codes).isdisjoint(codes)
    for code in new_codes:
        assert f"<code>{code}</code>".encode() in response.content
    assert "no-store" in response["Cache-Control"]


def test_new_backup_codes_need_an_authenticator_app_and_a_complete_sign_in(
    client, editor, enrolled
):
    sign_in(client)
    assert client.post(reverse("admin:new_backup_codes"))["Location"].startswith(
        reverse("admin:second_factor")
    )
    TOTPDevice.objects.filter(user=editor).delete()
    client.force_login(editor)
    with override_settings(OTP_REQUIRED=False):
        assert client.post(reverse("admin:new_backup_codes")).status_code == 404


def test_a_wrong_code_is_refused_with_a_form_error(client, enrolled):
    sign_in(client)
    response = enter_code(client, "000000")
    assert response.status_code == 200
    assert b"That code is not right" in response.content
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_wrong_code_is_never_recorded(client, enrolled):
    sign_in(client)
    enter_code(client, "314159")
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 1
    assert "314159" not in attempt.post_data


def test_the_next_address_must_stay_on_this_site(client, enrolled):
    editor, _codes = enrolled
    sign_in(client, next_url="https://elsewhere.example/")
    response = enter_code(
        client, current_code(TOTPDevice.objects.get(user=editor)), "https://elsewhere.example/"
    )
    assert response["Location"] == reverse("admin:index")


def test_repeated_wrong_codes_lock_the_account_out(client, enrolled, settings):
    sign_in(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert enter_code(client, "000000").status_code == 200
    locked = enter_code(client, "000000")
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content
    # The session is over, and even the right password is refused while the lockout lasts.
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))
    assert sign_in(client).status_code == 429


def test_signing_in_again_with_the_password_does_not_clear_the_wrong_codes(
    client, enrolled, settings
):
    sign_in(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        enter_code(client, "000000")
    client.post(reverse("admin:second_factor_sign_out"))
    assert sign_in(client).status_code == 302
    assert enter_code(client, "000000").status_code == 429


def test_a_complete_sign_in_clears_earlier_failures(client, enrolled, settings):
    _editor, codes = enrolled
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, password="wrong")
    sign_in(client)
    enter_code(client, codes[0])
    client.post(reverse("admin:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, password="wrong").status_code == 200


def test_without_the_requirement_the_password_alone_signs_in_and_clears_failures(
    client, editor, settings
):
    settings.OTP_REQUIRED = False
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, password="wrong")
    assert sign_in(client)["Location"] == "/admin/faq/article/"
    assert client.get(reverse("admin:index")).status_code == 200
    client.post(reverse("admin:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, password="wrong").status_code == 200


class TestEnrolment:
    @pytest.fixture
    def administrator(self, monkeypatch):
        """The first superuser, made by `ensure_admin` as `make run` does."""
        monkeypatch.setenv("ADMIN_USERNAME", "chief")
        monkeypatch.setenv("ADMIN_PASSWORD", PASSWORD)
        call_command("ensure_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
        return get_user_model().objects.get(username="chief")

    def test_the_first_sign_in_asks_to_set_up_an_authenticator(self, client, administrator):
        sign_in(client, username="chief")
        response = client.get(code_page())
        assert response.status_code == 302
        assert response["Location"] == (
            f"{reverse('admin:second_factor_enrol')}?next=/admin/faq/article/"
        )

    def test_the_set_up_page_shows_a_qr_code_and_the_key_as_text(self, client, administrator):
        sign_in(client, username="chief")
        response = client.get(reverse("admin:second_factor_enrol"))
        device = TOTPDevice.objects.get(user=administrator, confirmed=False)
        assert b'src="data:image/svg+xml' in response.content
        assert two_factor.secret_key_text(device=device).encode() in response.content
        assert "no-store" in response["Cache-Control"]
        # Reloading the page keeps the same key, so an app that already scanned it works.
        client.get(reverse("admin:second_factor_enrol"))
        assert TOTPDevice.objects.get(user=administrator).key == device.key

    def test_a_code_from_the_new_app_confirms_it_and_shows_backup_codes_once(
        self, client, administrator
    ):
        sign_in(client, username="chief")
        enrol = f"{reverse('admin:second_factor_enrol')}?next=/admin/faq/article/"
        client.get(enrol)
        device = TOTPDevice.objects.get(user=administrator)
        response = client.post(enrol, {"code": current_code(device)})
        assert response.status_code == 200
        tokens = StaticDevice.objects.get(user=administrator).token_set.all()
        assert len(tokens) == two_factor.BACKUP_CODE_COUNT
        for token in tokens:
            assert f"<code>{token.token}</code>".encode() in response.content
        assert b'href="/admin/faq/article/"' in response.content
        device.refresh_from_db()
        assert device.confirmed
        assert client.get(reverse("admin:index")).status_code == 200
        # Set up once: the set-up page now leads back to the admin, not to new codes.
        assert client.get(enrol)["Location"] == reverse("admin:index")

    def test_a_wrong_code_does_not_confirm_the_app(self, client, administrator):
        sign_in(client, username="chief")
        response = client.post(reverse("admin:second_factor_enrol"), {"code": "000000"})
        assert b"That code is not right" in response.content
        assert not TOTPDevice.objects.get(user=administrator).confirmed
        assert not StaticDevice.objects.exists()
        assert client.get(reverse("admin:index")).status_code == 302


class TestRecovery:
    def test_the_command_removes_the_devices_so_the_next_sign_in_sets_up_again(
        self, client, enrolled
    ):
        editor, _codes = enrolled
        out = open("/dev/null", "w")  # noqa: SIM115
        call_command("reset_two_factor", "editor", stdout=out)
        assert not TOTPDevice.objects.filter(user=editor).exists()
        assert not StaticDevice.objects.filter(user=editor).exists()
        sign_in(client)
        assert client.get(code_page())["Location"].startswith(reverse("admin:second_factor_enrol"))

    def test_the_command_ends_a_lockout_too(self, client, enrolled, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, password="wrong")
        assert sign_in(client).status_code == 429
        call_command("reset_two_factor", "editor", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert sign_in(client).status_code == 302

    def test_the_command_names_an_unknown_account(self):
        with pytest.raises(CommandError, match="nobody"):
            call_command("reset_two_factor", "nobody")

    def test_a_signed_in_session_must_verify_again_after_a_reset(self, client, enrolled):
        editor, codes = enrolled
        sign_in(client)
        enter_code(client, codes[0])
        assert client.get(reverse("admin:index")).status_code == 200
        two_factor.reset_two_factor(user=editor)
        assert client.get(reverse("admin:index"))["Location"].startswith(
            reverse("admin:second_factor")
        )

    @pytest.fixture
    def chief(self, client):
        """A client signed in as a superuser, second factor included."""
        chief = get_user_model().objects.create_superuser("chief", password=PASSWORD)
        TOTPDevice.objects.create(user=chief, name="Authenticator app", confirmed=True)
        chief_codes = two_factor.replace_backup_codes(user=chief)
        sign_in(client, username="chief")
        enter_code(client, chief_codes[0])
        return client

    def test_a_superuser_deletes_another_persons_authenticator_in_the_admin(self, chief, enrolled):
        editor, _codes = enrolled
        device = TOTPDevice.objects.get(user=editor)
        delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
        assert chief.get(delete).status_code == 200
        response = chief.post(delete, {"post": "yes"})
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=editor).exists()

    def test_other_staff_cannot_see_devices_even_with_the_permissions(self, client, enrolled):
        editor, codes = enrolled
        editor.user_permissions.set(Permission.objects.filter(codename__endswith="device"))
        sign_in(client)
        enter_code(client, codes[0])
        changelist = reverse("admin:otp_totp_totpdevice_changelist")
        assert client.get(changelist).status_code == 403
        device = TOTPDevice.objects.get(user=editor)
        delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert TOTPDevice.objects.filter(user=editor).exists()

    def test_nobody_adds_or_edits_a_device_for_someone_else(self, chief, enrolled):
        editor, _codes = enrolled
        assert chief.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
        assert chief.get(reverse("admin:otp_static_staticdevice_add")).status_code == 403
        device = TOTPDevice.objects.get(user=editor)
        change = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
        response = chief.post(change, {"name": "Mine now", "confirmed": "on"})
        assert response.status_code == 403
        assert device.key not in chief.get(change).content.decode()


def test_public_pages_still_set_no_cookie(client):
    response = client.get(reverse("faq:home"))
    assert response.status_code == 200
    assert not response.cookies


def test_the_deploy_check_warns_when_production_runs_without_a_second_factor(settings):
    settings.PRODUCTION = True
    settings.OTP_REQUIRED = False
    assert [m.id for m in two_factor.check_second_factor_required(None)] == ["interpolinfo.W001"]
    settings.OTP_REQUIRED = True
    assert two_factor.check_second_factor_required(None) == []


def test_the_code_page_lists_no_part_of_the_admin(client, enrolled):
    get_user_model().objects.filter(username="editor").update(is_superuser=True)
    sign_in(client)
    response = client.get(code_page())
    assert response.context["available_apps"] == []
    assert b"nav-sidebar" not in response.content
    assert reverse("admin:faq_article_changelist").encode() not in response.content
