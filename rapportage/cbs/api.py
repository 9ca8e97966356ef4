"""API of the CBS delivery: /api/v1/aanleveringen/ — list, create, validate, download.

Thin: input through a serializer, then a service from ``rapportage.cbs``. Only a team lead of the
organisation (403 for anyone else); a delivery of another organisation is a 404.
"""

import io

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from rapportage.cbs import selectors
from rapportage.cbs.models import Aanlevering
from rapportage.cbs.periode import Halfjaar
from rapportage.cbs.services import (
    HalfjaarOnvolledig,
    aggregaat_bestand,
    download_aanlevering,
    maak_aanlevering,
    valideer_aanlevering,
)
from vtregistratie.regels import Regel


class AanleveringSerializer(serializers.ModelSerializer):
    organisatie = serializers.CharField(source="organisatie.code")
    periode = serializers.CharField()
    aangemaakt_door = serializers.CharField(source="aangemaakt_door.username", allow_null=True, default=None)

    class Meta:
        model = Aanlevering
        fields = [
            "id", "organisatie", "periode", "jaar", "halfjaar", "versie", "status", "aanleiding", "aangemaakt_op",
            "aangemaakt_door", "kwartalen", "definities_versie", "aantal_adviezen", "aantal_meldingen",
            "aantal_casussen", "aantal_records", "grootte", "sha256", "gevalideerd_op", "gedownload_op",
            "vervangen_door", "vervangen_op",
        ]


class AanleveringDetailSerializer(AanleveringSerializer):
    class Meta(AanleveringSerializer.Meta):
        fields = [*AanleveringSerializer.Meta.fields, "validatierapport"]


class AanleveringInvoerSerializer(serializers.Serializer):
    periode = serializers.CharField(help_text="Halfjaar, bijvoorbeeld 2025-H1.")

    def validate_periode(self, waarde: str) -> Halfjaar:
        try:
            return Halfjaar.parse(waarde)
        except ValueError as exc:
            raise serializers.ValidationError("Geef een halfjaar, bijvoorbeeld 2025-H1.") from exc


VALIDEREN_GEWEIGERD = inline_serializer("AanleveringValiderenGeweigerd", {
    "periode": serializers.ListField(child=serializers.CharField(), help_text="Waarom, in het Nederlands."),
    "open_kwartalen": serializers.ListField(
        child=serializers.CharField(), required=False,
        help_text="De kwartalen (bijvoorbeeld 2025-K2) die nog open zijn of in het bestand ontbreken."),
})


def _api_fout(exc: DjangoValidationError) -> ApiValidationError:
    fouten = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    if isinstance(exc, HalfjaarOnvolledig):
        fouten = {**fouten, "open_kwartalen": [str(kw) for kw in exc.kwartalen]}
    return ApiValidationError(fouten)


class _AanleveringApiView(APIView):
    permission_classes = [Regel.voor("vt.cbs_aanleveren")]

    def aanlevering(self, request, pk: int) -> Aanlevering:
        return get_object_or_404(selectors.aanleveringen_voor(request.user), pk=pk)


class AanleveringenApi(_AanleveringApiView):
    titel = gettext_lazy("CBS-aanleveringen")
    omschrijving = gettext_lazy("De CBS-aanleveringen van uw organisatie; een nieuwe aanmaken of corrigeren.")
    @extend_schema(responses=AanleveringSerializer(many=True), summary="Aanleveringen van de eigen organisatie")
    def get(self, request):
        return Response(AanleveringSerializer(selectors.aanleveringen_voor(request.user), many=True).data)

    @extend_schema(request=AanleveringInvoerSerializer, responses={201: AanleveringDetailSerializer},
                   summary="Aanlevering (of correctie: de volgende versie) aanmaken")
    def post(self, request):
        invoer = AanleveringInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            aanlevering = maak_aanlevering(organisatie=request.user.organisatie,
                                           halfjaar=invoer.validated_data["periode"], door=request.user,
                                           aanleiding=Aanlevering.Aanleiding.API)
        except DjangoValidationError as exc:
            raise _api_fout(exc) from exc
        return Response(AanleveringDetailSerializer(aanlevering).data, status=status.HTTP_201_CREATED)


class AanleveringApi(_AanleveringApiView):
    titel = gettext_lazy("CBS-aanlevering")
    omschrijving = gettext_lazy("Eén aanlevering met haar validatierapport.")
    @extend_schema(responses=AanleveringDetailSerializer, summary="Eén aanlevering met haar validatierapport")
    def get(self, request, pk: int):
        return Response(AanleveringDetailSerializer(self.aanlevering(request, pk)).data)


class AanleveringValideerApi(_AanleveringApiView):
    titel = gettext_lazy("CBS-aanlevering valideren")
    @extend_schema(request=None, responses={200: AanleveringDetailSerializer, 400: VALIDEREN_GEWEIGERD},
                   summary="Aanlevering valideren (geweigerd zolang een kwartaal van het halfjaar open is)")
    def post(self, request, pk: int):
        try:
            aanlevering = valideer_aanlevering(aanlevering=self.aanlevering(request, pk), door=request.user)
        except DjangoValidationError as exc:
            raise _api_fout(exc) from exc
        return Response(AanleveringDetailSerializer(aanlevering).data)


class AanleveringBestandApi(_AanleveringApiView):
    titel = gettext_lazy("Bestand van een CBS-aanlevering")
    @extend_schema(responses={(200, "text/plain"): OpenApiTypes.BINARY},
                   summary="Het bestand downloaden (alleen na een geslaagde validatie; komt in de audittrail)")
    def get(self, request, pk: int):
        aanlevering = self.aanlevering(request, pk)
        try:
            bestand = download_aanlevering(aanlevering=aanlevering, door=request.user, via="api")
        except DjangoValidationError as exc:
            raise _api_fout(exc) from exc
        response = FileResponse(bestand, as_attachment=True, filename=aanlevering.bestandsnaam,
                                content_type="text/plain; charset=us-ascii")
        response["X-Checksum-SHA256"] = aanlevering.sha256
        return response


class AanleveringAggregaatApi(_AanleveringApiView):
    titel = gettext_lazy("Aggregaat van een CBS-aanlevering")
    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR},
                   summary="Aggregaat van het halfjaar (CSV, afgerond op 5, 1–9 als '.')")
    def get(self, request, pk: int):
        uit = io.StringIO()
        naam = aggregaat_bestand(uit, aanlevering=self.aanlevering(request, pk), door=request.user, via="api")
        response = HttpResponse(uit.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response
