"""The admin site, with two-factor sign-in (see interpolinfo/two_factor.py).

It is Django's default admin site (`admin.site`, set by
`InterpolinfoAdminConfig`), so every `@admin.register` lands here. With
`OTP_REQUIRED` on, the admin lets a staff member in only once the session has
passed a second factor; until then every admin address leads to the code page,
or to setting up an authenticator when the account has none.
"""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from interpolinfo import two_factor
from interpolinfo.forms import ConfirmForm, SecondFactorForm


class AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not two_factor.awaits_second_factor(request)

    def each_context(self, request: HttpRequest) -> dict:
        context = super().each_context(request)
        if two_factor.awaits_second_factor(request):
            # Not even the list of models until the second factor is passed.
            context.update(available_apps=[], is_nav_sidebar_enabled=False)
        return context

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if two_factor.awaits_second_factor(request):
                return self._to_second_factor(request, next_url=request.get_full_path())
            return guarded(request, *args, **kwargs)

        return update_wrapper(never_cache(inner), view)

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if request.method == "GET" and two_factor.awaits_second_factor(request):
            return self._to_second_factor(request, next_url=self._next_url(request))
        response = super().login(request, extra_context)
        if request.method == "POST" and two_factor.awaits_second_factor(request):
            # The password was right: the code comes next.
            return self._to_second_factor(request, next_url=self._next_url(request))
        return response

    def get_urls(self):
        def pending(view):
            """Only for a staff member who still owes a code; no-store, CSRF-checked."""

            def inner(request, *args, **kwargs):
                if not two_factor.awaits_second_factor(request):
                    return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
                return view(request, *args, **kwargs)

            inner = never_cache(csrf_protect(sensitive_post_parameters("code")(inner)))
            return update_wrapper(inner, view)

        return [
            path("two-factor/", pending(self.second_factor), name="second_factor"),
            path(
                "two-factor/set-up/",
                pending(self.second_factor_enrol),
                name="second_factor_enrol",
            ),
            path(
                "two-factor/sign-out/",
                pending(require_POST(self.second_factor_sign_out)),
                name="second_factor_sign_out",
            ),
            path(
                "two-factor/backup-codes/",
                self.admin_view(self.new_backup_codes),
                name="new_backup_codes",
            ),
            *super().get_urls(),
        ]

    def second_factor(self, request: HttpRequest) -> HttpResponse:
        """Ask for a code from the authenticator app, or a backup code."""
        user = request.user
        if not two_factor.has_authenticator(user=user):
            return self._to_second_factor(
                request, next_url=self._next_url(request), name="second_factor_enrol"
            )
        form = SecondFactorForm(
            request.POST or None,
            submit_label=_("Verify"),
            help_text=_(
                "The six digits your authenticator app shows for this site, or one of "
                "your backup codes."
            ),
        )
        if request.method == "POST":
            if two_factor.is_locked_out(request, username=user.get_username()):
                return self._lock_out(request)
            if form.is_valid():
                device = two_factor.device_accepting(user=user, code=form.cleaned_data["code"])
                if device is not None:
                    two_factor.complete_sign_in(request, device=device)
                    return HttpResponseRedirect(self._next_url(request))
                if two_factor.count_wrong_code(request, username=user.get_username()):
                    return self._lock_out(request)
                form.add_error("code", self._wrong_code_message())
        return self._render(
            request, "admin/two_factor/verify.html", _("Enter your sign-in code"), form=form
        )

    def second_factor_enrol(self, request: HttpRequest) -> HttpResponse:
        """Set up an authenticator app, confirm it with one code, show backup codes once."""
        user = request.user
        if two_factor.has_authenticator(user=user):
            return self._to_second_factor(request, next_url=self._next_url(request))
        device = two_factor.enrolment_device(user=user)
        form = SecondFactorForm(
            request.POST or None,
            submit_label=_("Confirm"),
            help_text=_("The six digits your authenticator app now shows for this site."),
        )
        if request.method == "POST":
            if two_factor.is_locked_out(request, username=user.get_username()):
                return self._lock_out(request)
            if form.is_valid():
                codes = two_factor.confirm_enrolment(device=device, code=form.cleaned_data["code"])
                if codes is not None:
                    device.refresh_from_db()
                    two_factor.complete_sign_in(request, device=device)
                    return self._render(
                        request,
                        "admin/two_factor/backup_codes.html",
                        _("Your backup codes"),
                        codes=codes,
                        next_url=self._next_url(request),
                    )
                if two_factor.count_wrong_code(request, username=user.get_username()):
                    return self._lock_out(request)
                form.add_error("code", self._wrong_code_message())
        return self._render(
            request,
            "admin/two_factor/enrol.html",
            _("Set up two-factor sign-in"),
            form=form,
            qr_code=two_factor.qr_code_data_uri(device=device),
            secret_key=two_factor.secret_key_text(device=device),
        )

    def new_backup_codes(self, request: HttpRequest) -> HttpResponse:
        """Replace a signed-in staff member's backup codes (after using some, or fearing
        someone saw them); only for an account with an authenticator app."""
        if not two_factor.has_authenticator_app(user=request.user):
            raise Http404
        form = ConfirmForm(
            request.POST if request.method == "POST" else None,
            submit_label=_("Make new backup codes"),
        )
        if form.is_valid():
            return self._render(
                request,
                "admin/two_factor/backup_codes.html",
                _("Your new backup codes"),
                codes=two_factor.replace_backup_codes(user=request.user),
                next_url=reverse("admin:index", current_app=self.name),
                renewed=True,
            )
        return self._render(
            request, "admin/two_factor/new_backup_codes.html", _("New backup codes"), form=form
        )

    def second_factor_sign_out(self, request: HttpRequest) -> HttpResponse:
        logout(request)
        return HttpResponseRedirect(reverse("admin:login", current_app=self.name))

    def _render(self, request: HttpRequest, template: str, title: str, **context) -> HttpResponse:
        request.current_app = self.name
        context = {**self.each_context(request), "title": title, **context}
        return render(request, template, context)

    def _to_second_factor(
        self, request: HttpRequest, *, next_url: str, name: str = "second_factor"
    ) -> HttpResponse:
        return redirect_to_login(next_url, reverse(f"admin:{name}", current_app=self.name))

    def _next_url(self, request: HttpRequest) -> str:
        """Where to go once signed in: a `next` on this site, or the admin's index."""
        candidate = request.POST.get("next") or request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
        return reverse("admin:index", current_app=self.name)

    def _lock_out(self, request: HttpRequest) -> HttpResponse:
        """End the session; django-axes' middleware answers with the lockout page."""
        username = request.user.get_username()
        logout(request)
        request.axes_locked_out = True
        request.axes_credentials = {"username": username}
        return HttpResponse(status=429)

    @staticmethod
    def _wrong_code_message() -> str:
        return _(
            "That code is not right. Check that your device's clock is correct, wait for "
            "a new code and try again. After a wrong code the next one is accepted only "
            "after a short wait, which doubles with each wrong code."
        )
