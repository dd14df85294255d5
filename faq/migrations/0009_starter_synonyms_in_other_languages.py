"""Starter search synonyms in French, Spanish and Arabic (issue 13), like the English
ones of 0005: words visitors type that the pages do not use, mapped to the words they
do. Staff edit them in the admin; existing rows are left as they are."""

from django.db import migrations

STARTER_SYNONYMS = {
    "fr": [
        ("supprimer", "ccf fichiers données"),
        ("effacer", "supprimer ccf fichiers données"),
        ("retirer", "supprimer ccf fichiers données"),
        ("suis recherché", "notice rouge"),
        ("recherché par interpol", "notice rouge"),
        ("porter plainte", "signaler"),
        ("plainte", "signaler"),
        ("arnaque", "escroquerie"),
        ("arnaqueur", "escroquerie escroc"),
        ("numéro de téléphone", "contacter"),
        ("téléphone d'interpol", "contacter"),
        ("adresse mail", "contacter"),
        ("adresse email", "contacter"),
        ("mail", "message"),
        ("chantage", "sextorsion"),
        ("flic", "police"),
        ("flics", "police"),
        ("site de rencontre", "sentimentales"),
        ("appli de rencontre", "sentimentales"),
        ("bitcoin", "cryptomonnaie"),
        ("crypto", "cryptomonnaie"),
        ("passeport", "informations personnelles documents"),
        ("site", "web"),
        ("disparition", "disparu disparue"),
    ],
    "es": [
        ("borrar", "ccf ficheros datos"),
        ("eliminar", "borrar ccf ficheros datos"),
        ("buscado por interpol", "notificación roja"),
        ("estoy buscado", "notificación roja"),
        ("teléfono", "contacto"),
        ("número de teléfono", "contacto"),
        ("correo", "mensaje"),
        ("chantaje", "sextorsión"),
        ("timador", "estafa estafador"),
        ("pasaporte", "datos personales documentos"),
        ("novio", "románticas"),
        ("novia", "románticas"),
        ("citas", "románticas"),
        ("bitcoin", "criptomonedas"),
        ("cripto", "criptomonedas"),
        ("poli", "policía"),
        ("página", "sitio web"),
        ("computadora", "ordenador dispositivo"),
        ("rescate", "ransomware"),
    ],
    "ar": [
        ("حذف", "لجنة الرقابة محفوظات بيانات"),
        ("مسح", "حذف لجنة الرقابة محفوظات بيانات"),
        ("أنا مطلوب", "نشرة حمراء"),
        ("مطلوب للإنتربول", "نشرة حمراء"),
        ("رقم هاتف", "التواصل"),
        ("هاتف الإنتربول", "التواصل"),
        ("اتصل بي", "مكالمة هاتفية"),
        ("أبلغ", "الإبلاغ بلاغات"),
        ("عملية نصب", "احتيال"),
        ("نصب", "احتيال"),
        ("نصاب", "احتيال"),
        ("تعارف", "العاطفي"),
        ("بيتكوين", "العملات المشفرة"),
        ("جواز", "بيانات الشخصية وثائق"),
    ],
}


def add_starter_synonyms(apps, schema_editor):
    Synonym = apps.get_model("faq", "Synonym")
    for language, rows in STARTER_SYNONYMS.items():
        for phrase, means in rows:
            Synonym.objects.get_or_create(
                language=language, phrase=phrase, defaults={"means": means}
            )


class Migration(migrations.Migration):
    dependencies = [("faq", "0008_search_table_per_language")]

    operations = [migrations.RunPython(add_starter_synonyms, migrations.RunPython.noop)]
