"""p50/p95 latency and query count of the main pages at full scale, served by gunicorn on loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vtreg_demo CACHE_URL=redis://127.0.0.1:6379/12 \
        .venv/bin/python benchmarks/pages.py --herhalingen 40

Use the full-scale database (docs/demodata.md). Each page is asked for by one client, logged in through the
login form as the role that uses it (intake, teamleider or gemeente at/for the benchmark organisation),
``--herhalingen`` times after two warm-up requests. For an analysis, the benchmark first raises the version
of the analyses' inputs (as a new count or reference change does), so the first request computes it
(``cold``); the timed requests then come from the analysis cache (rapportage/analyses/cache.py), shared by
the gunicorn workers when CACHE_URL points to Redis as in production. The query count is of one request
through Django's test client in this process; for an analysis it is the cold request, which computes.
Target (docs/performance.md): list and analysis pages p95 < 300 ms.
"""

import argparse
import time

from _server import Sessie, gunicorn, maak_benchgebruikers, percentiel
from _setup import django_setup, machine

# (name, role, path). The analyses ask for seven years, the whole of the loaded history.
PERIODE = "van=2019&tot=2025"
PAGINAS = [
    ("registration form advies", "intake", "/adviezen/nieuw/"),
    ("registration form melding", "intake", "/meldingen/nieuw/"),
    ("list adviezen", "intake", "/adviezen/"),
    ("list adviezen, filtered", "intake", "/adviezen/?van=2024-01-01&tot=2024-12-31&melder_groep=politie"),
    ("list adviezen, sorted, last page", "intake", "/adviezen/?sort=gemeente&page=last"),
    ("list meldingen", "intake", "/meldingen/"),
    ("list meldingen, filtered", "intake", "/meldingen/?van=2025-01-01&tot=2025-06-30&crisis=true"),
    ("worklist", "intake", "/meldingen/te-beoordelen/"),
    ("team lead: quarters", "teamleider", "/rapportage/kwartalen/"),
    ("team lead: one quarter", "teamleider", "/rapportage/kwartalen/2025/2/"),
    ("analyses index", "teamleider", "/rapportage/analyses/"),
    *[(f"analysis {naam}", rol, f"/rapportage/analyses/{naam}/?{PERIODE}")
      for naam in ("landelijk", "regio", "gemeenten", "melders", "meldingen", "vergelijking")
      for rol in ("teamleider", "gemeente")],
]


def _querytelling(pad: str, gebruikersnaam: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from vtregistratie.models import Gebruiker

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(Gebruiker.objects.get(username=gebruikersnaam))
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(pad)
    if antwoord.status_code != 200:
        raise SystemExit(f"{pad} as {gebruikersnaam}: HTTP {antwoord.status_code}")
    return len(vastgelegd)


def _nieuwe_invoer():
    from rapportage.analyses.cache import verhoog_invoerversie

    verhoog_invoerversie()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--herhalingen", type=int, default=40)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--alleen", default="", help="only the pages whose name contains this text")
    args = parser.parse_args()

    django_setup()
    gebruikers = maak_benchgebruikers()
    print(machine())
    from django.conf import settings

    print(f"gunicorn: {args.workers} sync workers; cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
          f"one client; {args.herhalingen} requests per page after 2 warm-up")
    with gunicorn(workers=args.workers) as basis:
        sessies = {}
        for rol, gebruiker in gebruikers.items():
            sessies[rol] = Sessie(basis)
            sessies[rol].log_in(gebruiker)
        print(f"{'page':<36} {'role':<10} {'queries':>7} {'cold ms':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
        for naam, rol, pad in PAGINAS:
            if args.alleen not in naam:
                continue
            analyse = pad.startswith("/rapportage/analyses/") and pad != "/rapportage/analyses/"
            if analyse:
                _nieuwe_invoer()
            queries = _querytelling(pad, gebruikers[rol].gebruikersnaam)
            sessie = sessies[rol]
            koud = ""
            if analyse:
                _nieuwe_invoer()
                t0 = time.perf_counter()
                sessie.get(pad)
                koud = f"{(time.perf_counter() - t0) * 1000:.0f}"
            tijden = []
            for i in range(args.herhalingen + 2):
                t0 = time.perf_counter()
                status, _ = sessie.get(pad)
                if status != 200:
                    raise SystemExit(f"{pad} as {rol}: HTTP {status}")
                if i >= 2:
                    tijden.append((time.perf_counter() - t0) * 1000)
            print(f"{naam:<36} {rol:<10} {queries:>7} {koud:>7} {percentiel(tijden, 50):>7.0f} "
                  f"{percentiel(tijden, 95):>7.0f} {max(tijden):>7.0f}", flush=True)


if __name__ == "__main__":
    main()
