from django.contrib import admin

from .models import Invitation, JoinRequest, Membership, Organisation


class MembershipInline(admin.TabularInline):
    """Memberships are shown, not edited here: role changes and removals go through the
    members page, which keeps the last admin and records every change."""

    model = Membership
    extra = 0
    fields = ("user", "role", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "is_verified")
    list_filter = ("kind", "is_verified")
    search_fields = ("name", "slug")
    list_select_related = ("municipality",)
    raw_id_fields = ("municipality",)
    # Kind and verification carry powers: they change only through the services (the
    # organisation's page and the moderation queue), which check and record every change.
    readonly_fields = ("kind", "requested_kind", "is_verified", "verified_at", "verified_by")
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
