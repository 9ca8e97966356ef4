"""Period and filters shared by every analysis: the GET form and the plain ``Filters`` it produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Count, Max, Min
from django.utils.translation import gettext_lazy as _

from kwartalen.kwartaal import Kwartaal
from kwartalen.models import KwartaalStatus
from rapportage.analyses.statline_tabellen import STANDAARD_TABEL, TABELLEN
from rapportage.historie.models import HistorischeTelling
from rapportage.tellingen.dimensies import UITSPLITSINGEN, Dimensie
from rapportage.tellingen.models import Telling
from vtregistratie import definities
from vtregistratie.models import Organisatie

SOORTEN = ("advies", "melding")
#: The G4 regions (Amsterdam, Rotterdam, Den Haag, Utrecht), as in the 2017–2019 research.
G4 = ("VT01", "VT18", "VT09", "VT20")


@dataclass(frozen=True)
class Filters:
    """What an analysis is asked for. ``organisaties`` and ``melder_groepen`` empty mean all."""

    van_jaar: int
    tot_jaar: int
    organisaties: tuple[int, ...] = ()
    soorten: tuple[str, ...] = SOORTEN
    melder_groepen: tuple[str, ...] = ()
    indeling: int | None = None  # None: on the counting date; a year: "op indeling van jaar X"
    basisjaar: int | None = None
    uitsplitsing: str = ""  # a dimension of the counts (UITSPLITSINGEN), for the page "Uitsplitsingen"
    cbs_tabel: str = ""  # a StatLine table (statline_tabellen.TABELLEN), for the page "StatLine-tabellen"
    niveau: str = ""  # "regio" or "gemeente", idem

    @property
    def jaren(self) -> list[int]:
        return list(range(self.van_jaar, self.tot_jaar + 1))

    @property
    def kwartalen(self) -> list[Kwartaal]:
        return [Kwartaal(j, k) for j in self.jaren for k in (1, 2, 3, 4)]

    @property
    def begin(self) -> date:
        return date(self.van_jaar, 1, 1)

    @property
    def einde(self) -> date:
        return date(self.tot_jaar + 1, 1, 1)


def uitsplitsing_titel(dimensie: Dimensie) -> str:
    """A breakdown as the filter and the tables name it: its code list's title, else its label."""
    titel = str(dimensie.codelijst.titel if dimensie.codelijst is not None else dimensie.label)
    return titel[:1].upper() + titel[1:]


STANDAARD_UITSPLITSING = "aard"


def beschikbare_jaren() -> list[int]:
    """Every year from the first with counts (live or imported) to the later of the last and this year."""
    vandaag = date.today().year
    grenzen = [Telling.objects.aggregate(a=Min("jaar"), b=Max("jaar")),
               HistorischeTelling.objects.aggregate(a=Min("jaar"), b=Max("jaar"))]
    eerste = min([g["a"] for g in grenzen if g["a"]] or [vandaag])
    laatste = max([g["b"] for g in grenzen if g["b"]] + [vandaag])
    return list(range(eerste, laatste + 1))


def standaard_tot_jaar() -> int:
    """The last year that some organisation has complete (four quarters closed or imported); else the last year
    with counts; else this year."""
    volledig = [
        KwartaalStatus.objects.filter(status__in=definities.AFGESLOTEN_KWARTAALSTATUSSEN).values("organisatie", "jaar")
        .annotate(n=Count("kwartaal")).filter(n=4).aggregate(j=Max("jaar"))["j"],
        HistorischeTelling.objects.filter(melder_groep="", crisis="").values("organisatie", "jaar", "soort")
        .annotate(n=Count("kwartaal", distinct=True)).filter(n=4).aggregate(j=Max("jaar"))["j"],
    ]
    if any(volledig):
        return max(j for j in volledig if j)
    jaren = [Telling.objects.aggregate(b=Max("jaar"))["b"], HistorischeTelling.objects.aggregate(b=Max("jaar"))["b"]]
    return max([j for j in jaren if j] or [date.today().year])


class AnalyseFilterForm(forms.Form):
    """The filter form above every analysis (GET). ``velden`` limits it to the fields a page uses."""

    van = forms.TypedChoiceField(label=_("Vanaf jaar"), coerce=int)
    tot = forms.TypedChoiceField(label=_("Tot en met jaar"), coerce=int)
    regio = forms.MultipleChoiceField(
        label=_("Regio's"), required=False, widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Geen keuze is alle regio's. Meerdere met Ctrl of Shift."),
    )
    soort = forms.ChoiceField(
        label=_("Soort contact"), required=False,
        choices=[("", _("Adviezen en meldingen")), *definities.SOORT_CONTACT.choices()],
    )
    melder_groep = forms.MultipleChoiceField(
        label=definities.MELDER_GROEP.titel, required=False, widget=forms.CheckboxSelectMultiple,
        choices=definities.MELDER_GROEP.choices(), help_text=_("Geen keuze is alle meldergroepen."),
    )
    indeling = forms.TypedChoiceField(
        label=_("Regio-indeling"), required=False, coerce=int, empty_value=None,
        help_text=_("Op de teldatum, of alle jaren op de indeling van één jaar."),
    )
    basisjaar = forms.TypedChoiceField(label=_("Basisjaar"), required=False, coerce=int, empty_value=None)
    uitsplitsing = forms.ChoiceField(label=_("Uitsplitsing"), required=False)
    cbs_tabel = forms.ChoiceField(label=_("CBS-tabel"), required=False)
    niveau = forms.ChoiceField(label=_("Regio's of gemeenten"), required=False,
                               choices=[("regio", _("Veilig Thuis-regio's")), ("gemeente", _("Gemeenten"))],
                               help_text=_("Gemeenten alleen bij tabellen die CBS ook per gemeente publiceert."))

    def __init__(self, data=None, *, velden: tuple[str, ...] | None = None, standaard_soort: str = "",
                 standaard_jaren: int = 3):
        data = data.copy() if data is not None else None
        super().__init__(data)
        self.standaard_soort = standaard_soort
        jaren = beschikbare_jaren()
        tot = standaard_tot_jaar()
        jaarkeuzes = [(j, str(j)) for j in jaren]
        self.fields["van"].choices = jaarkeuzes
        self.fields["tot"].choices = jaarkeuzes
        self.fields["van"].initial = max(jaren[0], tot - standaard_jaren + 1)
        self.fields["tot"].initial = tot
        self.fields["regio"].choices = [(o.code, str(o)) for o in Organisatie.objects.order_by("code")]
        self.fields["indeling"].choices = [("", _("Op de teldatum"))] + [
            (j, _("Op indeling van %(jaar)s") % {"jaar": j}) for j in jaren
        ]
        self.fields["basisjaar"].choices = [("", _("Eerste jaar van de periode")), *jaarkeuzes]
        self.fields["soort"].initial = standaard_soort
        self.fields["uitsplitsing"].choices = [(naam, uitsplitsing_titel(d)) for naam, d in UITSPLITSINGEN.items()]
        self.fields["uitsplitsing"].initial = STANDAARD_UITSPLITSING
        self.fields["cbs_tabel"].choices = [(code, f"{code}: {t.titel}") for code, t in TABELLEN.items()]
        self.fields["cbs_tabel"].initial = STANDAARD_TABEL
        self.fields["niveau"].initial = "regio"
        if velden is not None:
            for naam in list(self.fields):
                if naam not in velden:
                    del self.fields[naam]
        if self.data is not None:
            # An empty GET is the default view: fill in the initial values so the form is valid.
            for naam, veld in self.fields.items():
                if naam not in self.data and veld.initial is not None:
                    self.data[naam] = veld.initial

    def clean(self):
        gegevens = super().clean()
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van is not None and tot is not None and van > tot:
            self.add_error("tot", _("Het laatste jaar mag niet voor het eerste liggen."))
        dimensie = UITSPLITSINGEN.get(gegevens.get("uitsplitsing") or "")
        soort = gegevens.get("soort")
        if dimensie is not None and soort and soort not in dimensie.geldt_voor:
            self.add_error("soort", _("%(uitsplitsing)s is er alleen voor %(soorten)s.") % {
                "uitsplitsing": uitsplitsing_titel(dimensie),
                "soorten": ", ".join(str(definities.SOORT_CONTACT.label(s)).lower() for s in dimensie.geldt_voor)})
        tabel = TABELLEN.get(gegevens.get("cbs_tabel") or "")
        if tabel is not None and gegevens.get("niveau") == "gemeente" and not tabel.gemeenten:
            self.add_error("niveau", _("CBS publiceert %(code)s alleen per Veilig Thuis-regio.") % {"code": tabel.code})
        return gegevens

    def filters(self) -> Filters:
        """The filters of a valid form. An invalid one has no filters: the caller shows its errors instead of
        falling back to a default view, so a typo never silently shows other figures."""
        if not self.is_valid():
            raise ValueError("invalid analysis filters")
        g = self.cleaned_data
        van = g.get("van", self.fields["van"].initial)
        tot = g.get("tot", self.fields["tot"].initial)
        codes = g.get("regio") or []
        organisaties = tuple(Organisatie.objects.filter(code__in=codes).order_by("code").values_list("pk", flat=True))
        soort = g.get("soort", "") if "soort" in self.fields else self.standaard_soort
        return Filters(
            van_jaar=van, tot_jaar=tot, organisaties=organisaties,
            soorten=(soort,) if soort else SOORTEN,
            melder_groepen=tuple(g.get("melder_groep") or ()),
            indeling=g.get("indeling"), basisjaar=g.get("basisjaar"),
            uitsplitsing=g.get("uitsplitsing") or ("" if "uitsplitsing" not in self.fields else STANDAARD_UITSPLITSING),
            cbs_tabel=g.get("cbs_tabel") or ("" if "cbs_tabel" not in self.fields else STANDAARD_TABEL),
            niveau=g.get("niveau") or ("" if "niveau" not in self.fields else "regio"),
        )
