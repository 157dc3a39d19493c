"""Keys for the persons that existed before name keys did."""

from django.db import migrations


def compute(apps, schema_editor):
    from lotse.names import name_key_rows

    Person = apps.get_model("people", "Person")
    NameSpelling = apps.get_model("people", "NameSpelling")
    NameKey = apps.get_model("namekeys", "NameKey")
    db = schema_editor.connection.alias
    names = {}
    years = {}
    for pk, given, family, born, precision in Person.objects.using(db).values_list(
        "pk", "given_names", "family_name", "birth_date", "birth_date_precision"
    ):
        names[pk] = [(given, family)]
        years[pk] = 0 if born is None or precision == "unknown" else born.year
    for pk, given, family in NameSpelling.objects.using(db).values_list(
        "person_id", "given_names", "family_name"
    ):
        names.setdefault(pk, []).append((given, family))
    batch = []
    for pk, pairs in names.items():
        for r in name_key_rows(pairs):
            batch.append(
                NameKey(
                    person_id=pk, form=r.form, canon=r.canon, fold=r.fold, metaphone=r.metaphone,
                    cologne=r.cologne, skeleton=r.skeleton, abjad=r.abjad, birth_year=years.get(pk, 0),
                )
            )
        if len(batch) >= 5000:
            NameKey.objects.using(db).bulk_create(batch)
            batch = []
    NameKey.objects.using(db).bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("namekeys", "0001_initial"), ("people", "0001_initial")]

    operations = [migrations.RunPython(compute, migrations.RunPython.noop, elidable=True)]
