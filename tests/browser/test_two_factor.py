"""The first sign-in of a staff member when a second factor is required, in a real browser."""

import re

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser import audit

I = re.IGNORECASE  # noqa: E741


def assert_accessible(page, where: str) -> None:
    results = audit.run_axe(page)
    audit.note_axe_run(results)
    assert results["violations"] == [], f"axe on {where}:\n" + audit.describe_violations(
        results["violations"]
    )
    assert len(results["passes"]) >= 10, "axe ran too few rules to prove anything"


def test_the_first_sign_in_sets_up_an_authenticator_and_backup_codes_on_accessible_pages(
    new_context, staff_user, settings
):
    settings.OTP_REQUIRED = True
    page = new_context(width=1280).new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long test passphrase 42")
    page.get_by_role("button", name=re.compile("log in", I)).click()

    expect(page.locator("h1")).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name=re.compile("QR code", I))).to_be_visible()
    assert_accessible(page, "the set-up page")

    device = TOTPDevice.objects.get(user=staff_user)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Confirm").click()

    expect(page.locator("h1")).to_have_text("Your backup codes")
    expect(page.locator(".backup-codes li")).to_have_count(10)
    assert_accessible(page, "the backup codes page")
    page.get_by_role("link", name=re.compile("continue", I)).click()
    assert page.url.endswith(reverse("admin:index"))

    page.get_by_role("link", name="Make new backup codes for two-factor sign-in").click()
    expect(page.locator("h1")).to_have_text("New backup codes")
    assert_accessible(page, "the new backup codes page")
    page.get_by_role("button", name="Make new backup codes").click()
    expect(page.locator("h1")).to_have_text("Your new backup codes")
    expect(page.locator(".backup-codes li")).to_have_count(10)
    assert refused == []
