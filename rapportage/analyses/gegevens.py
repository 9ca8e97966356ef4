"""The counts an analysis works with: live counts (``Telling``) and imported history (``HistorischeTelling``),
the state of every organisation × quarter, completeness, data-quality notes and the markers of a cell.

**Live or imported.** An organisation × quarter with live counts or a closed state (``voorlopig`` /
``definitief``) is read from ``Telling``; otherwise from the imported history, if any. Never both.

**Level.** Imported quarters hold a total per soort and, where the file had them, breakdowns by melder groep
and/or crisis. An analysis that groups or filters by melder groep or crisis reads the imported rows of
exactly that level; a quarter without that breakdown has no data *at that level* (it is incomplete for that
analysis). Breakdowns that only the application records (veiligheidsbeoordeling, eerdere betrokkenheid,
termijn, gemeente) have no imported level at all.

**Complete, per soort.** An organisation × quarter × soort is complete when the quarter is ``voorlopig`` or
``definitief``, or that soort is imported at the level asked (a file may give meldingen and leave adviezen
unknown). An organisation is complete for a soort and a set of years when every quarter of those years in which
it existed is complete for it, and — for the national trend — no data-quality note that excludes it (for that
soort, or for both) touches those years.

**Unknown.** A count over organisations × quarters none of which is live or imported for its soort (at the level
asked) is *unknown*: the cell says so (``Aantal.onbekend``, shown as ``–``), never ``0``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import KwartaalStatus
from rapportage.analyses.filters import Filters
from rapportage.analyses.models import DatakwaliteitNotitie
from rapportage.historie.models import HistorischeTelling
from rapportage.onthulling import Aantal, Telwaarde, publicatiecellen
from rapportage.tellingen.dimensies import MEERVOUDIG, SOORT, TELLING
from rapportage.tellingen.models import Telling
from vtregistratie import definities
from vtregistratie.models import Organisatie

AFGESLOTEN = definities.AFGESLOTEN_KWARTAALSTATUSSEN
#: The dimensions an imported quarter can have.
HISTORISCHE_DIMENSIES = ("melder_groep", "crisis")
#: The dimensions of the live counts an analysis can break down by: those declared for ``Telling``, and the
#: multi-valued ones of their own tables (one of those at a time, with the gemeente at most).
LIVE_DIMENSIES = (*(d.naam for d in TELLING.kenmerken if d is not SOORT), *MEERVOUDIG)

VOORLOPIG = "*"
GEIMPORTEERD = "(i)"
ONVOLLEDIG = "(o)"

OrgKwartaal = tuple[int, int, int]  # organisation id, year, quarter


@dataclass(frozen=True)
class Notitie:
    nummer: int
    organisatie: str
    van: Kwartaal
    tot: Kwartaal
    tekst: str
    uitsluiten: bool
    organisatie_id: int
    soort: str = ""  # the soort it is about; empty: adviezen and meldingen

    @property
    def teken(self) -> str:
        return f"[{self.nummer}]"

    @property
    def geldt_voor_label(self) -> str:
        return soorten_label(self.soort)

    def raakt(self, kwartaal: Kwartaal) -> bool:
        return self.van <= kwartaal <= self.tot

    def geldt_voor(self, soorten: Iterable[str]) -> bool:
        """Whether the note is about (one of) these soorten."""
        return not self.soort or self.soort in tuple(soorten)


@dataclass(frozen=True)
class Uitgesloten:
    organisatie: str
    reden: str
    soort: str = ""  # left out for this soort only; empty: for every soort shown

    @property
    def soort_label(self) -> str:
        return soorten_label(self.soort) if self.soort else ""


def soorten_label(soort: str) -> str:
    """``advies`` → "adviezen", ``melding`` → "meldingen", empty → "adviezen en meldingen"."""
    return {"advies": _("adviezen"), "melding": _("meldingen")}.get(soort, _("adviezen en meldingen"))


class Gegevens:
    """Everything an analysis reads, for one set of filters, loaded once."""

    def __init__(self, filters: Filters):
        self.filters = filters
        organisaties = Organisatie.objects.prefetch_related("namen").order_by("code")
        if filters.organisaties:
            organisaties = organisaties.filter(pk__in=filters.organisaties)
        self.alle_organisaties = {o.pk: o for o in Organisatie.objects.order_by("code")}
        #: the organisations in scope: chosen (or all) and existing at some time in the period
        self.organisaties = {
            o.pk: o for o in organisaties
            if (o.geldig_van is None or o.geldig_van < filters.einde)
            and (o.geldig_tot is None or o.geldig_tot > filters.begin)
        }
        jaren = Q(jaar__gte=filters.van_jaar, jaar__lte=filters.tot_jaar)
        self.status: dict[OrgKwartaal, str] = {
            (o, j, k): s for o, j, k, s in KwartaalStatus.objects.filter(jaren).values_list(
                "organisatie_id", "jaar", "kwartaal", "status")
        }
        live_met_tellingen = set(
            Telling.objects.filter(jaren).values_list("organisatie_id", "jaar", "kwartaal").distinct()
        )
        #: organisation × quarter read from the live counts (the imported history is ignored there)
        self.live = live_met_tellingen | {sleutel for sleutel, s in self.status.items() if s in AFGESLOTEN}
        self._historisch_niveau: dict[tuple[frozenset, str], set[OrgKwartaal]] = {}
        self.notities = self._notities()

    # --- organisations and quarters -----------------------------------------------------------------------------

    def bestaat(self, org: int, kwartaal: Kwartaal) -> bool:
        return self.alle_organisaties[org].is_geldig_op(kwartaal.begin)

    def kwartalen_van(self, jaren: Iterable[int]) -> list[Kwartaal]:
        return [Kwartaal(j, k) for j in jaren for k in (1, 2, 3, 4)]

    def naam(self, org: int) -> str:
        return str(self.alle_organisaties[org])

    # --- completeness ----------------------------------------------------------------------------------------------

    def _soorten(self, soort: str | None) -> tuple[str, ...]:
        return (soort,) if soort else tuple(self.filters.soorten)

    def historisch_beschikbaar(self, niveau: Iterable[str] = (), soort: str | None = None) -> set[OrgKwartaal]:
        """Organisation × quarter with imported rows of exactly this level for ``soort`` (``None``: for every
        soort of the filters), and not read from live counts."""
        niveau = frozenset(niveau)
        soorten = self._soorten(soort)
        if len(soorten) > 1:
            return set.intersection(*(self.historisch_beschikbaar(niveau, s) for s in soorten))
        sleutel = (niveau, soorten[0])
        if sleutel not in self._historisch_niveau:
            if niveau - set(HISTORISCHE_DIMENSIES):
                self._historisch_niveau[sleutel] = set()
            else:
                qs = self._historisch_qs(niveau).filter(soort=soorten[0])
                self._historisch_niveau[sleutel] = {
                    s for s in qs.values_list("organisatie_id", "jaar", "kwartaal").distinct() if s not in self.live
                }
        return self._historisch_niveau[sleutel]

    def bekend(self, org: int, kwartaal: Kwartaal, niveau: Iterable[str] = (), soort: str | None = None) -> bool:
        """Whether anything is known of this organisation × quarter (× soort): live, or imported at this level."""
        sleutel = (org, kwartaal.jaar, kwartaal.kwartaal)
        return sleutel in self.live or sleutel in self.historisch_beschikbaar(niveau, soort)

    def compleet(self, org: int, kwartaal: Kwartaal, niveau: Iterable[str] = (), soort: str | None = None) -> bool:
        sleutel = (org, kwartaal.jaar, kwartaal.kwartaal)
        if sleutel in self.live:
            return self.status.get(sleutel) in AFGESLOTEN
        return sleutel in self.historisch_beschikbaar(niveau, soort)

    def uitgesloten_door_notitie(self, org: int, kwartalen: Iterable[Kwartaal],
                                 soort: str | None = None) -> list[Notitie]:
        """The notes that leave the organisation out of the national trend in any of these quarters, for
        ``soort`` (``None``: for any soort of the filters)."""
        kwartalen = list(kwartalen)
        soorten = self._soorten(soort)
        return [n for n in self.notities
                if n.uitsluiten and n.organisatie_id == org and n.geldt_voor(soorten)
                and any(n.raakt(kw) for kw in kwartalen)]

    def ontbrekend(self, org: int, jaren: Iterable[int], niveau: Iterable[str] = (),
                   soort: str | None = None) -> list[Kwartaal]:
        """The quarters of these years in which the organisation existed and that are not complete (for soort)."""
        niveau = tuple(niveau)
        return [kw for kw in self.kwartalen_van(jaren)
                if self.bestaat(org, kw) and not self.compleet(org, kw, niveau, soort)]

    def bestaat_in(self, org: int, jaar: int) -> bool:
        return any(self.bestaat(org, kw) for kw in self.kwartalen_van([jaar]))

    def is_compleet(self, org: int, jaren: Iterable[int], niveau: Iterable[str] = (), soort: str | None = None, *,
                    met_notities: bool = True) -> bool:
        """Complete data for every one of these years (for soort); with ``met_notities`` (the national trend)
        also not excluded by a data-quality note. An organisation's own figures and growth ask without."""
        jaren = list(jaren)
        return (any(self.bestaat_in(org, j) for j in jaren) and not self.ontbrekend(org, jaren, niveau, soort)
                and not (met_notities and self.uitgesloten_door_notitie(org, self.kwartalen_van(jaren), soort)))

    def volledige_set(self, jaren: Iterable[int], niveau: Iterable[str] = (),
                      soort: str | None = None) -> tuple[frozenset[int], list[Uitgesloten]]:
        """The organisations in scope that are complete for every one of these years (for ``soort``; ``None``:
        for every soort of the filters), and the others with why."""
        jaren, niveau = list(jaren), tuple(niveau)
        volledig, uitgesloten = set(), []
        for org in self.organisaties:
            if not any(self.bestaat_in(org, j) for j in jaren):
                continue
            notities = self.uitgesloten_door_notitie(org, self.kwartalen_van(jaren), soort)
            ontbrekend = sorted({kw for s in self._soorten(soort) for kw in self.ontbrekend(org, jaren, niveau, s)})
            if not notities and not ontbrekend:
                volledig.add(org)
                continue
            redenen = []
            if ontbrekend:
                redenen.append(_("geen volledige gegevens over %(kwartalen)s") % {
                    "kwartalen": beschrijf_kwartalen(ontbrekend)})
            if notities:
                redenen.append(_("uitgesloten door datakwaliteitsnotitie %(n)s") % {
                    "n": ", ".join(n.teken for n in notities)})
            uitgesloten.append(Uitgesloten(self.naam(org), "; ".join(redenen), soort or ""))
        return frozenset(volledig), uitgesloten

    def volledige_sets(self, jaren: Iterable[int],
                       niveau: Iterable[str] = ()) -> tuple[dict[str, frozenset[int]], list[Uitgesloten]]:
        """``volledige_set`` per soort of the filters. An organisation left out of every soort for the same
        reason is listed once; one left out of one soort (or for other reasons per soort) once per soort."""
        jaren, niveau = list(jaren), tuple(niveau)
        sets, per_org = {}, defaultdict(dict)
        for soort in self.filters.soorten:
            sets[soort], weg = self.volledige_set(jaren, niveau, soort)
            for u in weg:
                per_org[u.organisatie][soort] = u.reden
        uitgesloten = []
        for naam, redenen in per_org.items():
            if len(redenen) == len(sets) and len(set(redenen.values())) == 1:
                uitgesloten.append(Uitgesloten(naam, next(iter(redenen.values()))))
            else:
                uitgesloten += [Uitgesloten(naam, reden, soort) for soort, reden in redenen.items()]
        return sets, uitgesloten

    # --- counts ------------------------------------------------------------------------------------------------------

    def _historisch_qs(self, niveau: frozenset):
        f = self.filters
        qs = HistorischeTelling.objects.filter(jaar__gte=f.van_jaar, jaar__lte=f.tot_jaar)
        if f.organisaties:
            qs = qs.filter(organisatie_id__in=f.organisaties)
        qs = qs.exclude(melder_groep="") if "melder_groep" in niveau else qs.filter(melder_groep="")
        return qs.exclude(crisis="") if "crisis" in niveau else qs.filter(crisis="")

    def tellingen(self, per: Iterable[str] = (), *, soorten: Iterable[str] | None = None,
                  live: bool = True, historisch: bool = True) -> dict[tuple, Telwaarde]:
        """Counts per (organisation, year, quarter, soort, *per) over the filters, live and imported together.

        The melder-groep filter applies to both; imported quarters take part only at the level asked
        (``per`` plus melder groep when that is filtered on). ``live`` / ``historisch`` switch either off.
        Every value is a ``Telwaarde`` that knows its atoms (with the melder groep when that is filtered on),
        so the disclosure rule can find the published cells of any total made from them.
        """
        f = self.filters
        per = tuple(per)
        if set(per) - set(LIVE_DIMENSIES):
            raise ValueError(f"not a dimension of the counts: {sorted(set(per) - set(LIVE_DIMENSIES))}")
        soorten = tuple(soorten or f.soorten)
        dimensies = (*per, *(("melder_groep",) if f.melder_groepen and "melder_groep" not in per else ()))
        velden = ("organisatie_id", "jaar", "kwartaal", "soort", *dimensies)
        uit: dict[tuple, Telwaarde] = defaultdict(int)

        def voeg_toe(rij: list, n: int) -> None:
            org, jaar, kwartaal, soort, *waarden = rij
            atoom = (org, jaar, kwartaal, soort, tuple(zip(dimensies, waarden, strict=True)))
            uit[(org, jaar, kwartaal, soort, *waarden[:len(per)])] += Telwaarde({atoom: n})

        meervoudig = [MEERVOUDIG[d] for d in dimensies if d in MEERVOUDIG]
        model = meervoudig[0].model if meervoudig else Telling
        if meervoudig and (len(meervoudig) > 1 or set(dimensies) - {*MEERVOUDIG, "gemeente_code"}):
            raise ValueError(f"a multi-valued dimension has only the gemeente beside it: {dimensies}")
        qs = model.objects.filter(jaar__gte=f.van_jaar, jaar__lte=f.tot_jaar, soort__in=soorten)
        if f.organisaties:
            qs = qs.filter(organisatie_id__in=f.organisaties)
        if f.melder_groepen:
            qs = qs.filter(melder_groep__in=f.melder_groepen)
        if live:
            for *rij, n in qs.values(*velden).annotate(n=Sum("aantal")).order_by().values_list(*velden, "n"):
                voeg_toe(rij, n)
        niveau = frozenset(per) | ({"melder_groep"} if f.melder_groepen else frozenset())
        if not historisch or niveau - set(HISTORISCHE_DIMENSIES):
            return uit
        qs = self._historisch_qs(niveau).filter(soort__in=soorten)
        if f.melder_groepen:
            qs = qs.filter(melder_groep__in=f.melder_groepen)
        for *rij, n in qs.values(*velden).annotate(n=Sum("aantal")).order_by().values_list(*velden, "n"):
            if tuple(rij[:3]) in self.live:
                continue
            if "crisis" in dimensies:
                i = velden.index("crisis")
                rij[i] = rij[i] == "ja"
            voeg_toe(rij, n)
        return uit

    # --- markers -----------------------------------------------------------------------------------------------------

    def tekens(self, organisaties: Iterable[int], kwartalen: Iterable[Kwartaal], niveau: Iterable[str] = (),
               soort: str | None = None) -> tuple:
        """The markers of a cell over these organisations and quarters (of ``soort``; ``None``: the filters'
        soorten): ``*`` provisional, ``(i)`` imported, ``(o)`` incomplete, ``[n]`` data-quality note n."""
        niveau = tuple(niveau)
        organisaties, kwartalen = list(organisaties), list(kwartalen)
        voorlopig = geimporteerd = onvolledig = False
        for org in organisaties:
            for kw in kwartalen:
                if not self.bestaat(org, kw):
                    continue
                sleutel = (org, kw.jaar, kw.kwartaal)
                if sleutel in self.live:
                    voorlopig |= self.status.get(sleutel) == "voorlopig"
                    onvolledig |= self.status.get(sleutel) not in AFGESLOTEN
                elif sleutel in self.historisch_beschikbaar(niveau, soort):
                    geimporteerd = True
                else:
                    onvolledig = True
        tekens = [t for t, aan in ((VOORLOPIG, voorlopig), (GEIMPORTEERD, geimporteerd), (ONVOLLEDIG, onvolledig))
                  if aan]
        soorten = self._soorten(soort)
        tekens += [n.teken for n in self.notities
                   if n.organisatie_id in organisaties and n.geldt_voor(soorten)
                   and any(n.raakt(kw) for kw in kwartalen)]
        return tuple(tekens)

    def onbekend(self, organisaties: Iterable[int], kwartalen: Iterable[Kwartaal], niveau: Iterable[str] = (),
                 soort: str | None = None) -> bool:
        """Nothing is known of this cell: of the organisations × quarters that existed, none is live or imported
        for the soort at this level (or none existed, or the cell counts no organisation at all)."""
        return not any(self.bekend(org, kw, niveau, soort)
                       for org in organisaties for kw in kwartalen if self.bestaat(org, kw))

    def aantal(self, waarde: int | Telwaarde, organisaties: Iterable[int], kwartalen: Iterable[Kwartaal],
               niveau: Iterable[str] = (), soort: str | None = None) -> Aantal:
        """A count cell over these organisations and quarters, with its markers and its published cells;
        unknown (shown as –) when nothing of it is known."""
        organisaties, kwartalen = frozenset(organisaties), list(kwartalen)
        cellen = None
        if isinstance(waarde, Telwaarde) or not waarde:
            atomen = waarde.atomen if isinstance(waarde, Telwaarde) else {}
            cellen = publicatiecellen(atomen, [(kw.jaar, kw.kwartaal) for kw in kwartalen])
        onbekend = not waarde and self.onbekend(organisaties, kwartalen, niveau, soort)
        return Aantal(int(waarde), organisaties, self.tekens(organisaties, kwartalen, niveau, soort), cellen,
                      onbekend=onbekend)

    # --- notes -------------------------------------------------------------------------------------------------------

    def _notities(self) -> list[Notitie]:
        f = self.filters
        qs = DatakwaliteitNotitie.objects.filter(organisatie_id__in=list(self.organisaties)).filter(
            Q(van_jaar__lte=f.tot_jaar) & Q(tot_jaar__gte=f.van_jaar)
        ).order_by("organisatie__code", "van_jaar", "van_kwartaal", "pk")
        # numbered by their id, so a note has the same number on every page and in every download
        return [
            Notitie(nummer=n.pk, organisatie=self.naam(n.organisatie_id), van=n.van, tot=n.tot, tekst=n.tekst,
                    uitsluiten=n.uitsluiten_landelijke_trend, organisatie_id=n.organisatie_id, soort=n.soort)
            for n in qs
        ]


def beschrijf_kwartalen(kwartalen: list[Kwartaal]) -> str:
    """``2024-K3, 2024-K4`` as ``2024 (K3, K4)``; a whole year as just the year."""
    per_jaar: dict[int, list[int]] = defaultdict(list)
    for kw in sorted(kwartalen):
        per_jaar[kw.jaar].append(kw.kwartaal)
    delen = []
    for jaar, kws in per_jaar.items():
        delen.append(str(jaar) if len(kws) == 4 else f"{jaar} ({', '.join(f'K{k}' for k in kws)})")
    return ", ".join(delen)


def som(waarden: dict[tuple, int], **voorwaarden) -> int:
    """Sum of counts whose key matches: ``organisaties`` (set), ``jaren`` (set), ``kwartalen``, ``soort``, and
    the positions of the extra dimensions given as ``dims={index: value or set}``."""
    organisaties = voorwaarden.get("organisaties")
    jaren = voorwaarden.get("jaren")
    kwartalen = voorwaarden.get("kwartalen")
    soort = voorwaarden.get("soort")
    dims = voorwaarden.get("dims", {})
    totaal = 0
    for sleutel, n in waarden.items():
        org, jaar, kw, s, *rest = sleutel
        if organisaties is not None and org not in organisaties:
            continue
        if jaren is not None and jaar not in jaren:
            continue
        if kwartalen is not None and Kwartaal(jaar, kw) not in kwartalen:
            continue
        if soort is not None and s != soort:
            continue
        if any((rest[i] not in v) if isinstance(v, set | frozenset) else rest[i] != v for i, v in dims.items()):
            continue
        totaal += n
    return totaal
