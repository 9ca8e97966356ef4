from django.urls import path

from diensten import views

app_name = "diensten"
urlpatterns = [
    path("wachtlijst/", views.wachtlijst_view, name="wachtlijst"),
    path("lopend/", views.lopend_view, name="lopend"),
    path("melding/<int:melding_pk>/dienst/", views.dienst_nieuw, name="dienst_nieuw"),
    path("melding/<int:melding_pk>/overdracht/", views.overdracht_nieuw, name="overdracht_nieuw"),
    path("melding/<int:melding_pk>/monitoring/", views.monitoring_nieuw, name="monitoring_nieuw"),
    path("<int:pk>/wijzigen/", views.dienst_wijzig, name="dienst_wijzig"),
    path("<int:pk>/verwijderen/", views.dienst_verwijder, name="dienst_verwijder"),
    path("overdrachten/<int:pk>/wijzigen/", views.overdracht_wijzig, name="overdracht_wijzig"),
    path("overdrachten/<int:pk>/verwijderen/", views.overdracht_verwijder, name="overdracht_verwijder"),
    path("monitoringen/<int:pk>/wijzigen/", views.monitoring_wijzig, name="monitoring_wijzig"),
    path("monitoringen/<int:pk>/verwijderen/", views.monitoring_verwijder, name="monitoring_verwijder"),
]
