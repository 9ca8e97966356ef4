"""CBS delivery benchmark: a national half-year straight into PostgreSQL, then the delivery files of every
organisation (streaming generation), their validation, and the peak memory of both.

    createdb -h 127.0.0.1 -U postgres vtreg_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vtreg_bench \\
        .venv/bin/python benchmarks/export.py --adviezen 60000 --meldingen 60000

The registrations, counts, quarter states and deliveries of the database are replaced first; the files go
to a temporary MEDIA_ROOT that is removed afterwards. Records = adviezen + meldingen + casussen (one casus
per two meldingen). Target (docs/performance.md): a national half-year of ~150,000 records in seconds, with
a peak Python heap that does not grow with the number of records.
"""

import argparse
import os
import resource
import shutil
import tempfile
import time
import tracemalloc

os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="vtreg-bench-")

from _setup import django_setup, machine

INSERT_ADVIEZEN = """
INSERT INTO adviezen_advies (organisatie_id, jaar, volgnummer, nummer, gemeente_code, beroepsmatig,
    melder_organisatietype, melder_relatie, melder_groep, anoniem, aard, aanvullende_informatie, duur_geweld,
    definities_versie, aangemaakt_op, gewijzigd_op, startdatum, einddatum)
SELECT p.org, 2025, g, 'A-2025-' || lpad(g::text, 6, '0'), p.gem, g %% 3 <> 2,
       CASE g %% 3 WHEN 0 THEN 'politie' WHEN 1 THEN 'huisarts' ELSE '' END,
       CASE g %% 3 WHEN 2 THEN 'familielid' ELSE '' END,
       CASE g %% 3 WHEN 0 THEN 'politie' WHEN 1 THEN 'overige_professional' ELSE 'niet_professional' END,
       false, CASE WHEN g %% 4 = 0 THEN '["kindermishandeling", "partnergeweld"]'::jsonb
                   ELSE '["kindermishandeling"]'::jsonb END,
       CASE WHEN g %% 50 = 0 THEN '["huwelijksdwang"]'::jsonb ELSE '[]'::jsonb END,
       'onbekend', '2019.1', now(), now(), p.dag, CASE WHEN g %% 5 = 0 THEN NULL ELSE p.dag + 3 END
  FROM generate_series(1::bigint, %(n)s) g
  CROSS JOIN LATERAL (
      SELECT (%(orgs)s::int[])[(1 + (g * 7919) %% %(k)s)::int] AS org,
             (%(gems)s::text[])[(1 + (g * 7919) %% %(k)s)::int] AS gem,
             DATE '2025-01-01' + ((g * 104729) %% 181)::int AS dag
  ) p
"""

INSERT_CASUSSEN = """
INSERT INTO meldingen_casus (organisatie_id, jaar, volgnummer, nummer, geopend_op, afgesloten_op, aangemaakt_op)
SELECT (%(orgs)s::int[])[(1 + (g * 7919) %% %(k)s)::int], 2025, g, 'C-2025-' || lpad(g::text, 6, '0'),
       DATE '2025-01-01' + ((g * 104729) %% 160)::int, NULL, now()
  FROM generate_series(1::bigint, %(n)s) g
"""

INSERT_MELDINGEN = """
INSERT INTO meldingen_melding (organisatie_id, jaar, volgnummer, nummer, gemeente_code, beroepsmatig,
    melder_organisatietype, melder_relatie, melder_groep, anoniem, aard, aanvullende_informatie, duur_geweld,
    definities_versie, aangemaakt_op, gewijzigd_op, ontvangstdatum, acute_onveiligheid, structurele_onveiligheid,
    casus_id, eerdere_betrokkenheid, beoordelingstermijn, beoordeling_datum, beoordeling_uitkomst, vervolgdienst)
SELECT c.organisatie_id, 2025, g, 'M-2025-' || lpad(g::text, 6, '0'), p.gem, g %% 5 <> 4,
       CASE WHEN g %% 5 < 3 THEN 'politie' WHEN g %% 5 = 3 THEN 'onderwijs' ELSE '' END,
       CASE WHEN g %% 5 = 4 THEN 'buurtbewoner' ELSE '' END,
       CASE WHEN g %% 5 < 3 THEN 'politie' WHEN g %% 5 = 3 THEN 'overige_professional' ELSE 'niet_professional' END,
       false, '["partnergeweld"]'::jsonb, '[]'::jsonb, 'onbekend', '2019.1', now(), now(), d.dag,
       g %% 17 = 0, g %% 3 = 0, c.id,
       CASE g %% 2 WHEN 1 THEN 'eerste_melding' ELSE 'vervolgmelding' END,
       d.dag + 7,
       CASE WHEN g %% 10 = 0 THEN NULL ELSE d.dag + (g %% 9)::int END,
       CASE WHEN g %% 10 = 0 THEN '' WHEN g %% 10 = 1 THEN 'vervolgstappen_vt' ELSE 'overdracht' END,
       CASE WHEN g %% 10 = 1 THEN 'onderzoek' ELSE '' END
  FROM generate_series(1::bigint, %(n)s) g
  JOIN meldingen_casus c ON c.jaar = 2025 AND c.volgnummer = (g + 1) / 2
  CROSS JOIN LATERAL (SELECT c.geopend_op + ((g %% 2) * 20)::int AS dag) d
  CROSS JOIN LATERAL (
      SELECT (%(gems)s::text[])[array_position(%(orgs)s::int[], c.organisatie_id)] AS gem
  ) p
"""


def vul(connection, adviezen: int, meldingen: int) -> None:
    from datetime import date

    from kwartalen.models import KwartaalStatus
    from vtregistratie.models import Gemeente, Lidmaatschap

    geldig = set(Gemeente.objects.geldig_op(date(2025, 1, 1)).values_list("code", flat=True)) & set(
        Gemeente.objects.geldig_op(date(2025, 6, 30)).values_list("code", flat=True))
    paren = [
        (org, gem) for org, gem in Lidmaatschap.objects.geldig_op(date(2025, 3, 1)).order_by("gemeente__code")
        .values_list("organisatie_id", "gemeente__code") if gem in geldig
    ]
    params = {"orgs": [p[0] for p in paren], "gems": [p[1] for p in paren], "k": len(paren)}
    with connection.cursor() as c:
        c.execute("TRUNCATE rapportage_aanlevering, meldingen_melding, meldingen_casus, adviezen_advies, "
                  "rapportage_telling, rapportage_tellingaard, rapportage_verouderdesleutel, rapportage_herberekening, "
                  "rapportage_kwartaalstatus CASCADE")
        c.execute(INSERT_ADVIEZEN, {**params, "n": adviezen})
        c.execute(INSERT_CASUSSEN, {**params, "n": (meldingen + 1) // 2})
        c.execute(INSERT_MELDINGEN, {**params, "n": meldingen})
        c.execute("ANALYZE adviezen_advies; ANALYZE meldingen_melding; ANALYZE meldingen_casus")
    organisaties = sorted({p[0] for p in paren})
    KwartaalStatus.objects.bulk_create([
        KwartaalStatus(organisatie_id=org, jaar=2025, kwartaal=kw, status="voorlopig")
        for org in organisaties for kw in (1, 2)
    ])


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adviezen", type=int, default=60_000)
    parser.add_argument("--meldingen", type=int, default=60_000)
    args = parser.parse_args()
    connection = django_setup()

    from rapportage.cbs.models import Aanlevering
    from rapportage.cbs.periode import Halfjaar
    from rapportage.cbs.services import maak_aanlevering, valideer_aanlevering
    from rapportage.tellingen.services.herberekening import herbereken_alles
    from vtregistratie.models import Organisatie

    halfjaar = Halfjaar(2025, 1)
    print(f"machine: {machine()}")
    t = time.perf_counter()
    vul(connection, args.adviezen, args.meldingen)
    herbereken_alles(aanleiding="benchmark")
    print(f"loaded {args.adviezen:,} adviezen and {args.meldingen:,} meldingen (2025-H1) and rolled them up "
          f"in {time.perf_counter() - t:.1f} s")
    organisaties = list(Organisatie.objects.filter(kwartalen__jaar=2025, kwartalen__status="voorlopig").distinct()
                        .order_by("code"))
    rss_voor = maxrss_mib()

    def alle_bestanden():
        return [maak_aanlevering(organisatie=org, halfjaar=halfjaar, aanleiding="commando") for org in organisaties]

    t = time.perf_counter()
    gemaakt = alle_bestanden()
    maken = time.perf_counter() - t
    records = sum(a.aantal_records for a in gemaakt)
    grootte = sum(a.grootte for a in gemaakt)
    grootste = max(gemaakt, key=lambda a: a.aantal_records)
    print(f"generate: {len(gemaakt)} files, {records:,} records, {grootte / 1024 / 1024:.1f} MiB in {maken:.2f} s "
          f"({records / maken:,.0f} records/s); largest {grootste.organisatie.code} "
          f"{grootste.aantal_records:,} records")

    t = time.perf_counter()
    gevalideerd = [valideer_aanlevering(aanlevering=a) for a in gemaakt]
    valideren = time.perf_counter() - t
    geslaagd = sum(a.status == Aanlevering.Status.GEVALIDEERD for a in gevalideerd)
    print(f"validate: {geslaagd}/{len(gevalideerd)} without problems in {valideren:.2f} s "
          f"({records / valideren:,.0f} records/s)")
    print(f"max RSS of the process: {rss_voor:.0f} MiB before, {maxrss_mib():.0f} MiB after")

    # Peak Python heap, measured in a second run (tracemalloc slows Python down, so not during the timing).
    tracemalloc.start()
    tracemalloc.reset_peak()
    correcties = alle_bestanden()
    _, piek_maken = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    valideer_aanlevering(aanlevering=max(correcties, key=lambda a: a.aantal_records))
    _, piek_valideren = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python heap (tracemalloc): generating all files {piek_maken / 1024 / 1024:.1f} MiB, "
          f"validating the largest {piek_valideren / 1024 / 1024:.1f} MiB")
    shutil.rmtree(os.environ["MEDIA_ROOT"], ignore_errors=True)


if __name__ == "__main__":
    main()
