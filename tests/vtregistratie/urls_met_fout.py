"""The real URLs plus one view that fails, to see the 500 answers."""

from django.urls import path

from config import urls


def kapot(request):
    raise RuntimeError("opzettelijk kapot")


urlpatterns = [path("kapot/", kapot), path("api/v1/kapot/", kapot), *urls.urlpatterns]
handler400, handler403, handler404, handler500 = urls.handler400, urls.handler403, urls.handler404, urls.handler500
