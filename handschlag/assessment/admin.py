"""Frameworks are data, edited here by platform staff (or loaded with `manage.py
load_framework`). Assessments, answers and plans belong to the towns and are managed on their
pages (with their permissions and records), never here."""

from django.contrib import admin

from .models import Area, Framework, Indicator, Option, Question, RecommendationRule


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0
    fields = ("position", "key", "title", "weight")


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("__str__", "key", "version", "published")
    list_filter = ("published",)
    inlines = [AreaInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ("position", "key", "title", "weight")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("__str__", "framework", "position", "weight")
    list_filter = ("framework",)
    inlines = [IndicatorInline]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("position", "key", "kind", "text", "weight", "allows_not_applicable")


class RuleInline(admin.TabularInline):
    model = RecommendationRule
    extra = 0
    fields = ("min_score", "max_score", "measures", "reason")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("__str__", "area", "position", "weight")
    list_filter = ("area__framework",)
    inlines = [QuestionInline, RuleInline]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0
    fields = ("position", "key", "label", "points")


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "indicator", "kind", "weight")
    list_filter = ("kind", "indicator__area__framework")
    inlines = [OptionInline]
