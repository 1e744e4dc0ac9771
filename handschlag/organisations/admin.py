from django.contrib import admin

from .models import Invitation, JoinRequest, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "is_verified")
    list_filter = ("kind", "is_verified")
    search_fields = ("name", "slug")
    list_select_related = ("municipality",)
    raw_id_fields = ("municipality", "verified_by")
    inlines = [MembershipInline]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "state", "created_at")
    list_filter = ("state",)
    list_select_related = ("user", "organisation")
    raw_id_fields = ("user", "organisation", "decided_by")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organisation", "role", "accepted_at")
    list_select_related = ("organisation",)
    raw_id_fields = ("organisation", "invited_by")
    readonly_fields = ("token",)
