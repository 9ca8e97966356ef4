from django.urls import path

from adviezen import views

app_name = "adviezen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.wijzig, name="wijzig"),
    path("<int:pk>/verwijderen/", views.verwijder, name="verwijder"),
]
