"""The models of the ``rapportage`` app, declared in the subdomain packages (and the quarter state in ``kwartalen``).

Django finds an app's models through this module; each subdomain keeps its own.
"""

from kwartalen.models import KwartaalStatus, VerouderdeSleutel
from rapportage.analyses.models import DatakwaliteitNotitie, Invoerversie
from rapportage.cbs.models import Aanlevering
from rapportage.historie.models import HistorischeTelling
from rapportage.tellingen.models import (
    Herberekening,
    Telling,
    TellingAanvullendeInformatie,
    TellingAard,
    TellingCasus,
    TellingDienst,
    TellingDuur,
    TellingOverdracht,
    TellingSubvorm,
    TellingUitkomst,
    TellingWachtlijst,
)

__all__ = ["Aanlevering", "DatakwaliteitNotitie", "Herberekening", "HistorischeTelling", "Invoerversie",
           "KwartaalStatus", "Telling", "TellingAanvullendeInformatie", "TellingAard", "TellingCasus",
           "TellingDienst", "TellingDuur", "TellingOverdracht", "TellingSubvorm", "TellingUitkomst",
           "TellingWachtlijst", "VerouderdeSleutel"]
