# pg_trgm lets search match misspelt words. On other databases this does nothing.
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("faq", "0001_initial")]

    operations = [TrigramExtension()]
