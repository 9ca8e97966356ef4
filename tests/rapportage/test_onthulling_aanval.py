"""An analyst attacks the disclosure control the way the earlier tester did.

A `gemeente` user asks the analyses for every combination of regions (all subsets of five), periods (each year
and both) and melder groepen (every subset) — over the national trend, per region, per meldergroep, per gemeente
and the meldingen tables, which show the same counts in different breakdowns: more than 2,000 requests. Every
shown count gives an interval for the sum of the true counts it covers; solved together (exact bounds by linear
programming, and a least-squares estimate), a cell is *recovered* when its bounds pin it to one value.

The attacker knows the method and which quarters, regions and melder groepen a cell covers (the public
definition of a cell: ``Aantal.gepubliceerd()`` is read for its identities only, never its counts).

The test first shows that the attack works: against the old rule, each shown count rounded to 5 on its own
(``oud_afgerond``, kept only here), it pins suppressed and rounded cells exactly. It then solves the same
requests as ``beveilig`` answers them and asserts that no suppressed and no rounded cell is pinned. The requests
are made once and read under both rules (selectors in-process, as the API calls them).
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse.linalg import lsqr as sparse_lsqr

from config import settings as productie
from rapportage.analyses.filters import Filters
from rapportage.analyses.gegevens import Gegevens
from rapportage.analyses.gemeenten import per_gemeente
from rapportage.analyses.landelijk import landelijke_ontwikkeling
from rapportage.analyses.melders import per_melder_groep
from rapportage.analyses.meldingen import meldingen
from rapportage.analyses.regio import per_regio
from rapportage.onthulling import AFGELEID, GEHEIM, Aantal, beveilig
from vtregistratie.models import Organisatie

pytestmark = pytest.mark.django_db

REGIOS = {"VT02": "GM0106", "VT03": "GM0034", "VT04": "GM0080", "VT05": "GM0202", "VT06": "GM0268"}
JAREN = (2023, 2024)
GROEPEN = ("politie", "overige_professional", "niet_professional")
PERIODES = ((2023, 2023), (2024, 2024), (2023, 2024))
# the tables that show melding counts by organisation, gemeente, melder groep and period (crisis is always
# "nee" and beoordeling always "overdracht" here, so their tables show the same totals again)
TABELLEN = {"jaar", "kwartaal", "aantallen_melding", "melders_melding", "gemeenten_melding", "crisis", "beoordeling"}


def oud_afgerond(waarde: int) -> int | None:
    """The rule before published cells: every shown count rounded to 5 on its own, 1 to 9 suppressed."""
    if waarde == 0:
        return 0
    if waarde < 10:
        return None
    return int((Decimal(waarde) / 5).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 5


@pytest.fixture
def kleine_cellen(telling, sluit):
    """Meldingen of five regions, two years, three melder groepen: mostly 1 to 9 per region × quarter × group."""
    rnd = random.Random(1312)
    waarden = {}
    for code, gemeente in REGIOS.items():
        for jaar in JAREN:
            for kwartaal in (1, 2, 3, 4):
                for groep in GROEPEN:
                    n = rnd.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 11, 14, 18, 26])
                    waarden[(code, jaar, kwartaal, groep)] = n
                    if n:
                        telling(code, jaar, kwartaal, n, soort="melding", melder_groep=groep, gemeente=gemeente,
                                beoordeling="overdracht", eerdere="eerste_melding", binnen_termijn=True)
            sluit(code, jaar)
    return waarden


def _atomen(cel: Aantal, codes: dict[int, str], gemeenten: dict[str, str], index: dict) -> frozenset[int]:
    """The unknowns a shown count sums, from the identities of its published cells (the cell's definition)."""
    uit = set()
    for (geo, periode, _soort, dims), _n in cel.gepubliceerd():
        code = codes[geo[1]] if geo[0] == "regio" else gemeenten[geo[1]]
        kwartalen = ([(periode[1], k) for k in (1, 2, 3, 4)] if periode[0] == "jaar" else
                     [(periode[1], k) for k in ((1, 2) if periode[2] == 1 else (3, 4))] if periode[0] == "halfjaar"
                     else [(periode[1], periode[2])])
        groepen = [dict(dims)["melder_groep"]] if "melder_groep" in dict(dims) else GROEPEN
        uit |= {index[(code, j, k, g)] for j, k in kwartalen for g in groepen}
    return frozenset(uit)


def _verzoeken(index: dict) -> tuple[int, list[tuple[frozenset[int], int, int | None, object]]]:
    """Every request within the bound; per shown count: its unknowns, true value, old and new shown value."""
    ids = dict(Organisatie.objects.filter(code__in=REGIOS).values_list("code", "pk"))
    codes = {pk: code for code, pk in ids.items()}
    gemeenten = {gemeente: code for code, gemeente in REGIOS.items()}
    regiokeuzes = [()] + [c for n in range(1, len(REGIOS) + 1) for c in itertools.combinations(REGIOS, n)]
    groepkeuzes = [()] + [c for n in range(1, len(GROEPEN) + 1) for c in itertools.combinations(GROEPEN, n)]
    verzoeken, cellen = 0, []

    def lees(analyse) -> None:
        for tabel in analyse.tabellen:
            if tabel.sleutel not in TABELLEN:
                continue
            for rij in tabel.rijen:
                for cel in rij:
                    if isinstance(cel, Aantal) and all(o in codes for o in cel.organisaties):
                        cellen.append((_atomen(cel, codes, gemeenten, index), cel.waarde,
                                       oud_afgerond(cel.waarde), beveilig(cel, eigen_organisatie=None).waarde))

    for (van, tot), regios, groepen in itertools.product(PERIODES, regiokeuzes, groepkeuzes):
        filters = Filters(van_jaar=van, tot_jaar=tot, organisaties=tuple(sorted(ids[c] for c in regios)),
                          soorten=("melding",), melder_groepen=groepen)
        gegevens = Gegevens(filters)  # what three requests with the same filters read, loaded once
        for analyse in (landelijke_ontwikkeling, per_melder_groep, meldingen):
            lees(analyse(filters, gegevens))
            verzoeken += 1
        if not regios and len(groepen) <= 1:
            # per region and per gemeente every region is a row of its own: a selection only hides rows
            for analyse in (per_regio, per_gemeente):
                lees(analyse(filters))
                verzoeken += 1
    return verzoeken, cellen


def _interval_oud(getoond: int | None) -> tuple[int, float]:
    if getoond is None:
        return 1, 9
    if getoond == 0:
        return 0, 0
    return max(10, getoond - 2), getoond + 2


def _interval_nieuw(getoond, aantal_delen: int) -> tuple[float, float]:
    """What the method (public) allows: a published cell is at most 2 + 2 from its count and at least 10; a
    derived one is a sum of such values, a suppressed part counting 5 (at most 4 from its 1 to 9)."""
    if getoond == GEHEIM:
        return 1, 9
    tekst = str(getoond)
    afgeleid = AFGELEID in tekst
    waarde = int(tekst.replace(AFGELEID, "").strip())
    if waarde == 0:
        return 0, 0
    if not afgeleid:
        return max(10, waarde - 4), waarde + 4
    return max(0, waarde - 4 * aantal_delen), waarde + 4 * aantal_delen


def _los_op(n: int, beperkingen: dict[frozenset[int], tuple[float, float]], doelen: dict[str, frozenset[int]]):
    """Exact bounds of every target over all constraints, and the least-squares estimate of every unknown."""
    rijen = sorted(beperkingen, key=sorted)
    matrix = sparse.lil_matrix((len(rijen), n))
    for i, atomen in enumerate(rijen):
        matrix[i, sorted(atomen)] = 1
    matrix = matrix.tocsr()
    laag = np.array([beperkingen[a][0] for a in rijen])
    hoog = np.array([beperkingen[a][1] for a in rijen])
    schatting = sparse_lsqr(matrix, (laag + hoog) / 2)[0]
    beperking = LinearConstraint(matrix, laag, hoog)
    grenzen = {}
    for naam, atomen in doelen.items():
        c = np.zeros(n)
        c[sorted(atomen)] = 1
        onder = milp(c, constraints=beperking, bounds=Bounds(0, np.inf))
        boven = milp(-c, constraints=beperking, bounds=Bounds(0, np.inf))
        assert onder.status == 0 and boven.status == 0, naam  # the truth is always feasible
        grenzen[naam] = (onder.fun, -boven.fun)
    return grenzen, schatting


def _aanval(kleine_cellen, index, cellen, *, oud: bool):
    waarheid = np.array([kleine_cellen[s] for s in sorted(kleine_cellen)])
    beperkingen: dict[frozenset[int], tuple[float, float]] = {}
    for atomen, waarde, oud_getoond, nieuw_getoond in cellen:
        assert waarde == waarheid[list(atomen)].sum()  # the attacker's reading of a cell is right
        if oud:
            lo, hi = _interval_oud(oud_getoond)
        else:
            lo, hi = _interval_nieuw(nieuw_getoond, max(1, len(atomen)))
        vorig = beperkingen.get(atomen, (0, float("inf")))
        beperkingen[atomen] = (max(vorig[0], lo), min(vorig[1], hi))
    # the targets: every region × quarter × group, every region × quarter, every region × year
    doelen: dict[str, frozenset[int]] = {}
    per_kwartaal, per_jaar = defaultdict(set), defaultdict(set)
    for (code, jaar, kwartaal, groep), i in index.items():
        doelen[f"{code} {jaar}-K{kwartaal} {groep}"] = frozenset({i})
        per_kwartaal[f"{code} {jaar}-K{kwartaal}"].add(i)
        per_jaar[f"{code} {jaar}"].add(i)
    doelen |= {k: frozenset(v) for k, v in (per_kwartaal | per_jaar).items()}
    grenzen, schatting = _los_op(len(index), beperkingen, doelen)
    gevonden = {}
    for naam, (onder, boven) in grenzen.items():
        waar = int(waarheid[list(doelen[naam])].sum())
        assert onder - 1e-6 <= waar <= boven + 1e-6, naam
        if waar and np.ceil(onder - 1e-6) == np.floor(boven + 1e-6):
            gevonden[naam] = waar
    raak = sum(round(s) == w for s, w in zip(schatting, waarheid, strict=True) if 1 <= w <= 9)
    return gevonden, raak


def test_the_attack_recovers_cells_under_independent_rounding_and_none_from_published_cells(kleine_cellen,
                                                                                             settings):
    settings.ONTHULLING_PTABEL = productie.ONTHULLING_PTABEL  # the test settings switch the perturbation off
    index = {sleutel: i for i, sleutel in enumerate(sorted(kleine_cellen))}
    verzoeken, cellen = _verzoeken(index)  # once: every shown count under both rules
    assert verzoeken >= 2000

    # first the attacker is shown to work: the old rule gives away both suppressed and rounded cells
    gevonden, _raak = _aanval(kleine_cellen, index, cellen, oud=True)
    klein = {n: w for n, w in gevonden.items() if w < 10}
    afgerond = {n: w for n, w in gevonden.items() if w >= 10}
    assert len(klein) >= 10 and len(afgerond) >= 5, gevonden

    # the same requests against the published cells: nothing pinned
    gevonden, raak = _aanval(kleine_cellen, index, cellen, oud=False)
    assert gevonden == {}
    # and the least-squares estimate of a suppressed cell is no better than a guess between 1 and 9
    kleine = sum(1 for w in kleine_cellen.values() if 1 <= w <= 9)
    assert raak < kleine / 3, (raak, kleine)
