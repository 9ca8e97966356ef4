"""Routes of /api/v1/aanleveringen/ (namespace ``aanleveringen-api``)."""

from django.urls import path

from rapportage.cbs import api

urlpatterns = [
    path("", api.AanleveringenApi.as_view(), name="lijst"),
    path("<int:pk>/", api.AanleveringApi.as_view(), name="detail"),
    path("<int:pk>/valideer/", api.AanleveringValideerApi.as_view(), name="valideer"),
    path("<int:pk>/bestand/", api.AanleveringBestandApi.as_view(), name="bestand"),
    path("<int:pk>/aggregaat/", api.AanleveringAggregaatApi.as_view(), name="aggregaat"),
]
