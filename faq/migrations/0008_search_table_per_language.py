"""SQLite: one FTS5 table per language, each with its own tokenizer (issue 13).

English keeps the porter stemmer; FTS5 has none for French, Spanish or Arabic,
whose words were stemmed as English until now, so their tables only fold case
and diacritics and `faq.search` searches every form of a word instead. The
tables are filled by the index rebuild that follows every `migrate`
(faq/signals.py). PostgreSQL already indexes each language with its own
configuration: nothing to do there.
"""

from django.db import migrations

PLAIN = "unicode61 remove_diacritics 2"
TOKENIZERS = {"en": f"porter {PLAIN}", "fr": PLAIN, "es": PLAIN, "ar": PLAIN}


def one_table_per_language(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        return
    for language, tokenizer in TOKENIZERS.items():
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS faq_search_fts_{language} USING fts5("
            f"title, summary, body, tokenize = '{tokenizer}')"
        )
    schema_editor.execute("DROP TABLE IF EXISTS faq_search_fts")


def one_table_for_all(apps, schema_editor):
    """Back to 0007's table. The per-language tables stay: the index rebuild that
    follows `migrate` still runs this code, which writes to them."""
    if schema_editor.connection.vendor == "postgresql":
        return
    schema_editor.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS faq_search_fts USING fts5("
        f"title, summary, body, tokenize = '{TOKENIZERS['en']}')"
    )


class Migration(migrations.Migration):
    dependencies = [("faq", "0007_longer_meta_descriptions")]

    operations = [migrations.RunPython(one_table_per_language, one_table_for_all)]
