from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from checker.matching import MAX_MESSAGE_CHARS


class MessageForm(forms.Form):
    """The pasted message. No CSRF token (it would need a cookie): the view checks
    the request's origin instead, as the article votes do (faq/feedback.py)."""

    message = forms.CharField(
        label=_("Paste the message, or write what the caller said"),
        max_length=MAX_MESSAGE_CHARS,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto", "spellcheck": "false"}),
        error_messages={
            "required": _("Paste a message to check."),
            "max_length": _(
                "This is too long to check. Paste at most %(limit_value)d characters "
                "(you pasted %(show_value)d). The first part of the message is usually enough."
            ),
        },
        help_text=_(
            "Up to 5,000 characters. Your text is checked and then forgotten: it is never "
            "stored or sent anywhere else."
        ),
    )

    def __init__(self, *args, action: str = "", rules_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_action = action
        self.helper.disable_csrf = True  # a token would set a cookie; see the class docstring
        self.helper.form_id = "checker-form"
        if rules_url:
            # checker.js checks in the browser with these rules; without it, the form posts.
            self.helper.attrs = {"data-rules": rules_url}
        self.helper.add_input(Submit("check", _("Check the message")))
