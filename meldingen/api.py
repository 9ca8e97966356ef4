"""API for meldingen and casussen: /api/v1/meldingen/, /api/v1/casussen/."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from meldingen.filters import CasusFilter, MeldingFilter
from meldingen.selectors import casussen_voor, meldingen_voor
from meldingen.services import registreer_melding, sluit_casus, verwijder_melding, wijzig_melding
from meldingen.termijn import termijnstatus
from vtregistratie import definities
from vtregistratie.api.serializers import (
    REDEN,
    ContactInvoer,
    ContactUitvoer,
    StrikteInvoer,
    code_veld,
    verwijderreden,
)
from vtregistratie.api.versie import VersieMixin, met_etag, verwachte_versie
from vtregistratie.regels import Regel

STANDAARD = {"gemeente": None, "melder_organisatietype": "", "melder_relatie": "", "melder_functie": "",
             "anoniem": False, "aard_subvorm": [], "aanvullende_informatie": [], "duur_geweld": "onbekend",
             "acute_onveiligheid": False,
             "structurele_onveiligheid": False, "beoordeling_datum": None, "beoordeling_uitkomst": "",
             "vervolgdienst": ""}


class MeldingInvoer(ContactInvoer):
    ontvangstdatum = serializers.DateField()
    casus = serializers.CharField(required=False, allow_null=True,
                                  help_text=_("Casusnummer van de eigen organisatie; leeg opent een nieuwe casus."))
    anoniem = serializers.BooleanField(required=False, help_text=_("Een melding is nooit anoniem."))
    acute_onveiligheid = serializers.BooleanField(required=False, help_text=str(definities.CRISIS_DEFINITIE))
    structurele_onveiligheid = serializers.BooleanField(required=False)
    beoordeling_datum = serializers.DateField(required=False, allow_null=True)
    beoordeling_uitkomst = code_veld(definities.VEILIGHEIDSBEOORDELING_UITKOMST, required=False, allow_blank=True)
    vervolgdienst = code_veld(definities.VERVOLGDIENST, required=False, allow_blank=True)

    def __init__(self, *args, casussen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.casussen = casussen

    def validate_casus(self, nummer):
        if not nummer:
            return None
        casus = self.casussen.filter(nummer=nummer).first()
        if casus is None:
            raise serializers.ValidationError(_("Onbekende casus %(nummer)s in uw organisatie.") % {"nummer": nummer})
        return casus


class MeldingUitvoer(ContactUitvoer):
    ontvangstdatum = serializers.DateField()
    casus = serializers.CharField(source="casus.nummer")
    eerdere_betrokkenheid = serializers.CharField()
    acute_onveiligheid = serializers.BooleanField()
    structurele_onveiligheid = serializers.BooleanField()
    beoordeling = serializers.CharField(help_text=_("De uitkomst, of nog_niet_beoordeeld zonder datum."))
    beoordeling_datum = serializers.DateField(allow_null=True)
    beoordeling_uitkomst = serializers.CharField()
    vervolgdienst = serializers.CharField()
    beoordelingstermijn = serializers.DateField()
    termijnstatus = serializers.SerializerMethodField()

    def get_termijnstatus(self, melding) -> str:
        return termijnstatus(ontvangstdatum=melding.ontvangstdatum, crisis=melding.acute_onveiligheid,
                             beoordeling_datum=melding.beoordeling_datum, vandaag=timezone.localdate()).tekst


class MeldingViewSet(VersieMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    titels = {"List": gettext_lazy("Meldingen"), "Instance": gettext_lazy("Melding")}
    omschrijving = gettext_lazy(
        "De meldingen van uw organisatie: opvragen, registreren, wijzigen (ook de "
        "veiligheidsbeoordeling) en verwijderen."
    )
    serializer_class = MeldingUitvoer
    permission_classes = [Regel.voor("vt.registreren")]
    filterset_class = MeldingFilter

    def get_queryset(self):
        return meldingen_voor(self.request.user).select_related("organisatie").order_by("-ontvangstdatum", "-id")

    def _invoer(self, request, **kwargs) -> MeldingInvoer:
        invoer = MeldingInvoer(data=request.data, casussen=casussen_voor(request.user), **kwargs)
        invoer.is_valid(raise_exception=True)
        return invoer

    @extend_schema(request=MeldingInvoer, responses={201: MeldingUitvoer})
    def create(self, request):
        melding = registreer_melding(door=request.user, **self._invoer(request).validated_data)
        return met_etag(Response(MeldingUitvoer(melding).data, status=status.HTTP_201_CREATED), melding)

    def _wijzig(self, request, *, gedeeltelijk: bool):
        melding = self.get_object()
        versie = verwachte_versie(request)
        gegevens = dict(self._invoer(request, partial=gedeeltelijk).validated_data)
        if not gedeeltelijk:
            gegevens = {**STANDAARD, **gegevens}
        if gegevens.get("casus", melding.casus) is None:
            gegevens.pop("casus")  # a change keeps its casus unless another one is named
        melding = wijzig_melding(melding=melding, door=request.user, versie=versie, **gegevens)
        return met_etag(Response(MeldingUitvoer(melding).data), melding)

    @extend_schema(request=MeldingInvoer, responses=MeldingUitvoer)
    def update(self, request, pk=None):
        return self._wijzig(request, gedeeltelijk=False)

    @extend_schema(request=MeldingInvoer(partial=True), responses=MeldingUitvoer)
    def partial_update(self, request, pk=None):
        return self._wijzig(request, gedeeltelijk=True)

    @extend_schema(responses={204: None}, parameters=[REDEN])
    def destroy(self, request, pk=None):
        melding = self.get_object()
        verwijder_melding(melding=melding, door=request.user, reden=verwijderreden(request),
                          versie=verwachte_versie(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CasusUitvoer(serializers.Serializer):
    id = serializers.IntegerField()
    nummer = serializers.CharField()
    organisatie = serializers.CharField(source="organisatie.code")
    geopend_op = serializers.DateField()
    afgesloten_op = serializers.DateField(allow_null=True)
    is_open = serializers.BooleanField()


class SluitInvoer(StrikteInvoer):
    afgesloten_op = serializers.DateField()


class CasusViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Casussen are opened by meldingen, never created on their own; they can be closed."""

    titels = {"List": gettext_lazy("Casussen"), "Instance": gettext_lazy("Casus")}
    omschrijving = gettext_lazy(
        "De casussen van uw organisatie. Een melding opent een casus; hier kunt u "
        "de betrokkenheid beëindigen."
    )
    serializer_class = CasusUitvoer
    permission_classes = [Regel.voor("vt.registreren")]
    filterset_class = CasusFilter

    def get_queryset(self):
        return casussen_voor(self.request.user).select_related("organisatie").order_by("-geopend_op", "-id")

    @extend_schema(request=SluitInvoer, responses=CasusUitvoer)
    @action(detail=True, methods=["post"])
    def sluiten(self, request, pk=None):
        casus = self.get_object()
        invoer = SluitInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        casus = sluit_casus(casus=casus, door=request.user, datum=invoer.validated_data["afgesloten_op"])
        return Response(CasusUitvoer(casus).data)
