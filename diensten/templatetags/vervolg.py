"""``{% vervolg melding %}``: the "Vervolg" section of the melding page (dienst, overdrachten, monitoring with
their add/change/delete links). A template tag, so the melding page shows the follow-up without the meldingen
app importing this one (it sits above meldingen)."""

from django import template
from django.utils import timezone

from diensten.models import Dienst, Monitoring, Overdracht
from diensten.selectors import VERVOLGSTAPPEN, normstatus
from diensten.tables import dagen_tekst, normstatus_html
from vtregistratie import definities
from vtregistratie.intake.weergave import code_label
from vtregistratie.regels import mag

register = template.Library()


@register.inclusion_tag("diensten/vervolg.html", takes_context=True)
def vervolg(context, melding):
    vandaag = timezone.localdate()
    dienst = Dienst.objects.filter(melding=melding).prefetch_related("uitkomsten").first()
    overdrachten = list(Overdracht.objects.filter(melding=melding).order_by("datum", "pk"))
    monitoringen = list(Monitoring.objects.filter(melding=melding).order_by("startdatum", "pk"))
    wacht = (melding.beoordeling_uitkomst == VERVOLGSTAPPEN and melding.beoordeling_datum is not None
             and dienst is None)
    gegevens = {}
    if dienst is not None:
        gegevens = {
            "soort": code_label(definities.VERVOLGDIENST, dienst.soort),
            "afsluitreden": code_label(definities.VOORTIJDIG_AFGESLOTEN_REDEN, dienst.afsluitreden),
            "uitkomsten": [(code_label(definities.AARD, u.aard), code_label(definities.ONDERZOEK_UITKOMST,
                                                                            u.uitkomst))
                           for u in dienst.uitkomsten.all()],
            "wachttijd": dagen_tekst((dienst.startdatum - dienst.besluitdatum).days),
            "looptijd": dagen_tekst(((dienst.einddatum or vandaag) - dienst.startdatum).days),
            "norm": normstatus_html(normstatus(dienst, vandaag)) if dienst.einddatum is None else "",
        }
    return {
        "melding": melding, "dienst": dienst, "d": gegevens, "overdrachten": [
            (o, code_label(definities.OVERDRACHT_BESTEMMING, o.bestemming), code_label(definities.HULP_SOORT, o.hulp))
            for o in overdrachten],
        "monitoringen": monitoringen, "wacht": wacht,
        "wachtdagen": dagen_tekst((vandaag - melding.beoordeling_datum).days) if wacht else "",
        "mag_registreren": mag(context["request"].user, "vt.registreren", melding),
        "kan_overdracht": dienst is not None or melding.beoordeling_uitkomst == "overdracht",
        "kan_monitoring": melding.beoordeling_datum is not None,
    }
