"""Count the duur van het geweld (docs/rollup.md): a column of ``Telling``, so 84848NED's duur categories and the
"Uitsplitsingen" page can show it.

The new column of existing rows is only a placeholder (a count row sums registrations of every duur): every key
that has counts is marked stale, so the sweep recomputes it from the registrations within a minute of the deploy
(and the invariant check skips it until then), as 0011 did.
"""

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
        ('rapportage', '0015_melder_statline'),
    ]

    operations = [
        migrations.AddField(
            model_name='telling',
            name='duur_geweld',
            field=models.CharField(default='', max_length=30),
            preserve_default=False,
        ),
        migrations.RunPython(markeer_verouderd, migrations.RunPython.noop),
    ]
