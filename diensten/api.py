"""API for the follow-up: /api/v1/diensten/, /api/v1/overdrachten/, /api/v1/monitoringen/ (docs/api.md).

Like the registration endpoints: scoped to the user's organisation (another's id is a 404), the rule
``vt.registreren``, writes through ``diensten.services`` (a refusal is a structured 400 naming the field), every
answer with one record carries its version as ``ETag`` and ``PUT``/``PATCH``/``DELETE`` need it in ``If-Match``
(428 without, 412 with an older one), ``DELETE`` needs a ``reden``. A melding is named by its number, a dienst by
its id.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from diensten import services
from diensten.selectors import diensten_voor, monitoringen_voor, overdrachten_voor
from meldingen.selectors import meldingen_voor
from vtregistratie import definities
from vtregistratie.api.serializers import REDEN, StrikteInvoer, code_veld, verwijderreden
from vtregistratie.api.versie import VersieMixin, met_etag, verwachte_versie
from vtregistratie.regels import Regel

MELDING_FILTER = OpenApiParameter("melding", str, required=False,
                                  description="Alleen de records van deze melding (meldingnummer).")


class _MetMelding(StrikteInvoer):
    """Resolves ``melding`` (a number) and ``dienst`` (an id) within the user's own organisation."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_melding(self, nummer):
        melding = meldingen_voor(self.user).filter(nummer=str(nummer).strip().upper()).first()
        if melding is None:
            raise serializers.ValidationError(_("Onbekende melding %(nummer)s in uw organisatie.")
                                              % {"nummer": nummer})
        return melding

    def validate_dienst(self, pk):
        if pk is None:
            return None
        dienst = diensten_voor(self.user).filter(pk=pk).first()
        if dienst is None:
            raise serializers.ValidationError(_("Onbekende dienst %(id)s in uw organisatie.") % {"id": pk})
        return dienst


# --- serializers ----------------------------------------------------------------------------------------------


class DienstWijziging(_MetMelding):
    soort = code_veld(definities.VERVOLGDIENST, required=False)  # left out when registering: the vervolgdienst
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True, help_text=_("Leeg zolang de dienst loopt."))
    afsluitreden = code_veld(definities.VOORTIJDIG_AFGESLOTEN_REDEN, required=False, allow_blank=True)
    uitkomsten = serializers.DictField(
        child=code_veld(definities.ONDERZOEK_UITKOMST), required=False,
        help_text=_("Per aard van de melding (sleutel: aardcode) de uitkomst van een afgerond onderzoek."))


class DienstInvoer(DienstWijziging):
    melding = serializers.CharField(help_text=_("Meldingnummer, bijvoorbeeld M-2025-000012."))


class DienstUitvoer(serializers.Serializer):
    id = serializers.IntegerField()
    melding = serializers.CharField(source="melding.nummer")
    organisatie = serializers.CharField(source="organisatie.code")
    soort = serializers.CharField()
    besluitdatum = serializers.DateField()
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(allow_null=True)
    afsluitreden = serializers.CharField()
    uitkomsten = serializers.SerializerMethodField()
    wachttijd_dagen = serializers.SerializerMethodField(help_text=_("Startdatum − besluitdatum, kalenderdagen."))
    doorlooptijd_dagen = serializers.SerializerMethodField(
        help_text=_("Einddatum − startdatum, kalenderdagen; leeg zolang de dienst loopt."))
    aangemaakt_op = serializers.DateTimeField()
    gewijzigd_op = serializers.DateTimeField()

    def get_uitkomsten(self, dienst) -> dict[str, str]:
        return {u.aard: u.uitkomst for u in dienst.uitkomsten.all()}

    def get_wachttijd_dagen(self, dienst) -> int:
        return (dienst.startdatum - dienst.besluitdatum).days

    def get_doorlooptijd_dagen(self, dienst) -> int | None:
        return (dienst.einddatum - dienst.startdatum).days if dienst.einddatum else None


class OverdrachtWijziging(_MetMelding):
    dienst = serializers.IntegerField(required=False, allow_null=True,
                                      help_text=_("Id van de dienst waarna is overgedragen; leeg: na de beoordeling."))
    datum = serializers.DateField()
    bestemming = code_veld(definities.OVERDRACHT_BESTEMMING)
    hulp = code_veld(definities.HULP_SOORT, required=False, allow_blank=True)


class OverdrachtInvoer(OverdrachtWijziging):
    melding = serializers.CharField(help_text=_("Meldingnummer, bijvoorbeeld M-2025-000012."))


class OverdrachtUitvoer(serializers.Serializer):
    id = serializers.IntegerField()
    melding = serializers.CharField(source="melding.nummer")
    organisatie = serializers.CharField(source="organisatie.code")
    dienst = serializers.IntegerField(source="dienst_id", allow_null=True)
    datum = serializers.DateField()
    bestemming = serializers.CharField()
    hulp = serializers.CharField()
    aangemaakt_op = serializers.DateTimeField()
    gewijzigd_op = serializers.DateTimeField()


class MonitoringWijziging(_MetMelding):
    dienst = serializers.IntegerField(required=False, allow_null=True,
                                      help_text=_("Id van de dienst waarna de monitoring volgt; leeg: na de "
                                                  "beoordeling."))
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True)


class MonitoringInvoer(MonitoringWijziging):
    melding = serializers.CharField(help_text=_("Meldingnummer, bijvoorbeeld M-2025-000012."))


class MonitoringUitvoer(serializers.Serializer):
    id = serializers.IntegerField()
    melding = serializers.CharField(source="melding.nummer")
    organisatie = serializers.CharField(source="organisatie.code")
    dienst = serializers.IntegerField(source="dienst_id", allow_null=True)
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(allow_null=True)
    aangemaakt_op = serializers.DateTimeField()
    gewijzigd_op = serializers.DateTimeField()


# --- view sets --------------------------------------------------------------------------------------------------


class _VervolgViewSet(VersieMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [Regel.voor("vt.registreren")]
    invoer = wijziging = None
    #: values a PUT resets when it leaves them out
    standaard: dict = {}

    def basis(self):
        raise NotImplementedError

    def get_queryset(self):
        rijen = self.basis().select_related("organisatie", "melding")
        melding = self.request.query_params.get("melding")
        if melding:
            if "\x00" in melding:  # PostgreSQL refuses a NUL in a text: a structured 400, not a database error
                raise serializers.ValidationError({"melding": [_("Null-tekens zijn niet toegestaan.")]})
            rijen = rijen.filter(melding__nummer=melding.strip().upper())
        return rijen

    def _gegevens(self, request, serializer, **kwargs) -> dict:
        invoer = serializer(data=request.data, user=request.user, **kwargs)
        invoer.is_valid(raise_exception=True)
        return dict(invoer.validated_data)

    def _antwoord(self, record, status_code=status.HTTP_200_OK):
        record = self.get_queryset().get(pk=record.pk)  # with its relations, as a GET shows it
        return met_etag(Response(self.get_serializer_class()(record).data, status=status_code), record)

    def registreer(self, **gegevens):
        raise NotImplementedError

    def wijzig(self, record, versie, **gegevens):
        raise NotImplementedError

    def verwijder(self, record, versie, reden):
        raise NotImplementedError

    def create(self, request):
        record = self.registreer(door=request.user, **self._gegevens(request, self.invoer))
        return self._antwoord(record, status.HTTP_201_CREATED)

    def _wijzig(self, request, *, gedeeltelijk: bool):
        record = self.get_object()
        versie = verwachte_versie(request)
        gegevens = self._gegevens(request, self.wijziging, partial=gedeeltelijk)
        if not gedeeltelijk:
            gegevens = {**self.standaard, **gegevens}
        return self._antwoord(self.wijzig(record, versie, door=request.user, **gegevens))

    def update(self, request, pk=None):
        return self._wijzig(request, gedeeltelijk=False)

    def partial_update(self, request, pk=None):
        return self._wijzig(request, gedeeltelijk=True)

    def destroy(self, request, pk=None):
        record = self.get_object()
        self.verwijder(record, verwachte_versie(request), door=request.user, reden=verwijderreden(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _schema(invoer, wijziging, uitvoer):
    """The OpenAPI description of one view set's operations."""
    return extend_schema_view(
        create=extend_schema(request=invoer, responses={201: uitvoer}),
        update=extend_schema(request=wijziging, responses=uitvoer),
        partial_update=extend_schema(request=wijziging(partial=True), responses=uitvoer),
        destroy=extend_schema(responses={204: None}, parameters=[REDEN]),
        list=extend_schema(parameters=[MELDING_FILTER]),
    )


@_schema(DienstInvoer, DienstWijziging, DienstUitvoer)
class DienstViewSet(_VervolgViewSet):
    titels = {"List": gettext_lazy("Diensten"), "Instance": gettext_lazy("Dienst")}
    omschrijving = gettext_lazy(
        "De diensten (onderzoek, voorwaarden en vervolg) van uw organisatie: registreren na 'Vervolgstappen "
        "Veilig Thuis', wijzigen of afronden (uitkomst per aard of voortijdig afgesloten) en verwijderen.")
    serializer_class = DienstUitvoer
    invoer, wijziging = DienstInvoer, DienstWijziging
    standaard = {"einddatum": None, "afsluitreden": "", "uitkomsten": {}}

    def basis(self):
        return diensten_voor(self.request.user).prefetch_related("uitkomsten").order_by("-startdatum", "-id")

    def registreer(self, **gegevens):
        return services.registreer_dienst(**gegevens)

    def wijzig(self, record, versie, **gegevens):
        return services.wijzig_dienst(dienst=record, versie=versie, **gegevens)

    def verwijder(self, record, versie, **gegevens):
        services.verwijder_dienst(dienst=record, versie=versie, **gegevens)


@_schema(OverdrachtInvoer, OverdrachtWijziging, OverdrachtUitvoer)
class OverdrachtViewSet(_VervolgViewSet):
    titels = {"List": gettext_lazy("Overdrachten"), "Instance": gettext_lazy("Overdracht")}
    omschrijving = gettext_lazy(
        "Overdracht en vervolg naar andere organisaties, na de veiligheidsbeoordeling of na een dienst.")
    serializer_class = OverdrachtUitvoer
    invoer, wijziging = OverdrachtInvoer, OverdrachtWijziging
    standaard = {"dienst": None, "hulp": ""}

    def basis(self):
        return overdrachten_voor(self.request.user).order_by("-datum", "-id")

    def registreer(self, **gegevens):
        return services.registreer_overdracht(**gegevens)

    def wijzig(self, record, versie, **gegevens):
        return services.wijzig_overdracht(overdracht=record, versie=versie, **gegevens)

    def verwijder(self, record, versie, **gegevens):
        services.verwijder_overdracht(overdracht=record, versie=versie, **gegevens)


@_schema(MonitoringInvoer, MonitoringWijziging, MonitoringUitvoer)
class MonitoringViewSet(_VervolgViewSet):
    titels = {"List": gettext_lazy("Monitoringen"), "Instance": gettext_lazy("Monitoring")}
    omschrijving = gettext_lazy("Periodes waarin Veilig Thuis de situatie volgt na de beoordeling of een dienst.")
    serializer_class = MonitoringUitvoer
    invoer, wijziging = MonitoringInvoer, MonitoringWijziging
    standaard = {"dienst": None, "einddatum": None}

    def basis(self):
        return monitoringen_voor(self.request.user).order_by("-startdatum", "-id")

    def registreer(self, **gegevens):
        return services.registreer_monitoring(**gegevens)

    def wijzig(self, record, versie, **gegevens):
        return services.wijzig_monitoring(monitoring=record, versie=versie, **gegevens)

    def verwijder(self, record, versie, **gegevens):
        services.verwijder_monitoring(monitoring=record, versie=versie, **gegevens)
