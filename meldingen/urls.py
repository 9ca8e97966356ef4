from django.urls import path

from meldingen import views

app_name = "meldingen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("te-beoordelen/", views.werklijst, name="werklijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.wijzig, name="wijzig"),
    path("<int:pk>/verwijderen/", views.verwijder, name="verwijder"),
    path("<int:pk>/beoordelen/", views.beoordeel, name="beoordeel"),
    path("casussen/<int:pk>/", views.casus_detail, name="casus_detail"),
    path("casussen/<int:pk>/sluiten/", views.casus_sluit, name="casus_sluit"),
]
