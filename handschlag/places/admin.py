from django.contrib import admin

from .models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "ags", "state", "population")
    list_filter = ("state",)
    search_fields = ("name", "ags")
    prepopulated_fields = {"slug": ("name",)}
