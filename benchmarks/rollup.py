"""Rollup benchmark: N registrations straight into PostgreSQL, then, in one run, the full rebuild, its lower
limit (the rollup's own SELECT ... GROUP BY over the same rows, compiled from the same declaration, not inserted)
and the recompute of one key.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vtreg_bench \\
        .venv/bin/python benchmarks/rollup.py --rijen 1000000

The database is emptied of registrations and counts first. Targets (docs/performance.md): full
rebuild at most 1.3 x the lower limit; one key under 100 ms.
"""

import argparse
import os
import statistics
import time

from _setup import django_setup, machine

INSERT_ADVIEZEN = """
INSERT INTO adviezen_advies (organisatie_id, jaar, volgnummer, nummer, gemeente_code, beroepsmatig,
    melder_organisatietype, melder_relatie, melder_groep, anoniem, aard, aanvullende_informatie, duur_geweld,
    definities_versie, aangemaakt_op, gewijzigd_op, startdatum, einddatum, aard_subvorm)
SELECT p.org, EXTRACT(YEAR FROM p.dag)::int, g, 'A-' || g, p.gem, g % 3 <> 2,
       CASE g % 3 WHEN 0 THEN 'politie' WHEN 1 THEN 'huisarts' ELSE '' END,
       CASE g % 3 WHEN 2 THEN 'familielid' ELSE '' END,
       CASE g % 3 WHEN 0 THEN 'politie' WHEN 1 THEN 'overige_professional' ELSE 'niet_professional' END,
       false, CASE WHEN g % 4 = 0 THEN '["kindermishandeling", "partnergeweld"]'::jsonb
                   ELSE '["kindermishandeling"]'::jsonb END,
       '[]'::jsonb, 'onbekend', '2019.1', now(), now(), p.dag, p.dag + 3, '[]'::jsonb
  FROM generate_series(1::bigint, %(n)s) g
  CROSS JOIN LATERAL (
      SELECT (%(orgs)s::int[])[(1 + (g * 7919) %% %(k)s)::int] AS org,
             (%(gems)s::text[])[(1 + (g * 7919) %% %(k)s)::int] AS gem,
             DATE '2019-01-01' + ((g * 104729) %% %(dagen)s)::int AS dag
  ) p
"""

INSERT_MELDINGEN = """
INSERT INTO meldingen_melding (organisatie_id, jaar, volgnummer, nummer, gemeente_code, beroepsmatig,
    melder_organisatietype, melder_relatie, melder_groep, anoniem, aard, aanvullende_informatie, duur_geweld,
    definities_versie, aangemaakt_op, gewijzigd_op, ontvangstdatum, acute_onveiligheid, structurele_onveiligheid,
    casus_id, eerdere_betrokkenheid, beoordelingstermijn, beoordeling_datum, beoordeling_uitkomst, vervolgdienst,
    aard_subvorm)
SELECT p.org, EXTRACT(YEAR FROM p.dag)::int, g, 'M-' || g, p.gem, g % 5 <> 4,
       CASE WHEN g % 5 < 3 THEN 'politie' WHEN g % 5 = 3 THEN 'onderwijs' ELSE '' END,
       CASE WHEN g % 5 = 4 THEN 'buurtbewoner' ELSE '' END,
       CASE WHEN g % 5 < 3 THEN 'politie' WHEN g % 5 = 3 THEN 'overige_professional' ELSE 'niet_professional' END,
       false, '["partnergeweld"]'::jsonb, '[]'::jsonb, 'onbekend', '2019.1', now(), now(), p.dag,
       g % 17 = 0, g % 3 = 0, c.id,
       CASE g % 3 WHEN 0 THEN 'eerste_melding' WHEN 1 THEN 'hermelding' ELSE 'vervolgmelding' END,
       p.dag + 7,
       CASE WHEN g % 10 = 0 THEN NULL ELSE p.dag + (g %% 9)::int END,
       CASE WHEN g % 10 = 0 THEN '' ELSE 'overdracht' END, '', '[]'::jsonb
  FROM generate_series(1::bigint, %(n)s) g
  CROSS JOIN LATERAL (
      SELECT (%(orgs)s::int[])[(1 + (g * 7919) %% %(k)s)::int] AS org,
             (%(gems)s::text[])[(1 + (g * 7919) %% %(k)s)::int] AS gem,
             DATE '2019-01-01' + ((g * 104729) %% %(dagen)s)::int AS dag
  ) p
  JOIN meldingen_casus c ON c.organisatie_id = p.org AND c.volgnummer = 1 AND c.jaar = 2019
"""

def ondergrens(connection) -> tuple[float, int, int]:
    """The lower limit: the rollup's own SELECT ... GROUP BY statements over every key (compiled from the same
    declaration, with the same filters as the full rebuild), only counted and summed instead of inserted; nothing
    locked, deleted or logged. Each statement runs twice, with the rollup's planner settings and with the
    planner's own choice (a plain SELECT may run in parallel, an INSERT may not), and the faster counts.
    Returns (seconds, groups, sum of aantal)."""
    from django.db import transaction

    from rapportage.tellingen.services.herberekening import (
        REKENGEHEUGEN,
        organisatiefilter,
        registratieperiode,
        tel_statements,
    )
    from vtregistratie.models import Organisatie

    van, tot = registratieperiode()
    organisaties = organisatiefilter(list(Organisatie.objects.values_list("pk", flat=True)))
    groepen = som = 0
    duur = 0.0
    for _tabel, sql, params in tel_statements(organisaties, van, tot):
        tijden = []
        for instellingen in ([f"SET LOCAL work_mem = '{REKENGEHEUGEN}'", "SET LOCAL enable_sort = off"],
                             [f"SET LOCAL work_mem = '{REKENGEHEUGEN}'"]):
            with transaction.atomic(), connection.cursor() as c:
                for instelling in instellingen:
                    c.execute(instelling)
                t = time.perf_counter()
                c.execute(f"SELECT count(*), sum(aantal) FROM ({sql}) s", params)
                n, totaal = c.fetchone()
                tijden.append(time.perf_counter() - t)
        duur += min(tijden)
        groepen, som = groepen + n, som + (totaal or 0)
    return duur, groepen, som


def vul(connection, rijen: int) -> None:
    from datetime import date

    from meldingen.models import Casus
    from vtregistratie.models import Lidmaatschap

    paren = list(
        Lidmaatschap.objects.geldig_op(date(2024, 1, 1)).order_by("gemeente__code")
        .values_list("organisatie_id", "gemeente__code")
    )
    params = {"orgs": [p[0] for p in paren], "gems": [p[1] for p in paren], "k": len(paren),
              "dagen": (date(2025, 12, 31) - date(2019, 1, 1)).days}
    from diensten.models import Dienst, Monitoring, OnderzoekUitkomst, Overdracht
    from rapportage.tellingen.services.herberekening import teltabellen

    tabellen = [m._meta.db_table for m in (OnderzoekUitkomst, Overdracht, Monitoring, Dienst)]
    tabellen += ["meldingen_melding", "meldingen_casus", "adviezen_advies", "rapportage_verouderdesleutel",
                 "rapportage_herberekening", *(t.model._meta.db_table for t in teltabellen())]
    with connection.cursor() as c:
        c.execute(f"TRUNCATE {', '.join(tabellen)}")
    Casus.objects.bulk_create([
        Casus(organisatie_id=org, jaar=2019, volgnummer=1, nummer="C-2019-000001", geopend_op=date(2019, 1, 1))
        for org in sorted({p[0] for p in paren})
    ])
    with connection.cursor() as c:
        c.execute(INSERT_ADVIEZEN.replace("g % ", "g %% "), {**params, "n": rijen // 2})
        c.execute(INSERT_MELDINGEN.replace("g % ", "g %% "), {**params, "n": rijen - rijen // 2})
        c.execute("ANALYZE adviezen_advies; ANALYZE meldingen_melding")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rijen", type=int, default=1_000_000)
    parser.add_argument("--herhaal", type=int, default=5, help="runs of the single-key recompute")
    parser.add_argument("--rondes", type=int, default=3, help="rounds of full rebuild and lower limit")
    parser.add_argument("--bestaande", action="store_true",
                        help="time the registrations already in the database (the full-scale demo data) "
                             "instead of loading --rijen synthetic ones")
    args = parser.parse_args()
    connection = django_setup()

    from django.db.models import Sum

    from kwartalen.kwartaal import Kwartaal
    from rapportage.tellingen.models import Telling
    from rapportage.tellingen.services.herberekening import herbereken, herbereken_alles, teltabellen

    print(f"machine: {machine()}")
    if args.bestaande:
        from adviezen.models import Advies
        from meldingen.models import Melding

        print(f"existing registrations: {Advies.objects.count() + Melding.objects.count():,}")
    else:
        t = time.perf_counter()
        vul(connection, args.rijen)
        print(f"loaded {args.rijen:,} registrations in {time.perf_counter() - t:.1f} s")

    verhoudingen = []
    for ronde in range(1, args.rondes + 1):
        # Each rebuild leaves its old count rows dead until autovacuum comes by; without this the figure
        # depends on how many rebuilds ran before (10 to 16 s at national scale).
        with connection.cursor() as c:
            for tabel in ("adviezen_advies", "meldingen_melding", *(t.model._meta.db_table for t in teltabellen())):
                c.execute(f"VACUUM ANALYZE {tabel}")
        t = time.perf_counter()
        sleutels = herbereken_alles(aanleiding="benchmark")
        volledig = time.perf_counter() - t
        print(f"[{ronde}] full rebuild: {volledig:.2f} s ({sleutels} keys)")

        kaal, groepen, som = ondergrens(connection)
        rijen = sum(t.model.objects.count() for t in teltabellen())
        opgeteld = sum(t.model.objects.aggregate(n=Sum("aantal"))["n"] or 0 for t in teltabellen())
        print(f"[{ronde}] lower limit (the rollup's SELECT ... GROUP BY, not inserted): {kaal:.2f} s; "
              f"same output as the rebuild: {(groepen, som) == (rijen, opgeteld)} "
              f"({groepen:,} groups / {rijen:,} count rows, aantal {som:,} / {opgeteld:,})")
        verhoudingen.append(volledig / kaal)
        print(f"[{ronde}] ratio full rebuild / lower limit: {volledig / kaal:.2f} (target <= 1.3)")
    print(f"ratio over {args.rondes} rounds: {min(verhoudingen):.2f}-{max(verhoudingen):.2f}")

    org_id = Telling.objects.values("organisatie_id").order_by("-aantal").first()["organisatie_id"]
    tijden, cpu = [], []
    for _ in range(args.herhaal):
        t, c = time.perf_counter(), time.process_time()
        herbereken(organisatie_id=org_id, kwartaal=Kwartaal(2025, 2), aanleiding="benchmark")
        tijden.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    print(f"one key (largest organisation, 2025-K2): median {statistics.median(tijden):.1f} ms, "
          f"max {max(tijden):.1f} ms over {args.herhaal} runs (target < 100 ms); "
          f"CPU of this process median {statistics.median(cpu):.1f} ms")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
