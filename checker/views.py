"""The message checker page: a plain POST form, answered `no-store`, storing nothing.

The pasted text is held only while this request is answered: it is not saved,
not logged, hidden from error reports (`sensitive_post_parameters`), and the
response is never kept by the page cache or the browser. No cookie is set, so
the form has no CSRF token: `is_same_origin_post()` (faq/feedback.py) checks
the request's origin instead.
"""

import logging
import traceback

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_safe

from checker.checks import browser_document, run_check
from checker.forms import MessageForm
from checker.matching import MAX_MESSAGE_CHARS
from contact.views import COUNTRY_PARAM, carried_country
from faq.feedback import FORM_CONTENT_TYPE, is_same_origin_post, is_small_form_post
from interpolinfo.client import within_rate_limit

logger = logging.getLogger(__name__)

# Bytes a 5,000-character message can take once url-encoded (Arabic: 6 per letter),
# with room for the button; a bigger body is refused before Django reads it.
MAX_BODY_BYTES = MAX_MESSAGE_CHARS * 9 + 1024
TOO_LONG = _("This is too long to check. Paste at most 5,000 characters.")
PAGE_TITLE = _("Is this message really from INTERPOL?")
PAGE_DESCRIPTION = _(
    "Paste a message that says it is from INTERPOL or the police. We point out the warning "
    "signs in it. Nothing you paste is stored."
)


class CheckFailed(Exception):
    """The check broke; the original error stays out of reports (it may quote the text)."""


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")  # no cookie, so no token: the origin is checked
@method_decorator(sensitive_post_parameters("message"), name="dispatch")
class CheckView(View):
    http_method_names = ["get", "head", "post"]

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, form=self.form(request))

    @method_decorator(sensitive_variables("form", "result", "error"))
    def post(self, request: HttpRequest) -> HttpResponse:
        if not is_same_origin_post(request):
            return render(request, "403.html", status=403)
        if request.content_type != FORM_CONTENT_TYPE:
            return render(request, "400.html", status=400)
        if not is_small_form_post(request, limit=MAX_BODY_BYTES):
            # The body is never read: the form is shown again, empty, with the error.
            form = self.form(request, data={"message": ""})
            form.full_clean()
            form.errors["message"] = form.error_class([TOO_LONG])
            return self.page(request, form=form, status=413)
        if not within_rate_limit(
            request,
            scope="check",
            limit=settings.CHECKER_RATE_LIMIT,
            seconds=settings.CHECKER_RATE_SECONDS,
        ):
            return render(request, "429.html", status=429)
        form = self.form(request, data=request.POST)
        if not form.is_valid():
            return self.page(request, form=form, status=400)
        try:
            result = run_check(text=form.cleaned_data["message"], country=carried_country(request))
        except Exception as error:
            # Error reports show each frame's variables, and the frames below this one hold
            # the text: report a new error without them, and log only where it happened.
            where = "".join(traceback.format_tb(error.__traceback__))
            logger.error("The message check failed (%s) at:\n%s", type(error).__name__, where)
            raise CheckFailed from None
        return self.page(request, form=form, result=result)

    def form(self, request: HttpRequest, **kwargs) -> MessageForm:
        country = carried_country(request)
        action = reverse("checker:check") + (f"?{COUNTRY_PARAM}={country}" if country else "")
        # No #results fragment: a fragment would stop the browser from focusing the
        # results heading (autofocus), which is what announces them.
        rules = reverse("checker:rules") + (f"?{COUNTRY_PARAM}={country}" if country else "")
        return MessageForm(action=action, rules_url=rules, **kwargs)

    def page(self, request: HttpRequest, *, form: MessageForm, result=None, status: int = 200):
        country = carried_country(request)
        context = {
            "page_title": PAGE_TITLE,
            "page_description": PAGE_DESCRIPTION,
            "crumbs": [(str(_("Home")), reverse("faq:home")), (str(PAGE_TITLE), request.path)],
            "form": form,
            "result": result,
            "carried_country": country,
            "official_domain": "interpol.int",
            # Only where a sign was found: with none, the page explains how to check instead.
            "steps": result.next_steps if result and result.signs else [],
        }
        response = render(request, "checker/check.html", context, status=status)
        if request.method == "POST":
            response["X-Robots-Tag"] = "noindex"
        return response


def browser_texts() -> dict[str, str]:
    """The page's own words for the in-browser check, the same as the template's."""
    return {
        "heading": str(_("What we found")),
        "found_one": ngettext(
            "We found %(counter)s warning sign in this message.",
            "We found %(counter)s warning signs in this message.",
            1,
        ),
        "found_many": ngettext(
            "We found %(counter)s warning sign in this message.",
            "We found %(counter)s warning signs in this message.",
            2,
        ),
        "none": str(_("We did not find any of the warning signs we know in this message.")),
        "none_1": str(
            _(
                "This does not tell you who sent it. Scammers change their words all the time, "
                "and no check can know every trick."
            )
        ),
        "none_2": str(
            _(
                "The rule never changes: INTERPOL does not contact people out of the blue, and it "
                "never asks for money, documents or bank details."
            )
        ),
        "says": str(_("The message says:")),
        "read_more": str(_("Read more:")),
        "marked": str(_("Your message, with the warning signs marked")),
        "next": str(_("What to do next")),
        "in_browser": str(_("Checked in your browser: your text did not leave this device.")),
    }


@require_safe
def rules_json(request: HttpRequest) -> JsonResponse:
    """The rules for checking in the browser, so the text never leaves the device."""
    document = browser_document(country=carried_country(request))
    document["texts"] = browser_texts()
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = "noindex"
    return response
