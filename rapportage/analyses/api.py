"""The analyses as JSON: /api/v1/analyses/<name>/, with exactly the disclosure control of the pages.

The same selectors and the same ``toon`` as the pages and downloads: a gemeente user never receives
an unrounded small count through the API either.
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from rapportage.analyses.cache import getoonde_analyse
from rapportage.analyses.filters import AnalyseFilterForm
from rapportage.analyses.views import PAGINAS
from rapportage.onthulling import eigen_organisatie_van
from vtregistratie.regels import Regel


class AnalyseTabelUitvoer(serializers.Serializer):
    sleutel = serializers.CharField()
    titel = serializers.CharField()
    kolommen = serializers.ListField(child=serializers.CharField())
    rijen = serializers.ListField(child=serializers.ListField(child=serializers.JSONField()),
                                  help_text="Afgeronde en onderdrukte cellen; '.' is geheim.")


class AnalyseUitvoer(serializers.Serializer):
    analyse = serializers.CharField()
    titel = serializers.CharField()
    exact_voor_eigen_organisatie = serializers.BooleanField()
    tabellen = AnalyseTabelUitvoer(many=True)


class AnalyseApi(APIView):
    permission_classes = [Regel.voor("vt.analyses_zien")]

    @extend_schema(
        responses=AnalyseUitvoer, summary="Eén analyse, met onthullingscontrole",
        parameters=[OpenApiParameter(naam, str, required=False) for naam in
                    ("van", "tot", "regio", "soort", "melder_groep", "indeling", "basisjaar")],
    )
    def get(self, request, naam: str):
        pagina = PAGINAS.get(naam)
        if pagina is None:
            raise Http404
        form = AnalyseFilterForm(request.GET, velden=pagina.velden, standaard_soort=pagina.standaard_soort)
        eigen = eigen_organisatie_van(request.user)
        getoond = getoonde_analyse(naam, pagina.selector, form.filters(), eigen_organisatie=eigen)
        return Response(AnalyseUitvoer({
            "analyse": naam, "titel": str(pagina.titel), "exact_voor_eigen_organisatie": eigen is not None,
            "tabellen": [{"sleutel": t.sleutel, "titel": str(t.titel), "kolommen": [str(k.label) for k in t.kolommen],
                          "rijen": t.download_rijen()} for t in getoond.tabellen],
        }).data)


class AnalysesLijstApi(APIView):
    permission_classes = [Regel.voor("vt.analyses_zien")]

    @extend_schema(responses=serializers.ListSerializer(child=serializers.DictField()), summary="Alle analyses")
    def get(self, request):
        return Response([{"analyse": p.sleutel, "titel": str(p.titel), "omschrijving": str(p.omschrijving)}
                         for p in PAGINAS.values()])
