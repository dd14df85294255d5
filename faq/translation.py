"""Fields visitors read, in every language (django-modeltranslation).

Each registered field gets one column per language (title_en, title_fr, ...);
reading `title` gives the active language's text, or English when that one is
empty. The *_html fields are rendered from each language's Markdown on save.
"""

from modeltranslation.translator import TranslationOptions, register

from faq.models import Article, CrimeArea, ScamType, Topic

PAGE_FIELDS = ("title", "summary", "meta_description")


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = PAGE_FIELDS


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = (*PAGE_FIELDS, "body", "body_html")


@register(CrimeArea)
class CrimeAreaTranslation(TranslationOptions):
    fields = (
        *PAGE_FIELDS,
        "interpol_role",
        "interpol_role_html",
        "public_action",
        "public_action_html",
    )


@register(ScamType)
class ScamTypeTranslation(TranslationOptions):
    fields = (
        *PAGE_FIELDS,
        "how_it_works",
        "how_it_works_html",
        "warning_signs",
        "what_to_do",
        "what_to_do_html",
        "if_already_paid",
        "if_already_paid_html",
    )
