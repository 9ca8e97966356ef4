"""Functional administrators manage (and revoke) API tokens of integrations."""

from django.db import migrations

from vtregistratie.roles import synchroniseer_rollen


class Migration(migrations.Migration):
    dependencies = [
        ("vtregistratie", "0002_lidmaatschap_uitsluiting"),
        ("rapportage", "0003_rollen"),
    ]

    operations = [migrations.RunPython(synchroniseer_rollen, migrations.RunPython.noop)]
