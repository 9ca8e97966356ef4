"""Error answers of the API: structured 400s naming the field, in Dutch.

The services raise Django's ValidationError with a dict field -> messages; it becomes a 400 in the
same shape as DRF's own field errors. PermissionError from a service becomes a 403; a VersieConflict a 412
with the stored record; a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` a 413. DRF's own messages come in
formal Dutch from locale/nl.
"""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from vtregistratie.api.parsers import TeGroot
from vtregistratie.api.versie import met_etag
from vtregistratie.services.contact import VersieConflict


def exception_handler(exc, context):
    if isinstance(exc, VersieConflict):  # someone changed the record after this client read it
        uitvoer = context["view"].get_serializer_class()(exc.huidig).data
        return met_etag(Response({"detail": exc.messages[0], "huidig": uitvoer},
                                 status=status.HTTP_412_PRECONDITION_FAILED), exc.huidig)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {("non_field_errors" if veld == "__all__" else veld): berichten
                      for veld, berichten in exc.message_dict.items()}
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, RequestDataTooBig):  # a form body read by Django's own parser
        exc = TeGroot()
    elif isinstance(exc, PermissionError):
        exc = exceptions.PermissionDenied(_("U mag voor geen enkele organisatie registreren."))
    return drf_exception_handler(exc, context)
