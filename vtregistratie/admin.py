"""Admin for functional administrators (role ``beheer``): reference data and users."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from vtregistratie.models import (
    Gebruiker,
    Gemeente,
    Herindeling,
    Inwoners,
    Lidmaatschap,
    Organisatie,
    OrganisatieNaam,
    Stedelijkheid,
)


class HuidigFilter(admin.SimpleListFilter):
    title = _("geldigheid")
    parameter_name = "huidig"

    def lookups(self, request, model_admin):
        return [("ja", _("Nu geldig")), ("nee", _("Niet meer geldig"))]

    def queryset(self, request, queryset):
        from django.utils import timezone

        vandaag = timezone.localdate()
        if self.value() == "ja":
            return queryset.geldig_op(vandaag)
        if self.value() == "nee":
            return queryset.exclude(pk__in=queryset.geldig_op(vandaag).values("pk"))
        return queryset


class OrganisatieNaamInline(admin.TabularInline):
    model = OrganisatieNaam
    extra = 0


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["gemeente"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "geldig_van", "geldig_tot"]
    list_filter = [HuidigFilter]
    search_fields = ["code", "naam"]
    inlines = [OrganisatieNaamInline, LidmaatschapInline]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "provincie", "geldig_van", "geldig_tot"]
    list_filter = [HuidigFilter, "provincie"]
    search_fields = ["code", "naam"]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "organisatie", "geldig_van", "geldig_tot", "methode"]
    list_filter = [HuidigFilter, "organisatie", "methode"]
    search_fields = ["gemeente__code", "gemeente__naam"]
    list_select_related = ["gemeente", "organisatie"]
    autocomplete_fields = ["gemeente", "organisatie"]


@admin.register(Inwoners)
class InwonersAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "jaar", "aantal", "status"]
    list_filter = ["jaar", "status"]
    search_fields = ["gemeente__code", "gemeente__naam"]
    list_select_related = ["gemeente"]
    autocomplete_fields = ["gemeente"]


@admin.register(Herindeling)
class HerindelingAdmin(admin.ModelAdmin):
    list_display = ["oude_gemeente", "nieuwe_gemeente", "datum", "aandeel_adressen"]
    list_select_related = ["oude_gemeente", "nieuwe_gemeente"]
    autocomplete_fields = ["oude_gemeente", "nieuwe_gemeente"]


@admin.register(Stedelijkheid)
class StedelijkheidAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "jaar", "stedelijkheid", "omgevingsadressendichtheid", "bevolkingsdichtheid"]
    list_filter = ["jaar", "stedelijkheid"]
    list_select_related = ["gemeente"]
    autocomplete_fields = ["gemeente"]


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    list_display = ["username", "organisatie", "is_active", "last_login"]
    list_filter = ["groups", "organisatie", "is_active"]
    list_select_related = ["organisatie"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Organisatie en rol"), {"fields": ["organisatie", "groups", "is_active", "is_staff"]}),
        (_("Datums"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "password1", "password2", "organisatie", "groups"]}),
    ]
