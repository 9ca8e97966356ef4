"""Functional administrators manage (and revoke) API tokens of integrations."""

from django.db import migrations

from vtregistratie.roles import synchroniseer_rollen


class Migration(migrations.Migration):
    dependencies = [
        ("vtregistratie", "0002_lidmaatschap_uitsluiting"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("rapportage", "0003_rollen"),
    ]

    operations = [migrations.RunPython(synchroniseer_rollen, migrations.RunPython.noop)]
