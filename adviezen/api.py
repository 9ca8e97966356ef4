"""API for adviezen: /api/v1/adviezen/. Rows from the selectors, writes through the services."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from adviezen.filters import AdviesFilter
from adviezen.selectors import adviezen_voor
from adviezen.services import registreer_advies, verwijder_advies, wijzig_advies
from vtregistratie.api.serializers import REDEN, ContactInvoer, ContactUitvoer, verwijderreden
from vtregistratie.api.versie import VersieMixin, met_etag, verwachte_versie
from vtregistratie.regels import Regel

# What a full replacement (PUT) sets when an optional field is left out.
STANDAARD = {"einddatum": None, "gemeente": None, "melder_organisatietype": "", "melder_relatie": "",
             "melder_functie": "", "anoniem": False, "aard_subvorm": [], "aanvullende_informatie": [],
             "duur_geweld": "onbekend"}


class AdviesInvoer(ContactInvoer):
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True)
    anoniem = serializers.BooleanField(required=False)


class AdviesUitvoer(ContactUitvoer):
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(allow_null=True)


class AdviesViewSet(VersieMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    titels = {"List": gettext_lazy("Adviezen"), "Instance": gettext_lazy("Advies")}
    omschrijving = gettext_lazy(
        "De adviezen van uw organisatie: opvragen, registreren, wijzigen en "
        "verwijderen."
    )
    serializer_class = AdviesUitvoer
    permission_classes = [Regel.voor("vt.registreren")]
    filterset_class = AdviesFilter

    def get_queryset(self):
        return adviezen_voor(self.request.user).select_related("organisatie").order_by("-startdatum", "-id")

    @extend_schema(request=AdviesInvoer, responses={201: AdviesUitvoer})
    def create(self, request):
        invoer = AdviesInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        advies = registreer_advies(door=request.user, **invoer.validated_data)
        return met_etag(Response(AdviesUitvoer(advies).data, status=status.HTTP_201_CREATED), advies)

    def _wijzig(self, request, *, gedeeltelijk: bool):
        advies = self.get_object()
        versie = verwachte_versie(request)
        invoer = AdviesInvoer(data=request.data, partial=gedeeltelijk)
        invoer.is_valid(raise_exception=True)
        wijzigingen = invoer.validated_data if gedeeltelijk else {**STANDAARD, **invoer.validated_data}
        advies = wijzig_advies(advies=advies, door=request.user, versie=versie, **wijzigingen)
        return met_etag(Response(AdviesUitvoer(advies).data), advies)

    @extend_schema(request=AdviesInvoer, responses=AdviesUitvoer)
    def update(self, request, pk=None):
        return self._wijzig(request, gedeeltelijk=False)

    @extend_schema(request=AdviesInvoer(partial=True), responses=AdviesUitvoer)
    def partial_update(self, request, pk=None):
        return self._wijzig(request, gedeeltelijk=True)

    @extend_schema(responses={204: None}, parameters=[REDEN])
    def destroy(self, request, pk=None):
        advies = self.get_object()
        verwijder_advies(advies=advies, door=request.user, reden=verwijderreden(request),
                         versie=verwachte_versie(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
