"""The four role groups with their permissions, once every model of the first release exists."""

from django.db import migrations

from vtregistratie.roles import synchroniseer_rollen


class Migration(migrations.Migration):
    dependencies = [
        ("rapportage", "0002_initial"),
        ("adviezen", "0002_initial"),
        ("meldingen", "0002_initial"),
        ("vtregistratie", "0002_lidmaatschap_uitsluiting"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(synchroniseer_rollen, migrations.RunPython.noop)]
