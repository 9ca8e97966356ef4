from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from adviezen.api import AdviesViewSet
from diensten.api import DienstViewSet, MonitoringViewSet, OverdrachtViewSet
from meldingen.api import CasusViewSet, MeldingViewSet
from rapportage.analyses.api import AnalyseApi, AnalysesLijstApi
from vtregistratie.api.views import DefinitiesApi

app_name = "api"

router = SimpleRouter()
router.register("adviezen", AdviesViewSet, basename="adviezen")
router.register("meldingen", MeldingViewSet, basename="meldingen")
router.register("casussen", CasusViewSet, basename="casussen")
router.register("diensten", DienstViewSet, basename="diensten")
router.register("overdrachten", OverdrachtViewSet, basename="overdrachten")
router.register("monitoringen", MonitoringViewSet, basename="monitoringen")

urlpatterns = [
    path("definities/", DefinitiesApi.as_view(), name="definities"),
    path("analyses/", AnalysesLijstApi.as_view(), name="analyses"),
    path("analyses/<str:naam>/", AnalyseApi.as_view(), name="analyse"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the page works under our CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
