"""Count what intake collects but the counts left out (docs/rollup.md): structurele onveiligheid, vervolgdienst and
the Impactmonitor group as columns of ``Telling``, and aanvullende informatie as a multi-valued table of its own.

The new columns of existing rows are only placeholders: every key that has counts is marked stale, so the sweep
recomputes it from the registrations within a minute of the deploy (and the invariant check skips it until then).
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
        ('rapportage', '0010_tellingen_zonder_dubbele_index_en_fk_controle'),
        ('vtregistratie', '0003_rollen_api_tokens'),
    ]

    operations = [
        migrations.AddField(
            model_name='telling',
            name='structurele_onveiligheid',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='telling',
            name='vervolgdienst',
            field=models.CharField(blank=True, max_length=30, default=''),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='telling',
            name='impactmonitor_groep',
            field=models.CharField(blank=True, max_length=30, default=''),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name='TellingAanvullendeInformatie',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jaar', models.PositiveSmallIntegerField()),
                ('kwartaal', models.PositiveSmallIntegerField()),
                ('gemeente_code', models.CharField(blank=True, help_text='Leeg is onbekend.', max_length=6)),
                ('soort', models.CharField(choices=[('advies', 'Advies'), ('melding', 'Melding')], max_length=10)),
                ('aantal', models.PositiveIntegerField()),
                ('aanvullende_informatie', models.CharField(max_length=40)),
                ('organisatie', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='vtregistratie.organisatie')),
            ],
            options={
                'verbose_name': 'telling per aanvullende informatie',
                'verbose_name_plural': 'tellingen per aanvullende informatie',
                'indexes': [models.Index(fields=['organisatie', 'jaar', 'kwartaal'], name='tellingaanv_sleutel_idx')],
            },
        ),
        migrations.RunPython(markeer_verouderd, migrations.RunPython.noop),
    ]
