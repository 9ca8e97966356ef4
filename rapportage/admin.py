"""Admin for functional administrators (role ``beheer``): data-quality notes on an organisation's figures."""

from django.contrib import admin

from rapportage.analyses.models import DatakwaliteitNotitie


@admin.register(DatakwaliteitNotitie)
class DatakwaliteitNotitieAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "van", "tot", "soort_label", "uitsluiten_landelijke_trend", "tekst", "auteur",
                    "aangemaakt_op"]
    list_filter = ["uitsluiten_landelijke_trend", "soort", "organisatie"]
    search_fields = ["tekst", "organisatie__code", "organisatie__naam"]
    fields = ["organisatie", ("van_jaar", "van_kwartaal"), ("tot_jaar", "tot_kwartaal"), "soort", "tekst",
              "uitsluiten_landelijke_trend", "auteur", "aangemaakt_op"]
    readonly_fields = ["auteur", "aangemaakt_op"]
    list_select_related = ["organisatie", "auteur"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.auteur = request.user
        super().save_model(request, obj, form, change)
