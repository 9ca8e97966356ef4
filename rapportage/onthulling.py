"""Disclosure control: what a viewer outside the registering organisation may see of a count.

**Published cells.** Outside viewers get counts only from a fixed set of *published cells*: one VT region
(organisation) or one gemeente as registered by one region × one period (a year, a half-year or a quarter) × one
soort × one value of each breakdown an analysis shows (melder groep, crisis, beoordeling, …). Each published
cell is protected once, by the cell-key method: a key is computed from the cell's identity and its true count
with a keyed hash (HMAC, ``settings.ONTHULLING_SLEUTEL``) and looked up in the perturbation table
``settings.ONTHULLING_PTABEL``; the count plus that perturbation is rounded to a multiple of
``settings.ONTHULLING_AFRONDING``. A true count from 1 up to (not including) ``settings.ONTHULLING_DREMPEL`` is
suppressed (``.``); 0 stays 0. The same cell with the same count gets the same value on every page, download,
API answer and day, so asking again teaches nothing.

**Derived cells.** Anything else — the nation, a group of regions (G4, an urbanisation class), a user's
selection of regions or melder groepen, a total over crisis and non-crisis — is the sum of the protected values
of the published cells it consists of (a suppressed one counts as ``ONTHULLING_DREMPEL // 2``, whatever its
true value), never of raw counts, and carries the marker ``(a)``. So no choice of filters reveals more than
the published cells themselves.

A team lead sees the counts of their own organisation exactly; a cell that sums several organisations is
"outside" unless every one of them is the viewer's own. Municipal users (``gemeente``) have no own
organisation: they see only protected values.

Derived figures (``Percentage``, ``Groei``, ``PerInwoners``) are computed for an outside viewer from the
*protected* counts, never from the true ones, and are suppressed where an input is: a rate per 10,000
inhabitants or a share cannot be used to recompute a small count.

**Percentiles** (``Percentiel``: the median or 80th percentile of a waiting time or doorlooptijd, in days) derive
from protected values and are suppressed where their inputs are. A percentile of one published cell (a region ×
a period of the fixed cover × one breakdown value) is computed from that cell's own day histogram and shown only
when the cell's count is shown (never for a group of 1 to 9); a percentile of anything else — the nation, a
selection of regions, several periods — is interpolated from the *protected* counts of the fixed duration classes
(``DUURKLASSEN``) of the published cells it consists of, and marked ``(a)``. So a user-chosen aggregate teaches
nothing that the published class counts do not, and no union or difference of selections reveals a small group.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.conf import settings

from vtregistratie.regels import exacte_organisatie

GEHEIM = "."  # a suppressed value (the CBS StatLine symbol)
NIET_BEREKEND = "–"  # not computable: no denominator, no inhabitants
AFGELEID = "(a)"  # derived: the sum of several published cells

#: The identity of a published cell: (geo, period, soort, breakdown), all plain tuples, ints and strings.
CelIdentiteit = tuple
#: One atom of a count: (organisation id, year, quarter, soort, breakdown) where the breakdown is a tuple of
#: (dimension, value) pairs; ``gemeente_code`` among them makes the gemeente the geographic unit.
Atoom = tuple


def afronding() -> int:
    return int(getattr(settings, "ONTHULLING_AFRONDING", 5))


def drempel() -> int:
    return int(getattr(settings, "ONTHULLING_DREMPEL", 10))


def ptabel() -> tuple[tuple[int, float], ...]:
    return tuple(getattr(settings, "ONTHULLING_PTABEL", ((0, 1.0),)))


def _sleutel() -> bytes:
    return str(getattr(settings, "ONTHULLING_SLEUTEL", "") or settings.SECRET_KEY).encode()


def celsleutel(identiteit: CelIdentiteit, waarde: int) -> float:
    """The cell key: a number in [0, 1) fixed by the cell's identity and true count and the secret key."""
    digest = hmac.new(_sleutel(), repr((identiteit, int(waarde))).encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def verstoring(identiteit: CelIdentiteit, waarde: int) -> int:
    """The perturbation of this cell: the cell key looked up in the cumulative perturbation table."""
    sleutel, grens = celsleutel(identiteit, waarde), 0.0
    tabel = ptabel()
    for ruis, kans in tabel:
        grens += kans
        if sleutel < grens:
            return int(ruis)
    return int(tabel[-1][0])


def _rond(waarde: int) -> int:
    stap = afronding()
    return int((Decimal(waarde) / stap).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * stap


def beschermd(identiteit: CelIdentiteit, waarde: int) -> int | None:
    """The one protected value of a published cell: ``None`` when suppressed (a true value from 1 up to the
    threshold); 0 stays 0; else the count plus its perturbation, rounded, and never below the threshold."""
    waarde = int(waarde)
    if waarde <= 0:
        return 0 if waarde == 0 else None
    if waarde < drempel():
        return None
    return max(drempel(), _rond(waarde + verstoring(identiteit, waarde)))


def parameters() -> str:
    """A short fingerprint of the disclosure parameters, for cache keys: other parameters, other values."""
    inhoud = repr((afronding(), drempel(), ptabel(), hashlib.sha256(_sleutel()).hexdigest()))
    return hashlib.sha256(inhoud.encode()).hexdigest()[:12]


def geheim_bijdrage() -> int:
    """What a suppressed published cell adds to a derived sum: the same for every true value from 1 to 9."""
    return drempel() // 2


# --- counts that know their atoms --------------------------------------------------------------------------------


class Telwaarde:
    """A count as the analyses add it up (``sum``, ``+=``, comparisons like an ``int``) that remembers the atoms
    it sums, so the disclosure rule can tell which published cells a total consists of."""

    __slots__ = ("atomen",)

    def __init__(self, atomen: Mapping[Atoom, int]):
        self.atomen = dict(atomen)

    def __int__(self) -> int:
        return sum(self.atomen.values())

    __index__ = __int__

    def __add__(self, other):
        if isinstance(other, Telwaarde):
            samen = dict(self.atomen)
            for atoom, n in other.atomen.items():
                samen[atoom] = samen.get(atoom, 0) + n
            return Telwaarde(samen)
        if isinstance(other, int) and other == 0:
            return self
        return int(self) + other

    __radd__ = __add__

    def __bool__(self) -> bool:
        return int(self) != 0

    def __eq__(self, other) -> bool:
        return int(self) == (int(other) if isinstance(other, Telwaarde) else other)

    def __hash__(self) -> int:
        return hash(int(self))

    def __lt__(self, other) -> bool:
        return int(self) < int(other)

    def __le__(self, other) -> bool:
        return int(self) <= int(other)

    def __gt__(self, other) -> bool:
        return int(self) > int(other)

    def __ge__(self, other) -> bool:
        return int(self) >= int(other)

    def __mul__(self, other):
        return int(self) * other

    __rmul__ = __mul__

    def __truediv__(self, other):
        return int(self) / (int(other) if isinstance(other, Telwaarde) else other)

    def __rtruediv__(self, other):
        return other / int(self)

    def __repr__(self) -> str:
        return f"Telwaarde({int(self)})"


@lru_cache(maxsize=4096)
def _periodes(kwartalen: frozenset[tuple[int, int]]) -> dict[tuple[int, int], tuple]:
    """Which published period each quarter of a cell belongs to: whole years first, then half-years, then
    quarters — a fixed cover, so the same set of quarters always makes the same published cells. Cached: the
    mapping is shared, read it only."""
    uit: dict[tuple[int, int], tuple] = {}
    for jaar in {j for j, _k in kwartalen}:
        if all((jaar, k) in kwartalen for k in (1, 2, 3, 4)):
            uit.update({(jaar, k): ("jaar", jaar) for k in (1, 2, 3, 4)})
            continue
        for helft, kws in ((1, (1, 2)), (2, (3, 4))):
            if all((jaar, k) in kwartalen for k in kws):
                uit.update({(jaar, k): ("halfjaar", jaar, helft) for k in kws})
            else:
                uit.update({(jaar, k): ("kwartaal", jaar, k) for k in kws if (jaar, k) in kwartalen})
    return uit


def publicatiecellen(atomen: Mapping[Atoom, int],
                     kwartalen: Iterable[tuple[int, int]] = ()) -> tuple[tuple[CelIdentiteit, int], ...]:
    """The published cells (identity, true count) that a count over these atoms and quarters consists of.

    Geography: the organisation, or the gemeente as that organisation registered it when the atom has one (a
    count without gemeente stays with its organisation). Period: the fixed cover of the cell's quarters
    (``kwartalen``, plus those of the atoms). Breakdown: every (dimension, value) of the atom. Cells with a true
    count of 0 are left out.
    """
    alle_kwartalen = {tuple(kw) for kw in kwartalen} | {(a[1], a[2]) for a in atomen}
    periode_van = _periodes(frozenset(alle_kwartalen))  # the same few sets of quarters, asked thousands of times
    cellen: dict[CelIdentiteit, int] = defaultdict(int)
    for (org, jaar, kwartaal, soort, indeling), n in atomen.items():
        if not n:
            continue
        dims = dict(indeling)
        gemeente = dims.pop("gemeente_code", None)
        # a gemeente's count per registering region: a melding may name a gemeente outside its region, and every
        # page selects registering regions, so one region's share of a gemeente must not share the whole's identity
        geo = ("regio", org) if gemeente is None else ("gemeente", gemeente, org)
        cellen[(geo, periode_van[(jaar, kwartaal)], soort, tuple(sorted(dims.items())))] += n
    return tuple(sorted(((c, n) for c, n in cellen.items() if n), key=repr))


@dataclass(frozen=True)
class Aantal:
    """A count that sums the given organisations (ids). ``tekens`` are markers shown after it (``*``).

    ``cellen``: the published cells (identity, true count) it consists of (``publicatiecellen``); ``None`` for
    a count that is one cell of its own, named by its organisations. ``onbekend``: nothing of it is known (no
    registration in the application, nothing imported) — shown as ``–``, never as 0; a sum is unknown only
    when all its parts are.
    """

    waarde: int
    organisaties: frozenset[int] = frozenset()
    tekens: tuple[str, ...] = ()
    cellen: tuple[tuple[CelIdentiteit, int], ...] | None = None
    onbekend: bool = False

    def gepubliceerd(self) -> tuple[tuple[CelIdentiteit, int], ...]:
        if self.cellen is not None:
            return self.cellen
        return ((("cel", tuple(sorted(self.organisaties))), self.waarde),) if self.waarde else ()

    def __add__(self, other: Aantal) -> Aantal:
        return Aantal(self.waarde + other.waarde, self.organisaties | other.organisaties,
                      _samen(self.tekens, other.tekens), self.gepubliceerd() + other.gepubliceerd(),
                      onbekend=self.onbekend and other.onbekend)


@dataclass(frozen=True)
class Percentage:
    """A share: ``teller / noemer × 100``."""

    teller: Aantal
    noemer: Aantal
    tekens: tuple[str, ...] = ()


@dataclass(frozen=True)
class Groei:
    """Growth from ``oud`` to ``nieuw`` in percent: ``(nieuw − oud) / oud × 100``."""

    oud: Aantal
    nieuw: Aantal
    tekens: tuple[str, ...] = ()


@dataclass(frozen=True)
class PerInwoners:
    """A count per ``per`` (10,000) inhabitants. ``inwoners`` is public reference data (CBS)."""

    aantal: Aantal
    inwoners: int | None
    per: int = 10_000
    tekens: tuple[str, ...] = ()


#: The fixed classes of a duration in days, (from, to inclusive; None: open), in which durations are published to
#: outside viewers: the age distribution of a waiting list, and the input of every percentile of an aggregate.
DUURKLASSEN: tuple[tuple[int, int | None], ...] = (
    (0, 6), (7, 13), (14, 27), (28, 41), (42, 55), (56, 70), (71, 91), (92, 182), (183, 364), (365, None),
)


def duurklasse(dagen: int) -> tuple[int, int | None]:
    """The class of ``DUURKLASSEN`` that holds a duration of ``dagen`` days."""
    return next(k for k in DUURKLASSEN if k[1] is None or dagen <= k[1])


def klasse_label(klasse: tuple[int, int | None]) -> str:
    van, tot = klasse
    return f"{van}–{tot}" if tot is not None else f"{van}+"


@dataclass(frozen=True)
class Percentiel:
    """The ``p``-th percentile (0 < p < 1) in days of the durations counted by ``aantal``.

    ``exact``: computed from the group's own day histogram (None: no durations), for the viewer who sees the
    group exactly and for one published cell whose count is shown. ``afgeleid``: what an outside viewer sees of an
    aggregate (a count of several published cells), ``percentiel_van_klassen`` of the group's counts per class —
    computed from protected values only, so it is the same for every outside viewer and may be kept in the cache.
    """

    aantal: Aantal
    exact: float | None
    p: float
    afgeleid: float | None = None
    tekens: tuple[str, ...] = ()


def percentiel_van_klassen(klassen: Iterable[Aantal], p: float) -> float | None:
    """An aggregate's percentile for an outside viewer: interpolated from the *protected* values of its counts per
    class of ``DUURKLASSEN`` (same order; each an ``Aantal`` that knows its published cells), a suppressed class
    counting as ``geheim_bijdrage`` like in every derived sum."""
    beschermd = []
    for klasse, aantal in zip(DUURKLASSEN, klassen, strict=True):
        if aantal.gepubliceerd():
            w, _uit_meer = beschermde_waarde(aantal)
            beschermd.append((klasse, geheim_bijdrage() if w is None else w))
    return percentiel_uit_klassen(beschermd, p)


def percentiel_uit_klassen(klassen: Iterable[tuple[tuple[int, int | None], float]], p: float) -> float | None:
    """The ``p``-th percentile of durations known only as counts per class: linear within the class that holds
    rank ``p × n`` (the open last class gives its lower bound). ``None`` without counts."""
    klassen = [(k, float(n)) for k, n in klassen]
    totaal = sum(n for _k, n in klassen)
    if totaal <= 0:
        return None
    rang, voor = p * totaal, 0.0
    for (van, tot), n in klassen:
        if n > 0 and voor + n >= rang:
            if tot is None:
                return float(van)
            return van + (rang - voor) / n * (tot + 1 - van)
        voor += n
    return float(klassen[-1][0][0])


@dataclass(frozen=True)
class GemiddeldeGroei:
    """The unweighted mean of several growth figures (of regions): each growth computed as ``Groei`` shows it,
    then averaged — every region counts once, whatever its size. Suppressed when any input count is; not
    computable (–) when any growth is, or when there is none."""

    groeien: tuple[Groei, ...]
    tekens: tuple[str, ...] = ()


Cel = Aantal | Percentage | Groei | PerInwoners | Percentiel | GemiddeldeGroei


@dataclass(frozen=True)
class Getoond:
    """What a viewer gets of one cell.

    ``tekst`` is the page text (Dutch number format), ``waarde`` the download value (int, float or the
    symbols ``.`` / ``–``, as a string with the markers when there are any), ``getal`` the number a chart
    may draw (``None``: nothing to draw), ``geheim`` whether the value was suppressed.
    """

    tekst: str
    waarde: int | float | str | None
    getal: float | None = None
    geheim: bool = False
    getalcel: bool = False  # a number column (right-aligned); labels are not


def _samen(*reeksen: Iterable[str]) -> tuple[str, ...]:
    uit: list[str] = []
    for reeks in reeksen:
        for teken in reeks:
            if teken not in uit:
                uit.append(teken)
    return tuple(uit)


def beschermde_waarde(aantal: Aantal) -> tuple[int | None, bool]:
    """What an outside viewer sees of a count, and whether it is derived: one published cell gives its protected
    value (``None``: suppressed); several give the sum of their protected values."""
    cellen = aantal.gepubliceerd()
    if not cellen:
        return 0, False
    if len(cellen) == 1:
        return beschermd(*cellen[0]), False
    som = 0
    for identiteit, n in cellen:
        w = beschermd(identiteit, n)
        som += geheim_bijdrage() if w is None else w
    return som, True


def is_exact(organisaties: frozenset[int], eigen_organisatie: int | None) -> bool:
    """Whether a viewer whose own organisation is ``eigen_organisatie`` may see these organisations' sum exactly."""
    return eigen_organisatie is not None and bool(organisaties) and organisaties == {eigen_organisatie}


def eigen_organisatie_van(gebruiker) -> int | None:
    """The organisation whose counts the user sees exactly (rule "vt.tellingen_zien"); nobody else has one."""
    return exacte_organisatie(gebruiker)


def _organisaties(cel: Cel) -> frozenset[int]:
    if isinstance(cel, Aantal):
        return cel.organisaties
    if isinstance(cel, Percentage):
        return cel.teller.organisaties | cel.noemer.organisaties
    if isinstance(cel, Groei):
        return cel.oud.organisaties | cel.nieuw.organisaties
    if isinstance(cel, GemiddeldeGroei):
        return frozenset().union(*(_organisaties(g) for g in cel.groeien))
    return cel.aantal.organisaties  # PerInwoners, Percentiel


def _onbekend(cel: Cel) -> bool:
    if isinstance(cel, Aantal):
        return cel.onbekend
    if isinstance(cel, Percentage):
        return cel.teller.onbekend or cel.noemer.onbekend
    if isinstance(cel, Groei):
        return cel.oud.onbekend or cel.nieuw.onbekend
    if isinstance(cel, GemiddeldeGroei):
        return any(_onbekend(g) for g in cel.groeien)
    return cel.aantal.onbekend


def _tekens(cel: Cel) -> tuple[str, ...]:
    if isinstance(cel, Aantal):
        return cel.tekens
    if isinstance(cel, Percentage):
        return _samen(cel.teller.tekens, cel.noemer.tekens, cel.tekens)
    if isinstance(cel, Groei):
        return _samen(cel.oud.tekens, cel.nieuw.tekens, cel.tekens)
    if isinstance(cel, GemiddeldeGroei):
        return _samen(*(_tekens(g) for g in cel.groeien), cel.tekens)
    return _samen(cel.aantal.tekens, cel.tekens)


def formatteer_aantal(waarde: int) -> str:
    """Dutch digit grouping with a narrow no-break space, so it cannot be mistaken for the ``.`` symbol."""
    return f"{waarde:,}".replace(",", "\u202f")


def formatteer_decimaal(waarde: float, *, teken: bool = False) -> str:
    tekst = f"{waarde:+.1f}" if teken else f"{waarde:.1f}"
    return tekst.replace("-", "−").replace(".", ",")


def _met_tekens(getoond: Getoond, tekens: tuple[str, ...]) -> Getoond:
    if not tekens:
        return getoond
    achter = " ".join(tekens)
    waarde = getoond.waarde
    if isinstance(waarde, int | float) and waarde < 0:
        waarde = f"−{-waarde}"  # a text cell starting with "-" would be taken for a formula in a spreadsheet
    return Getoond(
        tekst=f"{getoond.tekst} {achter}",
        waarde=f"{waarde} {achter}" if waarde is not None else achter,
        getal=getoond.getal, geheim=getoond.geheim, getalcel=getoond.getalcel,
    )


def _getal(waarde: float | None, *, teken: bool = False) -> Getoond:
    if waarde is None:
        return Getoond(NIET_BEREKEND, NIET_BEREKEND, None, getalcel=True)
    afgerond_ = round(waarde, 1)
    return Getoond(formatteer_decimaal(afgerond_, teken=teken), afgerond_, afgerond_, getalcel=True)


_GEHEIM = Getoond(GEHEIM, GEHEIM, None, geheim=True, getalcel=True)


def _afgeleid(a: int | None, b: int | None, formule, *, teken: bool = False) -> Getoond:
    """A figure derived from two (protected) values: suppressed when either input is."""
    if a is None or b is None:
        return _GEHEIM
    return _getal(formule(a, b), teken=teken)


def _percentiel(cel: Percentiel, exact: bool) -> tuple[Getoond, bool]:
    """A percentile as a viewer sees it, and whether it is derived (see the module's docstring)."""
    eigen = None if cel.exact is None else float(cel.exact)  # days as a decimal figure, never read as a count
    if exact:
        return _getal(eigen), False
    cellen = cel.aantal.gepubliceerd()
    if not cellen:
        return _getal(None), False
    if len(cellen) == 1:  # one published cell: its own percentile, only where its count is shown
        return (_GEHEIM if beschermd(*cellen[0]) is None else _getal(eigen)), False
    if all(beschermd(*c) is None for c in cellen):  # only small groups: nothing to tell
        return _GEHEIM, True
    return _getal(cel.afgeleid), True


def beveilig(cel, *, eigen_organisatie: int | None) -> Getoond:
    """The one disclosure rule, for any cell of any result (labels pass through unchanged).

    ``eigen_organisatie``: the id of the viewer's own organisation (``eigen_organisatie_van``), or ``None``
    for a viewer who sees everything rounded.
    """
    if not isinstance(cel, Aantal | Percentage | Groei | PerInwoners | Percentiel | GemiddeldeGroei):
        tekst = "" if cel is None else str(cel)
        return Getoond(tekst, tekst)
    if _onbekend(cel):  # nothing known to count or to derive from: never shown as 0
        return _met_tekens(Getoond(NIET_BEREKEND, NIET_BEREKEND, None, getalcel=True), _tekens(cel))
    exact = is_exact(_organisaties(cel), eigen_organisatie)
    afgeleid = False

    def waarde(aantal: Aantal) -> int | None:
        nonlocal afgeleid
        if exact:
            return aantal.waarde
        w, uit_meer = beschermde_waarde(aantal)
        afgeleid |= uit_meer
        return w

    if isinstance(cel, Aantal):
        w = waarde(cel)
        getoond = _GEHEIM if w is None else Getoond(formatteer_aantal(w), w, float(w), getalcel=True)
    elif isinstance(cel, Percentage):
        getoond = _afgeleid(waarde(cel.teller), waarde(cel.noemer), lambda t, n: t / n * 100 if n else None)
    elif isinstance(cel, Groei):
        getoond = _afgeleid(waarde(cel.nieuw), waarde(cel.oud), lambda nw, oud: (nw - oud) / oud * 100 if oud else None,
                            teken=True)
    elif isinstance(cel, Percentiel):
        getoond, afgeleid = _percentiel(cel, exact)
    elif isinstance(cel, GemiddeldeGroei):
        paren = [(waarde(g.nieuw), waarde(g.oud)) for g in cel.groeien]
        if any(nw is None or oud is None for nw, oud in paren):
            getoond = _GEHEIM
        elif not paren or any(not oud for _nw, oud in paren):
            getoond = _getal(None)
        else:
            getoond = _getal(sum((nw - oud) / oud * 100 for nw, oud in paren) / len(paren), teken=True)
    else:
        getoond = _afgeleid(waarde(cel.aantal), cel.inwoners or 0, lambda a, inw: a / inw * cel.per if inw else None)
    return _met_tekens(getoond, _samen(_tekens(cel), (AFGELEID,) if afgeleid else ()))
