from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    helpful = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])

    @property
    def is_helpful(self) -> bool:
        return self.cleaned_data["helpful"] == "yes"
