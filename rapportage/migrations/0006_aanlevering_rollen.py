"""Give the team leads the permissions of the CBS delivery (rapportage.view_aanlevering, add_aanlevering)."""

from django.db import migrations

from vtregistratie.roles import synchroniseer_rollen


class Migration(migrations.Migration):
    dependencies = [
        ("rapportage", "0005_aanlevering"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(synchroniseer_rollen, migrations.RunPython.noop)]
