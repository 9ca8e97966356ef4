"""Disclosure control (docs/analyses.md): what a viewer may see of a count.

Anyone outside the registering organisation sees every count rounded to a multiple of
``settings.ONTHULLING_AFRONDING`` (5), and a count whose true value lies from 1 up to (not including)
``settings.ONTHULLING_DREMPEL`` (10) as ``.`` (suppressed). A team lead sees the counts of their own
organisation exactly; a cell that sums several organisations is "outside" unless every one of them is the
viewer's own. Municipal users (``gemeente``) have no own organisation here: they see everything rounded.

Results of the analyses are tables of *cells*: a count (``Aantal``) knows the organisations it sums, and
every derived figure (``Percentage``, ``Groei``, ``PerInwoners``) knows the counts it is computed from.
``beveilig`` is the one function that turns any cell into what a viewer sees; pages, downloads and the API
show nothing else. For a viewer outside, a derived figure is computed from the *protected* counts, never from
the true ones: a percentage whose denominator (or numerator) is suppressed is suppressed too, and a rate per
10,000 inhabitants or a share cannot be used to recompute a small count (``3 / 20,000 inhabitants`` would
give away the 3).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from vtregistratie.regels import exacte_organisatie

GEHEIM = "."  # a suppressed value (the CBS StatLine symbol)
NIET_BEREKEND = "–"  # not computable: no denominator, no inhabitants


def afronding() -> int:
    return int(getattr(settings, "ONTHULLING_AFRONDING", 5))


def drempel() -> int:
    return int(getattr(settings, "ONTHULLING_DREMPEL", 10))


@dataclass(frozen=True)
class Aantal:
    """A count that sums the given organisations (ids). ``tekens`` are markers shown after it (``*``)."""

    waarde: int
    organisaties: frozenset[int] = frozenset()
    tekens: tuple[str, ...] = ()

    def __add__(self, other: Aantal) -> Aantal:
        return Aantal(self.waarde + other.waarde, self.organisaties | other.organisaties,
                      _samen(self.tekens, other.tekens))


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


Cel = Aantal | Percentage | Groei | PerInwoners


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


def afgerond(waarde: int) -> int | None:
    """The protected value of a count seen from outside: ``None`` when suppressed."""
    if waarde <= 0:
        return 0 if waarde == 0 else None
    if waarde < drempel():
        return None
    stap = afronding()
    return int((Decimal(waarde) / stap).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * stap


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
    return cel.aantal.organisaties


def _tekens(cel: Cel) -> tuple[str, ...]:
    if isinstance(cel, Aantal):
        return cel.tekens
    if isinstance(cel, Percentage):
        return _samen(cel.teller.tekens, cel.noemer.tekens, cel.tekens)
    if isinstance(cel, Groei):
        return _samen(cel.oud.tekens, cel.nieuw.tekens, cel.tekens)
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


def beveilig(cel, *, eigen_organisatie: int | None) -> Getoond:
    """The one disclosure rule, for any cell of any result (labels pass through unchanged).

    ``eigen_organisatie``: the id of the viewer's own organisation (``eigen_organisatie_van``), or ``None``
    for a viewer who sees everything rounded.
    """
    if not isinstance(cel, Aantal | Percentage | Groei | PerInwoners):
        tekst = "" if cel is None else str(cel)
        return Getoond(tekst, tekst)
    exact = is_exact(_organisaties(cel), eigen_organisatie)

    def waarde(aantal: Aantal) -> int | None:
        return aantal.waarde if exact else afgerond(aantal.waarde)

    if isinstance(cel, Aantal):
        w = waarde(cel)
        getoond = _GEHEIM if w is None else Getoond(formatteer_aantal(w), w, float(w), getalcel=True)
    elif isinstance(cel, Percentage):
        getoond = _afgeleid(waarde(cel.teller), waarde(cel.noemer), lambda t, n: t / n * 100 if n else None)
    elif isinstance(cel, Groei):
        getoond = _afgeleid(waarde(cel.nieuw), waarde(cel.oud), lambda nw, oud: (nw - oud) / oud * 100 if oud else None,
                            teken=True)
    else:
        getoond = _afgeleid(waarde(cel.aantal), cel.inwoners or 0, lambda a, inw: a / inw * cel.per if inw else None)
    return _met_tekens(getoond, _tekens(cel))
