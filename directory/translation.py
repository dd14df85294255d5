"""Directory text visitors read, in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from directory.models import Country


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("notes",)
