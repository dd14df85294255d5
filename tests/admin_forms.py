"""Admin form data for models whose text is kept in four languages."""

from interpolinfo.translations import translated_fields


def in_english(model, data: dict) -> dict:
    """`data` with each translated field posted as the English one ("title" -> "title_en"),
    as the admin's form names them."""
    names = set(translated_fields(model))
    return {f"{key}_en" if key in names else key: value for key, value in data.items()}


def english_form_data(models, data: dict) -> dict:
    """Rename every translated field in admin POST data, inline ones included
    ("choices-0-label" -> "choices-0-label_en"), for the given models."""
    names = {name for model in models for name in translated_fields(model)}
    renamed = {}
    for key, value in data.items():
        _prefix, _dash, field = key.rpartition("-")
        renamed[f"{key}_en" if field in names else key] = value
    return renamed


class EnglishAdminClient:
    """A test client that posts admin forms the way the translated admin names them."""

    def __init__(self, client, models) -> None:
        self._client = client
        self._models = models

    def post(self, path, data=None, **kwargs):
        return self._client.post(path, english_form_data(self._models, data or {}), **kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)
