"""The analyses as JSON: /api/v1/analyses/<name>/, with exactly the disclosure control of the pages.

The same selectors and the same ``toon`` as the pages and downloads: a gemeente user never receives
an unprotected count through the API either. Filters are strict: an unknown parameter or an unknown or
impossible value is a 400 naming the parameter, never the default view.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from rapportage.analyses.cache import getoonde_analyse
from rapportage.analyses.filters import AnalyseFilterForm
from rapportage.analyses.statline_tabellen import TABELLEN
from rapportage.analyses.views import PAGINAS, legenda
from rapportage.onthulling import eigen_organisatie_van
from rapportage.tellingen.dimensies import UITSPLITSINGEN
from vtregistratie import definities
from vtregistratie.regels import Regel


class AnalyseTabelUitvoer(serializers.Serializer):
    sleutel = serializers.CharField()
    titel = serializers.CharField()
    toelichting = serializers.CharField(help_text="Uitleg bij de tabel, zoals op de pagina (bijvoorbeeld de basis "
                                                  "van een schatting).")
    kolommen = serializers.ListField(child=serializers.CharField())
    rijen = serializers.ListField(child=serializers.ListField(child=serializers.JSONField()),
                                  help_text="Beveiligde cellen zoals de pagina ze toont, met hun tekens: '.' is "
                                            "geheim, '–' onbekend of niet te berekenen, '(a)' afgeleid uit meerdere "
                                            "gepubliceerde cellen.")
    waarden = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField()),
        help_text="Dezelfde cellen om mee te rekenen: het getal (null als het geheim, onbekend of niet te berekenen "
                  "is), of de tekst van een labelkolom.")
    tekens = serializers.ListField(
        child=serializers.ListField(child=serializers.ListField(child=serializers.CharField())),
        help_text="Per cel de tekens die erbij horen ('*', '(i)', '(o)', '(s)', '[n]', '(a)', of '.' / '–' in "
                  "plaats van de waarde); leeg bij labelkolommen.")


class NotitieUitvoer(serializers.Serializer):
    nummer = serializers.IntegerField()
    teken = serializers.CharField()
    organisatie = serializers.CharField()
    van = serializers.CharField()
    tot = serializers.CharField()
    soort = serializers.CharField(help_text="advies, melding, of leeg: adviezen en meldingen.")
    uitsluiten_landelijke_trend = serializers.BooleanField()
    tekst = serializers.CharField()


class UitgeslotenUitvoer(serializers.Serializer):
    organisatie = serializers.CharField()
    soort = serializers.CharField(help_text="Alleen voor deze soort niet meegeteld; leeg: voor elke getoonde soort.")
    reden = serializers.CharField()


class TekenUitvoer(serializers.Serializer):
    teken = serializers.CharField()
    betekenis = serializers.CharField()


class AnalyseUitvoer(serializers.Serializer):
    analyse = serializers.CharField()
    titel = serializers.CharField()
    exact_voor_eigen_organisatie = serializers.BooleanField()
    opmerkingen = serializers.ListField(child=serializers.CharField(),
                                        help_text="Opmerkingen van de pagina: over welke organisaties, indeling, "
                                                  "inwoners, basisjaar.")
    uitgesloten = UitgeslotenUitvoer(many=True, help_text="Organisaties die niet meetellen in de landelijke "
                                                          "totalen en groeicijfers, met de reden.")
    notities = NotitieUitvoer(many=True, help_text="De datakwaliteitsnotities waarnaar [n] verwijst.")
    tekens = TekenUitvoer(many=True, help_text="De betekenis van elk teken.")
    tabellen = AnalyseTabelUitvoer(many=True)


FOUT_ANTWOORD = inline_serializer("AnalyseFilterFout", {
    "<parameter>": serializers.ListField(child=serializers.CharField(), help_text="Wat er mis is, in het Nederlands."),
})
FILTERPARAMETERS = [
    OpenApiParameter("van", int, description="Eerste jaar (een jaar met gegevens)."),
    OpenApiParameter("tot", int, description="Laatste jaar, niet voor `van`."),
    OpenApiParameter("regio", {"type": "array", "items": {"type": "string", "pattern": "^VT[0-9]{2}$"}},
                     explode=True, description="Organisatiecodes; geen = alle."),
    OpenApiParameter("soort", str, enum=definities.SOORT_CONTACT.codes(),
                     description="Geen = adviezen en meldingen (niet bij de analyse meldingen)."),
    OpenApiParameter("melder_groep", {"type": "array", "items": {"type": "string",
                                                                 "enum": list(definities.MELDER_GROEP.codes())}},
                     explode=True, description="Geen = alle meldergroepen."),
    OpenApiParameter("indeling", int, description="Regio-indeling van dit jaar (alleen regio en gemeenten)."),
    OpenApiParameter("basisjaar", int, description="Basisjaar (alleen vergelijking)."),
    OpenApiParameter("uitsplitsing", str, enum=list(UITSPLITSINGEN),
                     description="Een dimensie van de tellingen (alleen uitsplitsingen); geen = aard."),
    OpenApiParameter("cbs_tabel", str, enum=list(TABELLEN),
                     description="Een CBS StatLine-tabel (alleen statline); geen = 84848NED."),
    OpenApiParameter("niveau", str, enum=["regio", "gemeente"],
                     description="Per Veilig Thuis-regio of per gemeente (alleen statline); geen = regio."),
]


class AnalyseApi(APIView):
    titel = gettext_lazy("Analyse")
    omschrijving = gettext_lazy("Eén analyse met dezelfde filters en dezelfde onthullingscontrole als de pagina.")
    permission_classes = [Regel.voor("vt.analyses_zien")]

    @extend_schema(
        responses={200: AnalyseUitvoer, 400: FOUT_ANTWOORD}, summary="Eén analyse, met onthullingscontrole",
        parameters=FILTERPARAMETERS,
    )
    def get(self, request, naam: str):
        pagina = PAGINAS.get(naam)
        if pagina is None:
            raise Http404
        onbekend = sorted(set(request.query_params) - set(pagina.velden) - {"format"})
        if onbekend:
            raise ValidationError({p: [_("Onbekende parameter voor deze analyse.")] for p in onbekend})
        form = AnalyseFilterForm(request.query_params, velden=pagina.velden, standaard_soort=pagina.standaard_soort,
                                 standaard_jaren=pagina.standaard_jaren)
        if not form.is_valid():
            raise ValidationError({("non_field_errors" if veld == "__all__" else veld): fouten
                                   for veld, fouten in form.errors.items()})
        eigen = eigen_organisatie_van(request.user)
        getoond = getoonde_analyse(naam, pagina.selector, form.filters(), eigen_organisatie=eigen)
        analyse = getoond.analyse
        return Response(AnalyseUitvoer({
            "analyse": naam, "titel": str(pagina.titel), "exact_voor_eigen_organisatie": eigen is not None,
            "opmerkingen": [str(o) for o in analyse.opmerkingen],
            "uitgesloten": [{"organisatie": u.organisatie, "soort": u.soort, "reden": u.reden}
                            for u in analyse.uitgesloten],
            "notities": [{"nummer": n.nummer, "teken": n.teken, "organisatie": n.organisatie, "van": str(n.van),
                          "tot": str(n.tot), "soort": n.soort, "uitsluiten_landelijke_trend": n.uitsluiten,
                          "tekst": n.tekst} for n in analyse.notities],
            "tekens": [{"teken": teken, "betekenis": str(betekenis)} for teken, betekenis in legenda()],
            "tabellen": [{"sleutel": t.sleutel, "titel": str(t.titel), "toelichting": str(t.toelichting),
                          "kolommen": [str(k.label) for k in t.kolommen], "rijen": t.download_rijen(),
                          "waarden": t.rekenwaarden(), "tekens": t.tekenlijsten()} for t in getoond.tabellen],
        }).data)


class AnalysesLijstApi(APIView):
    titel = gettext_lazy("Analyses")
    omschrijving = gettext_lazy("De beschikbare analyses.")
    permission_classes = [Regel.voor("vt.analyses_zien")]

    @extend_schema(responses=serializers.ListSerializer(child=serializers.DictField()), summary="Alle analyses")
    def get(self, request):
        return Response([{"analyse": p.sleutel, "titel": str(p.titel), "omschrijving": str(p.omschrijving)}
                         for p in PAGINAS.values()])
