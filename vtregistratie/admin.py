"""Admin for functional administrators (role ``beheer``): reference data and users."""

import contextlib

from auditlog.mixins import AuditlogHistoryAdminMixin
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

from vtregistratie.models import (
    Gebruiker,
    Gemeente,
    Herindeling,
    Inwoners,
    Koppelsleutel,
    Lidmaatschap,
    Organisatie,
    OrganisatieNaam,
    Stedelijkheid,
)
from vtregistratie.regels import mag
from vtregistratie.services.sleutels import maak_sleutel, trek_sleutel_in


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


# What gives a user rights; nobody changes these on their own account (rule vt.rechten_toekennen).
RECHTEN_VELDEN = ("organisatie", "groups", "is_active", "is_staff", "is_superuser", "is_koppeling",
                  "user_permissions")


@admin.register(Gebruiker)
class GebruikerAdmin(AuditlogHistoryAdminMixin, UserAdmin):
    list_display = ["username", "organisatie", "is_koppeling", "is_active", "last_login"]
    list_filter = ["groups", "organisatie", "is_koppeling", "is_active"]
    list_select_related = ["organisatie"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Organisatie en rol"), {"fields": ["organisatie", "groups", "is_koppeling", "is_active", "is_staff"]}),
        (_("Datums"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "usable_password", "password1", "password2",
                                                "organisatie", "groups", "is_koppeling"]}),
    ]
    # Every change of roles and organisation, with who made it, when and from where (django-auditlog).
    show_auditlog_history_link = True

    def get_readonly_fields(self, request, obj=None):
        alleen_lezen = list(super().get_readonly_fields(request, obj))
        if obj is not None and not mag(request.user, "vt.rechten_toekennen", obj):
            alleen_lezen += [veld for veld in RECHTEN_VELDEN if veld not in alleen_lezen]
        return alleen_lezen

    def _bewaak_rechten(self, request, obj, form) -> None:
        # Read-only fields never reach the form; this refuses a change that came in some other way.
        if obj.pk and set(form.changed_data) & set(RECHTEN_VELDEN) and \
                not mag(request.user, "vt.rechten_toekennen", obj):
            raise PermissionDenied

    def save_model(self, request, obj, form, change):
        self._bewaak_rechten(request, obj, form)
        if obj.is_koppeling:
            obj.set_unusable_password()  # an integration account signs in with its API key only
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        self._bewaak_rechten(request, form.instance, form)
        super().save_related(request, form, formsets, change)


class KoppelsleutelForm(forms.ModelForm):
    class Meta:
        model = Koppelsleutel
        fields = ["user", "omschrijving"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only integration accounts can hold a key: intake staff, team leads and every other interactive user
        # cannot even be chosen.
        if "user" in self.fields:  # the add form; an existing key is shown read-only
            self.fields["user"].queryset = Gebruiker.objects.filter(is_koppeling=True, is_active=True)
            self.fields["user"].label = _("integratie-account")


@admin.register(Koppelsleutel)
class KoppelsleutelAdmin(admin.ModelAdmin):
    """API keys: made (shown once), listed without any part of the key, revoked by deleting."""

    form = KoppelsleutelForm
    list_display = ["user", "omschrijving", "created", "eerst_gebruikt_op", "aangemaakt_door"]
    list_select_related = ["user", "aangemaakt_door"]
    search_fields = ["user__username", "omschrijving"]
    readonly_fields = ["user", "omschrijving", "created", "eerst_gebruikt_op", "aangemaakt_door"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ["user", "omschrijving"]

    def has_change_permission(self, request, obj=None):
        return False  # a key is never changed: revoke it and make a new one

    def save_model(self, request, obj, form, change):
        sleutel, tekst = maak_sleutel(koppeling=obj.user, door=request.user, omschrijving=obj.omschrijving)
        obj.digest, obj.token_key, obj.created = sleutel.digest, sleutel.token_key, sleutel.created
        obj._state.adding = False
        request.vt_nieuwe_sleutel = tekst

    def response_add(self, request, obj, post_url_continue=None):
        # The key is shown on this one page and stored nowhere (no message, no session).
        return TemplateResponse(request, "admin/vtregistratie/koppelsleutel/getoond.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "sleutel": obj,
            "tekst": request.vt_nieuwe_sleutel, "title": _("Nieuwe API-sleutel"),
        })

    def delete_model(self, request, obj):
        trek_sleutel_in(sleutel=obj, door=request.user)

    def delete_queryset(self, request, queryset):
        for sleutel in queryset:
            trek_sleutel_in(sleutel=sleutel, door=request.user)


# django-rest-knox registers its own token model; ours replaces it (KNOX_TOKEN_MODEL).
with contextlib.suppress(admin.exceptions.NotRegistered):
    admin.site.unregister(AuthToken)
