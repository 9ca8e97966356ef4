"""Count the follow-up of meldingen (docs/rollup.md, "Diensten"): six count tables and the vervolgmelding subgroup
of 85361NED as a column of ``Telling``.

The new column of existing rows is only a placeholder and the new tables start empty: every key that has counts is
marked stale, so the sweep recomputes it from the registrations within a minute of the deploy (and the invariant
check skips it until then).
"""

import django.db.models.deletion
from django.db import migrations, models


def markeer_verouderd(apps, schema_editor):
    Telling = apps.get_model("rapportage", "Telling")
    VerouderdeSleutel = apps.get_model("rapportage", "VerouderdeSleutel")
    sleutels = Telling.objects.values_list("organisatie_id", "jaar", "kwartaal").distinct().order_by()
    VerouderdeSleutel.objects.bulk_create(
        [VerouderdeSleutel(organisatie_id=o, jaar=j, kwartaal=k) for o, j, k in sleutels],
        ignore_conflicts=True, batch_size=500,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('rapportage', '0011_tellingen_uitsplitsingen'),
        ('vtregistratie', '0006_knox_tabel_weg'),
    ]

    operations = [
        migrations.AddField(
            model_name='telling',
            name='vervolgmelding_moment',
            field=models.CharField(blank=True, help_text='Alleen voor een vervolgmelding: tijdens de veiligheidsbeoordeling, tijdens monitoring of na de beoordeling (85361NED).', max_length=20),
        ),
        migrations.CreateModel(
            name='TellingCasus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jaar', models.PositiveSmallIntegerField()),
                ('kwartaal', models.PositiveSmallIntegerField()),
                ('gemeente_code', models.CharField(blank=True, help_text='Leeg is onbekend.', max_length=6)),
                ('aantal', models.PositiveIntegerField()),
                ('eerste_in_halfjaar', models.BooleanField()),
                ('eerste_in_jaar', models.BooleanField()),
                ('organisatie', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='vtregistratie.organisatie')),
            ],
            options={
                'verbose_name': 'telling van casussen',
                'verbose_name_plural': 'tellingen van casussen',
                'indexes': [models.Index(fields=['organisatie', 'jaar', 'kwartaal'], name='tellingcasus_sleutel_idx')],
            },
        ),
        migrations.CreateModel(
            name='TellingDienst',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jaar', models.PositiveSmallIntegerField()),
                ('kwartaal', models.PositiveSmallIntegerField()),
                ('gemeente_code', models.CharField(blank=True, help_text='Leeg is onbekend.', max_length=6)),
                ('aantal', models.PositiveIntegerField()),
                ('dienst', models.CharField(choices=[('onderzoek', 'Onderzoek'), ('voorwaarden_en_vervolg', 'Voorwaarden en vervolg')], max_length=30)),
                ('gebeurtenis', models.CharField(choices=[('gestart', 'Gestart'), ('afgerond', 'Afgerond')], max_length=10)),
                ('afsluitreden', models.CharField(blank=True, help_text='Alleen bij een afgerond onderzoek dat voortijdig is afgesloten.', max_length=40)),
                ('organisatie', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='vtregistratie.organisatie')),
            ],
            options={
                'verbose_name': 'telling van diensten',
                'verbose_name_plural': 'tellingen van diensten',
                'indexes': [models.Index(fields=['organisatie', 'jaar', 'kwartaal'], name='tellingdienst_sleutel_idx')],
            },
        ),
        migrations.CreateModel(
            name='TellingDuur',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jaar', models.PositiveSmallIntegerField()),
                ('kwartaal', models.PositiveSmallIntegerField()),
                ('gemeente_code', models.CharField(blank=True, help_text='Leeg is onbekend.', max_length=6)),
                ('aantal', models.PositiveIntegerField()),
                ('dienst', models.CharField(choices=[('onderzoek', 'Onderzoek'), ('voorwaarden_en_vervolg', 'Voorwaarden en vervolg')], max_length=30)),
                ('maat', models.CharField(choices=[('wachttijd', 'Wachttijd'), ('doorlooptijd', 'Doorlooptijd')], max_length=15)),
                ('dagen', models.PositiveSmallIntegerField(help_text='Kalenderdagen; langer dan 730 dagen telt als 730.')),
                ('organisatie', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='vtregistratie.organisatie')),
            ],
            options={
                'verbose_name': 'telling van wachttijden en doorlooptijden',
                'verbose_name_plural': 'tellingen van wachttijden en doorlooptijden',
                'indexes': [models.Index(fields=['organisatie', 'jaar', 'kwartaal'], name='tellingduur_sleutel_idx')],
            },
        ),
        migrations.CreateModel(
            name='TellingOverdracht',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jaar', models.PositiveSmallIntegerField()),
                ('kwartaal', models.PositiveSmallIntegerField()),
                ('gemeente_code', models.CharField(blank=True, help_text='Leeg is onbekend.', max_length=6)),
                ('aantal', models.PositiveIntegerField()),
                ('moment', models.CharField(choices=[('na_beoordeling', 'Na de veiligheidsbeoordeling'), ('na_dienst', 'Na een dienst')], max_length=15)),
                ('bestemming', models.CharField(choices=[('lokaal_veld', 'Lokale veld / wijkteam'), ('raad_kinderbescherming', 'Raad voor de Kinderbescherming'), ('politie_om', 'Politie / Openbaar Ministerie'), ('jeugdhulpaanbieder', 'Jeugdhulpaanbieder'), ('gecertificeerde_instelling', 'Gecertificeerde instelling'), ('vrouwenopvang', 'Vrouwenopvang'), ('ggz', 'GGZ'), ('verslavingszorg', 'Verslavingszorg'), ('huisarts', 'Huisarts'), ('anders', 'Anders')], max_length=40)),
                ('hulp', models.CharField(blank=True, help_text='Leeg is onbekend.', max_length=30)),
                ('organisatie', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='vtregistratie.organisatie')),
            ],
            options={
                'verbose_name': 'telling van overdrachten',
                'verbose_name_plural': 'tellingen van overdrachten',
                'indexes': [models.Index(fields=['organisatie', 'jaar', 'kwartaal'], name='tellingoverdracht_sleutel_idx')],
            },
        ),
        migrations.CreateModel(
            name='TellingUitkomst',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jaar', models.PositiveSmallIntegerField()),
                ('kwartaal', models.PositiveSmallIntegerField()),
                ('gemeente_code', models.CharField(blank=True, help_text='Leeg is onbekend.', max_length=6)),
                ('aantal', models.PositiveIntegerField()),
                ('aard', models.CharField(choices=[('kindermishandeling', 'Kindermishandeling'), ('geweld_tegen_ouders', 'Geweld tegen ouders'), ('partnergeweld', 'Partnergeweld'), ('ouderenmishandeling', 'Ouderenmishandeling'), ('huiselijk_geweld_overig', 'Overig huiselijk geweld'), ('andere_problematiek', 'Andere problematiek'), ('geen_hg_km', 'Geen huiselijk geweld of kindermishandeling'), ('onbekend', 'Onbekend')], max_length=30)),
                ('uitkomst', models.CharField(choices=[('bevestigd', 'Bevestigd'), ('niet_bevestigd', 'Niet bevestigd'), ('weerlegd', 'Weerlegd')], max_length=20)),
                ('organisatie', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='vtregistratie.organisatie')),
            ],
            options={
                'verbose_name': 'telling van uitkomsten van onderzoeken',
                'verbose_name_plural': 'tellingen van uitkomsten van onderzoeken',
                'indexes': [models.Index(fields=['organisatie', 'jaar', 'kwartaal'], name='tellinguitkomst_sleutel_idx')],
            },
        ),
        migrations.CreateModel(
            name='TellingWachtlijst',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jaar', models.PositiveSmallIntegerField()),
                ('kwartaal', models.PositiveSmallIntegerField()),
                ('gemeente_code', models.CharField(blank=True, help_text='Leeg is onbekend.', max_length=6)),
                ('aantal', models.PositiveIntegerField()),
                ('dienst', models.CharField(choices=[('onderzoek', 'Onderzoek'), ('voorwaarden_en_vervolg', 'Voorwaarden en vervolg')], max_length=30)),
                ('dagen', models.PositiveSmallIntegerField(help_text='Dagen sinds de veiligheidsbeoordeling op de laatste dag van het kwartaal; langer dan 730 dagen telt als 730.')),
                ('organisatie', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='vtregistratie.organisatie')),
            ],
            options={
                'verbose_name': 'telling van de wachtlijst',
                'verbose_name_plural': 'tellingen van de wachtlijst',
                'indexes': [models.Index(fields=['organisatie', 'jaar', 'kwartaal'], name='tellingwachtlijst_sleutel_idx')],
            },
        ),
        migrations.RunPython(markeer_verouderd, migrations.RunPython.noop),
    ]
