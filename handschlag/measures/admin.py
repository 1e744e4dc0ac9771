"""The library is curated here by platform staff (and on the moderation pages)."""

from django.contrib import admin

from .models import Material, Measure


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0
    fields = ("position", "title", "file", "size")
    readonly_fields = ("size",)


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("__str__", "slug", "format", "effort", "state")
    list_filter = ("state", "format", "effort")
    search_fields = ("slug", "search_text")
    inlines = [MaterialInline]
