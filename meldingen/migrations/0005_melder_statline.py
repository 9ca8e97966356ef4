"""The melder as StatLine has it (docs/definities.md): the rol/functie of a professional melder, and the
organisation type ``ambulance``.

Existing registrations: every professional melder gets rol/functie ``onbekend`` (the application did not ask
for it; 'rol/functie onbekend' is what StatLine counts them as), every non-professional keeps none. No
organisation type changes: every existing type maps onto exactly one StatLine organisatie category and one
Impactmonitor group as it is. Tested in tests/rapportage/test_migratie_melder.py.
"""

from django.conf import settings
from django.db import migrations, models


def functie_onbekend(apps, schema_editor):
    Melding = apps.get_model("meldingen", "Melding")
    Melding.objects.filter(beroepsmatig=True, melder_functie="").update(melder_functie="onbekend")


class Migration(migrations.Migration):

    dependencies = [
        ('meldingen', '0004_aard_subvorm_duur_labels'),
        ('vtregistratie', '0006_knox_tabel_weg'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='melding',
            name='melding_melder_consistent',
        ),
        migrations.AddField(
            model_name='melding',
            name='melder_functie',
            field=models.CharField(blank=True, choices=[('onderwijs', 'Onderwijs'), ('kinderopvang', 'Kinderopvang'), ('medisch_huisarts', 'Medisch: huisarts'), ('medisch_jeugdarts', 'Medisch: jeugdarts'), ('medisch_verpleegkundige', 'Medisch: verpleegkundige'), ('medisch_specialist', 'Medisch: medisch specialist / kinderarts'), ('medisch_verloskundige', 'Medisch: verloskundige'), ('medisch_overig', 'Medisch: overig'), ('psycholoog', 'Psychologen e.a.'), ('paramedisch', 'Paramedisch'), ('justitie_politieagent', 'Justitie: politieagent'), ('justitie_officier', 'Justitie: officier van justitie'), ('justitie_anders', 'Justitie: anders'), ('beroepsmatig_anders', 'Beroepsmatig anders'), ('onbekend', 'Rol/functie onbekend'), ('niet_van_toepassing', 'Niet van toepassing')], help_text="Alleen bij een beroepsmatige melder; niet ingevuld telt als 'rol/functie onbekend'.", max_length=40, verbose_name='rol/functie melder'),
        ),
        migrations.RunPython(functie_onbekend, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='melding',
            name='melder_organisatietype',
            field=models.CharField(blank=True, choices=[('huisarts', 'Huisarts'), ('ziekenhuis', 'Ziekenhuis'), ('jgz_ggd', 'Jeugdgezondheidszorg / GGD'), ('verloskunde_kraamzorg', 'Verloskunde / kraamzorg'), ('ambulance', 'Ambulancezorg'), ('gezondheidszorg_overig', 'Overige gezondheidszorg'), ('ggz', 'GGZ'), ('kinderopvang', 'Kinderopvang'), ('onderwijs', 'Onderwijs'), ('leerplicht', 'Leerplicht'), ('jeugdhulp', 'Jeugdhulp'), ('gecertificeerde_instelling', 'Gecertificeerde instelling'), ('politie', 'Politie'), ('openbaar_ministerie', 'Openbaar Ministerie'), ('reclassering', 'Reclassering'), ('justitie_overig', 'Justitie overig'), ('maatschappelijk_werk', 'Maatschappelijk werk'), ('wijkteam_gemeente', 'Wijkteam / gemeente'), ('vt_andere_regio', 'Veilig Thuis andere regio'), ('vt_regionaal_maatwerk', 'Veilig Thuis regionaal maatwerk'), ('organisatie_overig', 'Overige organisatie'), ('onbekend', 'Onbekend')], max_length=40, verbose_name='organisatietype melder'),
        ),
        migrations.AddConstraint(
            model_name='melding',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('beroepsmatig', True), models.Q(('melder_organisatietype', ''), _negated=True), ('melder_relatie', ''), models.Q(('melder_functie', ''), _negated=True)), models.Q(('beroepsmatig', False), ('melder_organisatietype', ''), models.Q(('melder_relatie', ''), _negated=True), ('melder_functie', '')), _connector='OR'), name='melding_melder_consistent', violation_error_message='Een beroepsmatige melder heeft een organisatietype, een rol/functie en geen relatie; een niet-beroepsmatige melder een relatie en geen organisatietype of rol/functie.'),
        ),
    ]
