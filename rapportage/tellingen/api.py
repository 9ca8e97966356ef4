"""API for quarter states and the team lead's exact counts: /api/v1/kwartalen/."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kwartalen.kwartaal import Kwartaal
from kwartalen.staat import kwartaal_status
from rapportage.tellingen.selectors import kwartaaloverzicht, kwartaaltabel
from rapportage.tellingen.services.kwartalen import heropen_kwartaal, zet_kwartaal_door
from vtregistratie import definities
from vtregistratie.regels import Regel


class KwartaalRegelSerializer(serializers.Serializer):
    jaar = serializers.IntegerField(source="kwartaal.jaar")
    kwartaal = serializers.IntegerField(source="kwartaal.kwartaal")
    status = serializers.ChoiceField(choices=definities.KWARTAAL_STATUS.choices())
    adviezen = serializers.IntegerField()
    meldingen = serializers.IntegerField()
    laatste_herberekening = serializers.DateTimeField(allow_null=True)
    laatste_mislukt = serializers.BooleanField()
    verouderd = serializers.BooleanField(help_text="De tellingen worden bijgewerkt.")


class TelRegelSerializer(serializers.Serializer):
    soort = serializers.CharField()
    melder_groep = serializers.CharField()
    crisis = serializers.BooleanField()
    beoordeling = serializers.CharField()
    eerdere_betrokkenheid = serializers.CharField()
    aantal = serializers.IntegerField()


class KwartaalDetailSerializer(serializers.Serializer):
    jaar = serializers.IntegerField()
    kwartaal = serializers.IntegerField()
    status = serializers.ChoiceField(choices=definities.KWARTAAL_STATUS.choices())
    tellingen = TelRegelSerializer(many=True)


class StatusInputSerializer(serializers.Serializer):
    naar = serializers.ChoiceField(choices=[("voorlopig", "voorlopig"), ("definitief", "definitief")], required=False)
    heropenen = serializers.BooleanField(required=False, default=False)
    reden = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if not attrs.get("heropenen") and not attrs.get("naar"):
            raise serializers.ValidationError({"naar": ["Geef de nieuwe status: voorlopig of definitief."]})
        return attrs


def _kwartaal(jaar: int, kwartaal: int) -> Kwartaal:
    try:
        return Kwartaal(jaar, kwartaal)
    except ValueError as exc:
        raise NotFound from exc


def _detail(organisatie, kw: Kwartaal) -> dict:
    return KwartaalDetailSerializer({
        "jaar": kw.jaar, "kwartaal": kw.kwartaal, "status": kwartaal_status(organisatie=organisatie, kwartaal=kw),
        "tellingen": kwartaaltabel(organisatie, kw),
    }).data


class KwartalenApi(APIView):
    titel = gettext_lazy("Kwartalen")
    omschrijving = gettext_lazy("De kwartalen van uw organisatie met status en exacte aantallen.")
    permission_classes = [Regel.voor("vt.tellingen_zien")]

    @extend_schema(responses=KwartaalRegelSerializer(many=True), summary="Kwartalen van de eigen organisatie")
    def get(self, request):
        return Response(KwartaalRegelSerializer(kwartaaloverzicht(request.user.organisatie), many=True).data)


class KwartaalApi(APIView):
    titel = gettext_lazy("Kwartaal")
    omschrijving = gettext_lazy("De exacte tellingen van één kwartaal van uw organisatie.")
    permission_classes = [Regel.voor("vt.tellingen_zien")]

    @extend_schema(responses=KwartaalDetailSerializer, summary="Exacte tellingen van één kwartaal")
    def get(self, request, jaar: int, kwartaal: int):
        kw = _kwartaal(jaar, kwartaal)
        return Response(_detail(request.user.organisatie, kw))


class KwartaalStatusApi(APIView):
    titel = gettext_lazy("Kwartaalstatus")
    omschrijving = gettext_lazy(
        "Een kwartaal voorlopig afsluiten, definitief vaststellen of (met een "
        "reden) heropenen."
    )
    permission_classes = [Regel.voor("vt.kwartaal_beheren")]

    @extend_schema(request=StatusInputSerializer, responses=KwartaalDetailSerializer,
                   summary="Kwartaal afsluiten, vaststellen of heropenen")
    def post(self, request, jaar: int, kwartaal: int):
        kw = _kwartaal(jaar, kwartaal)
        invoer = StatusInputSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        organisatie = request.user.organisatie
        try:
            if invoer.validated_data["heropenen"]:
                heropen_kwartaal(organisatie=organisatie, kwartaal=kw, door=request.user,
                                 reden=invoer.validated_data["reden"])
            else:
                zet_kwartaal_door(organisatie=organisatie, kwartaal=kw, door=request.user,
                                  naar=invoer.validated_data["naar"])
        except DjangoValidationError as exc:
            raise ApiValidationError(exc.message_dict) from exc
        return Response(_detail(organisatie, kw), status=status.HTTP_200_OK)
