"""Give the roles the permissions of the data-quality notes (rapportage.*_datakwaliteitnotitie)."""

from django.db import migrations

from vtregistratie.roles import synchroniseer_rollen


class Migration(migrations.Migration):
    dependencies = [
        ("rapportage", "0007_analyses"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(synchroniseer_rollen, migrations.RunPython.noop)]
