"""The API's JSON parser: a body it cannot read is a 400 in Dutch, never a 500 or a Python error text."""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DIEPTE = 8
_TE_DIEP = gettext_lazy("De inhoud is te diep genest.")


class JsonParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        tekst = stream.read(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) if stream is not None else b""
        if len(tekst) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise TeGroot()
        try:
            gegevens = json.loads(tekst, parse_constant=_geen_constante)
        except RecursionError:
            raise ParseError(_TE_DIEP) from None
        except ValueError:  # invalid UTF-8 included
            raise ParseError(_("De inhoud is geen geldige JSON.")) from None
        # json itself stops only at Python's recursion limit; a body just under it would recurse again in the
        # validation and in error messages. No input of this API nests deeper than a list in an object.
        if _diepte(gegevens) > MAX_DIEPTE:
            raise ParseError(_TE_DIEP)
        return gegevens


def _diepte(gegevens) -> int:
    diepste, open_ = 0, [(gegevens, 1)]
    while open_:
        waarde, diepte = open_.pop()
        if isinstance(waarde, dict | list):
            diepste = max(diepste, diepte)
            if diepste > MAX_DIEPTE:
                break
            open_.extend((kind, diepte + 1) for kind in (waarde.values() if isinstance(waarde, dict) else waarde))
    return diepste


def _geen_constante(naam):
    # NaN and Infinity are not JSON; DRF refuses them too (strict mode).
    raise ValueError(naam)


class TeGroot(ParseError):
    status_code = 413

    def __init__(self):
        grens = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(_("De inhoud is groter dan %(grens)s bytes.") % {"grens": grens}, code="te_groot")
