"""p95 of the analysis "Wachttijden en doorlooptijden" (page and API), cold and from the cache, served by gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vtreg_demo CACHE_URL=redis://127.0.0.1:6379/12 \
        .venv/bin/python benchmarks/wachttijden.py --herhalingen 40 --koud 10

Use a database loaded with ``genereer_demodata`` (docs/performance.md, "Loading the national scale"); the
diensten count tables must be filled (the demo's recompute does that). Each variant is asked for by one client
logged in through the login form: ``--koud`` times right after raising the version of the analyses' inputs (as a
recompute does), so the request computes and renders the analysis (*cold*), and ``--herhalingen`` times after
two warm-up requests from the analysis cache (shared by the gunicorn workers when CACHE_URL points to Redis).
Targets (issue 14, docs/performance.md): p95 < 300 ms from the cache, < 1.5 s cold.
"""

import argparse
import time

from _server import Sessie, gunicorn, maak_benchgebruikers, percentiel
from _setup import django_setup, machine

# (name, role, path): seven years of all regions, the default period, and one region side by side with two more.
VARIANTEN = [
    ("page, 2019-2025, all regions", "/rapportage/analyses/wachttijden/?van=2019&tot=2025"),
    ("page, default period", "/rapportage/analyses/wachttijden/"),
    ("page, 2023-2025, three regions", "/rapportage/analyses/wachttijden/?van=2023&tot=2025&regio=VT01&regio=VT02"
                                       "&regio=VT18"),
    ("API, 2019-2025, all regions", "/api/v1/analyses/wachttijden/?van=2019&tot=2025"),
    ("CSV regions, 2019-2025", "/rapportage/analyses/wachttijden/?van=2019&tot=2025&tabel=regios&formaat=csv"),
]
ROLLEN = ("teamleider", "gemeente")


def _nieuwe_invoer():
    from rapportage.analyses.cache import verhoog_invoerversie

    verhoog_invoerversie()


def _rijen() -> str:
    from rapportage.tellingen.models import TellingDienst, TellingDuur, TellingUitkomst, TellingWachtlijst

    return ", ".join(f"{m.__name__} {m.objects.count():,}" for m in (TellingDuur, TellingWachtlijst, TellingDienst,
                                                                     TellingUitkomst))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--herhalingen", type=int, default=40)
    parser.add_argument("--koud", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    django_setup()
    gebruikers = maak_benchgebruikers()
    print(machine())
    print(f"count rows: {_rijen()}")
    from django.conf import settings

    print(f"gunicorn: {args.workers} sync workers; cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
          f"one client; {args.koud} cold requests, then {args.herhalingen} from the cache after 2 warm-up")
    with gunicorn(workers=args.workers) as basis:
        sessies = {}
        for rol in ROLLEN:
            sessies[rol] = Sessie(basis)
            sessies[rol].log_in(gebruikers[rol])
        print(f"{'variant':<34} {'role':<10} {'cold p50':>8} {'cold p95':>8} {'p50 ms':>7} {'p95 ms':>7} "
              f"{'max ms':>7}")
        for naam, pad in VARIANTEN:
            for rol in ROLLEN:
                sessie = sessies[rol]
                koud = []
                for _ in range(args.koud):
                    _nieuwe_invoer()
                    t0 = time.perf_counter()
                    status, _inhoud = sessie.get(pad)
                    koud.append((time.perf_counter() - t0) * 1000)
                    if status != 200:
                        raise SystemExit(f"{pad} as {rol}: HTTP {status}")
                tijden = []
                for i in range(args.herhalingen + 2):
                    t0 = time.perf_counter()
                    status, _inhoud = sessie.get(pad)
                    if status != 200:
                        raise SystemExit(f"{pad} as {rol}: HTTP {status}")
                    if i >= 2:
                        tijden.append((time.perf_counter() - t0) * 1000)
                print(f"{naam:<34} {rol:<10} {percentiel(koud, 50):>8.0f} {percentiel(koud, 95):>8.0f} "
                      f"{percentiel(tijden, 50):>7.0f} {percentiel(tijden, 95):>7.0f} {max(tijden):>7.0f}",
                      flush=True)


if __name__ == "__main__":
    main()
