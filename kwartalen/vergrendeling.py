"""The lock of a definitief quarter and the warning of a voorlopig one, as the registration screens show them.

The services refuse a change in a definitief quarter themselves; these helpers let the screens not offer one."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kwartalen.kwartaal import Kwartaal
from kwartalen.staat import kwartaal_status


def kwartaalstatus_van(contact) -> str:
    return kwartaal_status(organisatie=contact.organisatie_id, kwartaal=Kwartaal.van_datum(contact.teldatum))


def is_vergrendeld(contact) -> bool:
    """Counted in a definitief quarter: the services refuse a change or deletion, so the screens do not offer
    one."""
    return kwartaalstatus_van(contact) == "definitief"


def weiger_vergrendeld(request, contact, detail_url: str):
    """For the change and delete pages of a locked registration: back to its page with the reason."""
    messages.error(request, _("%(nummer)s telt mee in het definitief vastgestelde kwartaal %(kwartaal)s en kan niet "
                              "meer worden gewijzigd of verwijderd.")
                   % {"nummer": contact.nummer, "kwartaal": Kwartaal.van_datum(contact.teldatum)})
    return redirect(detail_url)


def waarschuw_voorlopig(request, contact) -> None:
    """After saving into a quarter the team lead already closed (voorlopig): its figures change."""
    if kwartaalstatus_van(contact) == "voorlopig":
        messages.warning(request, _(
            "Let op: kwartaal %(kwartaal)s is al voorlopig afgesloten. Deze registratie verandert de voorlopige "
            "cijfers; meld het aan uw teamleider.") % {"kwartaal": Kwartaal.van_datum(contact.teldatum)})
