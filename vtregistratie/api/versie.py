"""No lost update over the API: every answer with one record carries its version as the ``ETag``; ``PUT``,
``PATCH`` and ``DELETE`` must send it back in ``If-Match``. Without it: 428; with an older one: 412 and the
stored record (the service refuses inside its transaction, with the row locked)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response


class VersieVereist(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _("Stuur de versie mee in de If-Match-header: de ETag uit uw laatste GET van dit record.")
    default_code = "versie_vereist"


def etag(record) -> str:
    return f'"{record.versie}"'


def met_etag(response: Response, record) -> Response:
    response["ETag"] = etag(record)
    return response


def verwachte_versie(request) -> str | None:
    """The version named by ``If-Match``; None for ``*`` (any version, on purpose). Missing: 428."""
    waarde = request.headers.get("If-Match", "").strip()
    if not waarde:
        raise VersieVereist()
    if waarde == "*":
        return None
    return waarde.removeprefix("W/").strip('"')


class VersieMixin:
    """Retrieve with the record's ETag."""

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        return met_etag(Response(self.get_serializer(record).data), record)
