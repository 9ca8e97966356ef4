"""Turn a database that refuses a write into a clear Dutch answer instead of a bare server error.

Every service runs in one transaction, so when the database refuses a write halfway nothing of it is
stored; the user is told exactly that.
"""

import logging

from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class DatabaseFoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError):
            return None
        logger.error("database refused %s %s: %s", request.method, request.path, type(exception).__name__)
        bericht = _("De database kon de wijziging niet verwerken. Er is niets opgeslagen; probeer het later opnieuw.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": bericht}, status=503)
        return render(request, "fout_database.html", {"bericht": bericht}, status=503)
