"""API keys of integration accounts (django-rest-knox), replacing DRF's plain-text authtoken keys.

An existing DRF token is carried over as its SHA-512 digest, so the integration keeps working with the same
key, when its user never signed in on the screens (an integration account): that user becomes an
integration account without a usable password. Tokens of users who did sign in are dropped: interactive
users may not hold keys (docs/operations.md, "Upgrading to hashed API keys"). Then the plain-text table goes.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import migrations, models

from vtregistratie.roles import synchroniseer_rollen


def neem_sleutels_over(apps, schema_editor):
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    verbinding = schema_editor.connection
    if "authtoken_token" not in verbinding.introspection.table_names():
        return
    with verbinding.cursor() as cursor:
        cursor.execute("SELECT key, user_id FROM authtoken_token")
        tokens = cursor.fetchall()
    Gebruiker = apps.get_model("vtregistratie", "Gebruiker")
    Koppelsleutel = apps.get_model("vtregistratie", "Koppelsleutel")
    for sleutel, gebruiker_id in tokens:
        gebruiker = Gebruiker.objects.get(pk=gebruiker_id)
        if gebruiker.last_login is not None:
            print(f"\n  API token of {gebruiker.username} dropped: it signs in on the screens")
            continue
        gebruiker.is_koppeling = True
        gebruiker.password = make_password(None)
        gebruiker.save(update_fields=["is_koppeling", "password"])
        Koppelsleutel(digest=hash_token(sleutel), token_key=sleutel[:CONSTANTS.TOKEN_KEY_LENGTH],
                      user_id=gebruiker_id, omschrijving="overgenomen bij de upgrade").save(force_insert=True)
    schema_editor.execute("DROP TABLE authtoken_token")


class Migration(migrations.Migration):

    dependencies = [
        ('vtregistratie', '0004_rollen_als_regels'),
    ]

    operations = [
        migrations.AddField(
            model_name='gebruiker',
            name='is_koppeling',
            field=models.BooleanField(default=False, help_text='Een koppeling met een ander systeem: meldt zich alleen aan met een API-sleutel, nooit op het inlogscherm. Alleen een integratie-account kan een API-sleutel hebben.', verbose_name='integratie-account'),
        ),
        migrations.CreateModel(
            name="Koppelsleutel",
            fields=[
                ('digest', models.CharField(max_length=128, primary_key=True, serialize=False)),
                ('token_key', models.CharField(db_index=True, max_length=25)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('expiry', models.DateTimeField(blank=True, null=True)),
                ('omschrijving', models.CharField(blank=True, help_text='Welk systeem deze sleutel gebruikt.', max_length=100, verbose_name='omschrijving')),
                ('eerst_gebruikt_op', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='eerst gebruikt op')),
                ('aangemaakt_door', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='aangemaakt door')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='auth_token_set', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'API-sleutel',
                'verbose_name_plural': 'API-sleutels',
                'ordering': ['-created'],
            },
        ),
        migrations.RunPython(neem_sleutels_over, migrations.RunPython.noop),
        migrations.RunPython(synchroniseer_rollen, migrations.RunPython.noop),
    ]
