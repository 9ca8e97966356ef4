"""Two melder dimensions of the count table, the StatLine organisatie category and the rol/functie, and CBS's 13
Impactmonitor groups in the existing column (docs/rollup.md, docs/definities.md).

The existing count rows are filled in place (the Impactmonitor group refilled with the new grouping) from their
melder groep and melder categorie, exactly as a recompute would count them: every registration made before this
migration has rol/functie ``onbekend`` (professional) or none (``niet_van_toepassing``), see adviezen/meldingen 0005. So no recompute is needed; ``manage.py
herbereken_tellingen`` gives the same rows and ``controleer_tellingen`` finds no difference.
"""

from django.db import migrations, models
from django.db.models import Case, CharField, Value, When

from vtregistratie import definities


def vul(apps, schema_editor):
    Telling = apps.get_model("rapportage", "Telling")
    professioneel = ~models.Q(melder_groep="niet_professional")
    Telling.objects.update(
        melder_organisatie=Case(
            When(melder_groep="niet_professional", then=Value(definities.ORGANISATIE_NIET_VAN_TOEPASSING)),
            *[When(professioneel & models.Q(melder_categorie=code), then=Value(categorie))
              for code, categorie in definities.STATLINE_ORGANISATIE_PER_ORGANISATIETYPE.items()],
            default=Value(""), output_field=CharField()),
        melder_functie=Case(
            When(melder_groep="niet_professional", then=Value(definities.FUNCTIE_NIET_VAN_TOEPASSING)),
            default=Value(definities.FUNCTIE_ONBEKEND), output_field=CharField()),
        impactmonitor_groep=Case(
            *[When(professioneel & models.Q(melder_categorie=code), then=Value(groep))
              for code, groep in definities.IMPACTMONITOR_PER_ORGANISATIETYPE.items()],
            *[When(melder_groep="niet_professional", melder_categorie=code, then=Value(groep))
              for code, groep in definities.IMPACTMONITOR_PER_RELATIE.items()],
            default=Value(""), output_field=CharField()),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('rapportage', '0014_notitie_soort'),
        ('adviezen', '0005_melder_statline'),
        ('meldingen', '0005_melder_statline'),
    ]

    operations = [
        migrations.AddField(
            model_name='telling',
            name='melder_functie',
            field=models.CharField(default='', max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='telling',
            name='melder_organisatie',
            field=models.CharField(default='', max_length=40),
            preserve_default=False,
        ),
        migrations.RunPython(vul, migrations.RunPython.noop, elidable=True),
    ]
