"""django-rest-knox's own migrations create its token table even though KNOX_TOKEN_MODEL replaces it with
vtregistratie.Koppelsleutel. Nothing uses that table, but its foreign key to the users made Django's flush
(between transactional tests, and ``manage.py flush``) fail on PostgreSQL. It goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vtregistratie", "0005_koppelsleutels"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunSQL("DROP TABLE IF EXISTS knox_authtoken", migrations.RunSQL.noop)]
