"""Helpers for content kept in four languages (django-modeltranslation)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from interpolinfo.markdown import render_markdown

UNTRANSLATED = _("untranslated")
NEEDS_UPDATE = _("needs update")
NEEDS_REVIEW = _("needs native review")


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def render_each_language(instance, pairs: dict[str, str]) -> None:
    """Render every language's Markdown `source` field into its `target` HTML field.

    `pairs` maps source to target names ("body" -> "body_html"). A language with
    no text gets no HTML, so visitors fall back to the English page.
    """
    for source, target in pairs.items():
        for code in language_codes():
            text = getattr(instance, f"{source}_{code}", None)
            html = render_markdown(text, language=code) if text else ""
            setattr(instance, f"{target}_{code}", html)


def translated_fields(model) -> list[str]:
    """The registered text fields of `model` that people write (not the rendered HTML)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    # `options.fields` is a set, whose order changes from process to process; the
    # model's own field order keeps english_hash() the same in every process.
    registered = set(options.fields)
    return [
        field.name
        for field in model._meta.fields
        if field.name in registered and not field.name.endswith("_html")
    ]


def english_hash(instance) -> str:
    """A fingerprint of the English text a translation is made from."""
    import hashlib

    parts = [
        getattr(instance, f"{name}_en", "") or "" for name in translated_fields(type(instance))
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def is_translated(instance, language: str) -> bool:
    """True when every field with English text has text in `language` too."""
    if language == settings.LANGUAGE_CODE:
        return True
    return all(
        getattr(instance, f"{name}_{language}", None)
        for name in translated_fields(type(instance))
        if getattr(instance, f"{name}_en", None)
    )


def fill_translation(instance, language: str, values: dict[str, str]) -> bool:
    """Put starter text into `language`'s empty fields only; True if anything changed.

    A translation staff wrote is never overwritten.
    """
    changed = False
    for field, value in values.items():
        name = f"{field}_{language}"
        if not value or not hasattr(instance, name) or getattr(instance, name):
            continue
        limit = getattr(instance._meta.get_field(name), "max_length", None)
        if limit and len(value) > limit:
            continue  # would not save in the admin: English shows until staff shorten it
        setattr(instance, name, value)
        changed = True
    return changed


def fill_starter_translations(records) -> int:
    """Fill each record's empty fields in its language (`fill_translation`) and mark what
    was filled as awaiting a native speaker's review; returns how many record-languages
    were filled.

    `records` yields (language, instance or None, values), a record once per language.
    Each record is saved once, after all its languages are filled: a save renders every
    language's Markdown, so a save per language rendered each record's text four times
    over.
    """
    pending: dict[tuple[type, object], tuple[object, list[str]]] = {}
    for language, instance, values in records:
        if instance is None:
            continue  # staff removed it, or it was never loaded
        kept, languages = pending.setdefault((type(instance), instance.pk), (instance, []))
        if fill_translation(kept, language, values):
            languages.append(language)
    filled = 0
    for instance, languages in pending.values():
        if languages:
            instance.save()
            for language in languages:
                record_starter_translation(instance, language)
            filled += len(languages)
    return filled


def record_starter_translation(instance, language: str) -> None:
    """Mark `language`'s starter translation of `instance` as made from today's English
    and awaiting a native speaker's review."""
    from django.contrib.contenttypes.models import ContentType

    from interpolinfo.models import TranslationState

    TranslationState.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        language=language,
        defaults={"source_hash": english_hash(instance), "needs_native_review": True},
    )


def translation_report(*, limit: int = 50) -> list[dict]:
    """Per language: what is untranslated, what needs updating after an English edit,
    and what awaits a native speaker's review (the admin's translation report)."""
    from django.contrib.contenttypes.models import ContentType
    from modeltranslation.translator import translator

    from interpolinfo.models import TranslationState

    states = {
        (state.content_type_id, state.object_id, state.language): state
        for state in TranslationState.objects.all()
    }
    models = [
        model
        for model in translator.get_registered_models(abstract=False)
        if model._meta.app_label in settings.CONTENT_VERSION_APPS
    ]
    report = []
    for code in language_codes():
        if code == settings.LANGUAGE_CODE:
            continue
        rows = {UNTRANSLATED: [], NEEDS_UPDATE: [], NEEDS_REVIEW: []}
        for model in models:
            content_type = ContentType.objects.get_for_model(model)
            fields = translated_fields(model)
            for item in model._default_manager.all():
                if not any(getattr(item, f"{name}_en", None) for name in fields):
                    continue  # no English text, so nothing to translate
                state = states.get((content_type.pk, item.pk, code))
                if not is_translated(item, code):
                    status = UNTRANSLATED
                elif state is None or state.source_hash != english_hash(item):
                    status = NEEDS_UPDATE
                elif state.needs_native_review:
                    status = NEEDS_REVIEW
                else:
                    continue
                rows[status].append((model._meta.verbose_name, item))
        report.append(
            {
                "code": code,
                "counts": {status: len(items) for status, items in rows.items()},
                "rows": {status: items[:limit] for status, items in rows.items()},
            }
        )
    return report
