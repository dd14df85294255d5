"""The wizard's visitor-facing text in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from contact.models import Channel, Choice, Outcome, Question


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "hint")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label", "hint")


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "body_html", "no_channel_reason")


@register(Channel)
class ChannelTranslation(TranslationOptions):
    fields = ("name", "purpose")
