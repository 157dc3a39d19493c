from django.db import migrations

# Copied, not imported: a migration must not change when the model module does.
LIFE_AREAS = [
    ("residence", "Aufenthalt und Identität", "Residence and identity", "residence"),
    ("orientation", "Erstorientierung und Behörden", "First orientation and offices", "case_notes"),
    ("language", "Sprache", "Language", "education_work"),
    ("education", "Bildung", "Education", "education_work"),
    ("work", "Ausbildung und Arbeit", "Training and work", "education_work"),
    ("livelihood", "Lebensunterhalt", "Livelihood", "finances"),
    ("housing", "Wohnen", "Housing", "case_notes"),
    ("health", "Gesundheit", "Health", "health"),
    ("family", "Familie und Kinder", "Family and children", "family"),
    ("participation", "Teilhabe", "Participation", "case_notes"),
    ("naturalisation", "Einbürgerung", "Naturalisation", "residence"),
]


def seed(apps, schema_editor):
    LifeArea = apps.get_model("cases", "LifeArea")
    for position, (code, name_de, name_en, category) in enumerate(LIFE_AREAS, start=1):
        LifeArea.objects.update_or_create(
            code=code,
            defaults={"name_de": name_de, "name_en": name_en, "category": category, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_life_areas")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
