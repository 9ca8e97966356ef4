from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from vtregistratie import definities
from vtregistratie.regels import IsIngelogd


class CodeUitvoer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    definitie = serializers.CharField()
    geldig_van = serializers.DateField()
    geldig_tot = serializers.DateField(allow_null=True)


class CodeLijstUitvoer(serializers.Serializer):
    naam = serializers.CharField()
    titel = serializers.CharField()
    meervoudig = serializers.BooleanField()
    afgeleid = serializers.BooleanField()
    codes = CodeUitvoer(many=True)


class DefinitiesUitvoer(serializers.Serializer):
    versie = serializers.CharField()
    codelijsten = CodeLijstUitvoer(many=True)
    aard_per_subvorm = serializers.DictField(
        child=serializers.CharField(),
        help_text="Per code van aard_subvorm de aard waar hij bij hoort; een vorm zonder zijn aard wordt geweigerd.")
    aard_alleenstaand = serializers.ListField(
        child=serializers.CharField(),
        help_text="De aarden die alleen gekozen mogen worden, nooit samen met een andere aard.")


class DefinitiesApi(APIView):
    """Every code list of the Beleidsinformatie with labels, definitions and validity."""

    titel = gettext_lazy("Definities")
    omschrijving = gettext_lazy(
        "Alle codelijsten van de Beleidsinformatie Veilig Thuis met labels, "
        "definities en geldigheid."
    )
    permission_classes = [IsIngelogd]

    @extend_schema(responses=DefinitiesUitvoer, summary="Alle codelijsten")
    def get(self, request):
        lijsten = [
            {"naam": lijst.naam, "titel": str(lijst.titel), "meervoudig": lijst.meervoudig, "afgeleid": lijst.afgeleid,
             "codes": [{"code": c.code, "label": str(c.label), "definitie": str(c.definitie),
                        "geldig_van": c.geldig_van, "geldig_tot": c.geldig_tot} for c in lijst]}
            for lijst in definities.CODELIJSTEN.values()
        ]
        return Response(DefinitiesUitvoer({
            "versie": definities.VERSIE, "codelijsten": lijsten,
            # the contradiction rule of the aard, as data (docs/definities.md)
            "aard_per_subvorm": definities.AARD_PER_SUBVORM, "aard_alleenstaand": list(definities.AARD_ALLEENSTAAND),
        }).data)
