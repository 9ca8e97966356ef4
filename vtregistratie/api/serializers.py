"""Serializer pieces shared by the registration endpoints."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from vtregistratie import definities


class StrikteInvoer(serializers.Serializer):
    """Refuse fields the endpoint does not know: an integrator's typo must not be silently ignored."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            onbekend = sorted(set(data.keys()) - set(self.fields))
            if onbekend:
                raise serializers.ValidationError({veld: [_("Onbekend veld.")] for veld in onbekend})
        return super().to_internal_value(data)


def code_veld(lijst: definities.CodeLijst, **kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=lijst.choices(), help_text=str(lijst.titel), **kwargs)


def codes_veld(lijst: definities.CodeLijst, **kwargs) -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=lijst.choices()), help_text=str(lijst.titel),
                                 **kwargs)


class ContactInvoer(StrikteInvoer):
    """Fields every contact has, as an integrating system sends them."""

    gemeente = serializers.RegexField(r"^GM\d{4}$", allow_null=True, required=False,
                                      help_text=_("CBS-gemeentecode, bijvoorbeeld GM0363; leeg is onbekend."))
    beroepsmatig = serializers.BooleanField()
    melder_organisatietype = code_veld(definities.MELDER_ORGANISATIETYPE, required=False, allow_blank=True)
    melder_relatie = code_veld(definities.MELDER_RELATIE, required=False, allow_blank=True)
    melder_functie = code_veld(definities.MELDER_FUNCTIE, required=False, allow_blank=True)
    aard = codes_veld(definities.AARD, allow_empty=False)
    aard_subvorm = codes_veld(definities.AARD_SUBVORM, required=False)
    aanvullende_informatie = codes_veld(definities.AANVULLENDE_INFORMATIE, required=False)
    duur_geweld = code_veld(definities.DUUR_GEWELD, required=False)


class ContactUitvoer(serializers.Serializer):
    id = serializers.IntegerField()
    nummer = serializers.CharField()
    organisatie = serializers.CharField(source="organisatie.code")
    gemeente = serializers.CharField(source="gemeente_id", allow_null=True)
    beroepsmatig = serializers.BooleanField()
    melder_organisatietype = serializers.CharField()
    melder_relatie = serializers.CharField()
    melder_functie = serializers.CharField()
    melder_groep = serializers.CharField()
    anoniem = serializers.BooleanField()
    aard = serializers.ListField(child=serializers.CharField())
    aard_subvorm = serializers.ListField(child=serializers.CharField(), help_text=str(definities.AARD_SUBVORM.titel))
    aanvullende_informatie = serializers.ListField(child=serializers.CharField())
    duur_geweld = serializers.CharField()
    definities_versie = serializers.CharField()
    aangemaakt_op = serializers.DateTimeField()
    gewijzigd_op = serializers.DateTimeField()


#: the DELETE parameter in the schema of both registration endpoints
REDEN = OpenApiParameter("reden", str, required=True, description="Waarom de registratie wordt verwijderd; "
                         "bewaard in de audittrail.")


def verwijderreden(request) -> str:
    """The reason for a DELETE: ``reden`` in the query string (a DELETE body is not always passed on by
    proxies) or in a JSON body. The service refuses an empty one."""
    reden = request.query_params.get("reden")
    if reden is None and hasattr(request.data, "get"):
        reden = request.data.get("reden")
    return str(reden or "")
