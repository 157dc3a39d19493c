"""Seed one generic release text per language.

The wording is a synthetic example, not legal advice: each operator replaces
it with the text its data-protection officer approved, as a new version
(texts are immutable once a consent refers to them).
"""

from django.db import migrations

VERSION = "2025-1"

TEXTS = {
    "de": (
        "Schweigepflichtentbindung (Muster)",
        "Ich entbinde die unten genannten Stellen gegenseitig von der Schweigepflicht, "
        "soweit es für den genannten Zweck erforderlich ist. Die Entbindung gilt nur für "
        "die angekreuzten Datenarten. Gesundheitsdaten werden nur weitergegeben, wenn "
        "sie ausdrücklich genannt sind. Ich wurde darüber informiert, dass die Entbindung "
        "freiwillig ist, dass mir aus einer Ablehnung keine Nachteile bei der Beratung "
        "entstehen außer denen, die sich aus der fehlenden Abstimmung ergeben, und dass "
        "ich sie jederzeit ganz oder teilweise für die Zukunft widerrufen kann.",
    ),
    "en": (
        "Release from confidentiality (sample)",
        "I release the organisations named below from their duty of confidentiality "
        "towards each other, as far as the stated purpose requires. The release covers "
        "only the kinds of data ticked. Health data is shared only when named explicitly. "
        "I was told that the release is voluntary, that refusing it has no consequences "
        "for the counselling other than those that follow from the missing coordination, "
        "and that I can withdraw it, in whole or in part, at any time for the future.",
    ),
}


def seed(apps, schema_editor):
    ConsentText = apps.get_model("access", "ConsentText")
    for language, (title, body) in TEXTS.items():
        ConsentText.objects.get_or_create(
            version=VERSION, language=language, defaults={"title": title, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
