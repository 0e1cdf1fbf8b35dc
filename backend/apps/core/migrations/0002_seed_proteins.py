from django.db import migrations

PROTEINS = [
    ("beef", "Beef"),
    ("pork", "Pork"),
    ("chicken", "Chicken"),
    ("turkey", "Turkey"),
    ("lamb", "Lamb"),
    ("veal", "Veal"),
    ("goat", "Goat"),
    ("bison", "Bison"),
    ("seafood", "Seafood"),
    ("other", "Other"),
]


def seed(apps, schema_editor):
    Protein = apps.get_model("core", "Protein")
    for order, (code, name) in enumerate(PROTEINS, start=1):
        Protein.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order})


def unseed(apps, schema_editor):
    apps.get_model("core", "Protein").objects.filter(code__in=[code for code, _ in PROTEINS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
