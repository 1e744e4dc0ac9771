from django.contrib import admin

from .models import GuidePage, GuideSection, GuideTopic, Location, Offer, Portal, Provider


@admin.register(Portal)
class PortalAdmin(admin.ModelAdmin):
    list_display = ("municipality", "organisation", "published_at")
    raw_id_fields = ("municipality", "organisation")


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "portal", "organisation")
    raw_id_fields = ("portal", "organisation")


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "portal", "city")
    raw_id_fields = ("portal",)


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ("name", "portal", "provider", "status", "last_checked_at")
    list_filter = ("status",)
    raw_id_fields = ("portal", "provider", "last_checked_by")


class SectionInline(admin.StackedInline):
    model = GuideSection
    extra = 0


@admin.register(GuidePage)
class GuidePageAdmin(admin.ModelAdmin):
    list_display = ("title", "topic")
    raw_id_fields = ("topic",)
    inlines = [SectionInline]


admin.site.register(GuideTopic)
