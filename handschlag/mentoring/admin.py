"""The structure of a programme is set up here by platform staff for now: programmes, their
carriers and the carriers' sites. People and tandems are managed on the coordination pages
(with their permissions and records), never here."""

from django.contrib import admin

from .models import Carrier, Programme, Site


class CarrierInline(admin.TabularInline):
    model = Carrier
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "funder", "starts_on", "ends_on")
    search_fields = ("name", "funder")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("organisation",)
    inlines = [CarrierInline]


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    fields = ("name", "slug", "municipality", "accepts_registrations")
    autocomplete_fields = ("municipality",)


@admin.register(Carrier)
class CarrierAdmin(admin.ModelAdmin):
    list_display = ("organisation", "programme")
    list_filter = ("programme",)
    search_fields = ("organisation__name",)
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation", "programme")
    inlines = [SiteInline]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "carrier", "accepts_registrations")
    list_filter = ("accepts_registrations", "carrier__programme")
    search_fields = ("name", "municipality__name", "carrier__organisation__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("municipality", "carrier")
    list_select_related = ("municipality", "carrier__organisation")
