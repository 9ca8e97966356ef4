"""No overlapping memberships in the database (PostgreSQL)."""

from django.db import migrations

UITSLUITING = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE vtregistratie_lidmaatschap
  ADD CONSTRAINT lidmaatschap_geen_overlap
  EXCLUDE USING gist (gemeente_id WITH =, daterange(geldig_van, geldig_tot, '[)') WITH &&)
  DEFERRABLE INITIALLY DEFERRED;
"""


def voeg_uitsluiting_toe(apps, schema_editor):
    # SQLite has no exclusion constraints; there the model's clean() is the guard.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UITSLUITING)


def verwijder_uitsluiting(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE vtregistratie_lidmaatschap DROP CONSTRAINT lidmaatschap_geen_overlap")


class Migration(migrations.Migration):
    dependencies = [
        ("vtregistratie", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(voeg_uitsluiting_toe, verwijder_uitsluiting),
    ]
