"""Roles are answered by the named rules (vtregistratie/regels.py); only beheer keeps model permissions
(for the admin). The user manager loads role names with the user."""

from django.db import migrations

import vtregistratie.models
from vtregistratie.roles import synchroniseer_rollen


class Migration(migrations.Migration):
    dependencies = [
        ("vtregistratie", "0003_rollen_api_tokens"),
    ]

    operations = [
        migrations.AlterModelManagers(
            name="gebruiker",
            managers=[
                ("objects", vtregistratie.models.GebruikerManager()),
            ],
        ),
        migrations.RunPython(synchroniseer_rollen, migrations.RunPython.noop),
    ]
