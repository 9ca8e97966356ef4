"""Routes of /api/v1/aanleveringen/ (namespace ``aanleveringen-api``)."""

from django.urls import path

from rapportage import api_cbs

urlpatterns = [
    path("", api_cbs.AanleveringenApi.as_view(), name="lijst"),
    path("<int:pk>/", api_cbs.AanleveringApi.as_view(), name="detail"),
    path("<int:pk>/valideer/", api_cbs.AanleveringValideerApi.as_view(), name="valideer"),
    path("<int:pk>/bestand/", api_cbs.AanleveringBestandApi.as_view(), name="bestand"),
    path("<int:pk>/aggregaat/", api_cbs.AanleveringAggregaatApi.as_view(), name="aggregaat"),
]
