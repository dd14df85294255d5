"""Fields in every language (django-modeltranslation): what visitors read, and the
phrases that detect a sign in each language (all of them are checked on every message)."""

from modeltranslation.translator import TranslationOptions, register

from checker.models import WarningSign


@register(WarningSign)
class WarningSignTranslation(TranslationOptions):
    fields = ("name", "explanation", "phrases")
