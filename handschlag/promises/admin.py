from django.contrib import admin

from .models import Promise, Redemption, ReportPhoto


class RedemptionInline(admin.TabularInline):
    model = Redemption
    extra = 0
    fields = ("applicant", "organisation", "state", "quantity")
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Promise)
class PromiseAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "organisation", "municipality", "state", "deadline")
    list_filter = ("state", "category", "eligibility")
    search_fields = ("title", "description")
    list_select_related = ("owner", "organisation", "municipality")
    raw_id_fields = ("owner", "organisation", "municipality", "inspired_by")
    # State, totals and counters change only through the services (recorded, guarded):
    # lowering the capacity here below what is already given out broke the counters.
    readonly_fields = (
        "state", "capacity", "quantity", "remaining_capacity", "remaining_quantity",
        "published_at",
    )  # fmt: skip
    inlines = [RedemptionInline]


class ReportPhotoInline(admin.TabularInline):
    model = ReportPhoto
    extra = 0


@admin.register(Redemption)
class RedemptionAdmin(admin.ModelAdmin):
    list_display = ("promise", "applicant", "organisation", "state", "created_at")
    list_filter = ("state",)
    list_select_related = ("promise", "applicant", "organisation")
    raw_id_fields = ("promise", "applicant", "organisation")
    readonly_fields = ("state", "quantity", "promise", "applicant", "organisation")
    inlines = [ReportPhotoInline]
