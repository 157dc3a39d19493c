from django.contrib import admin

from lotse.namekeys.models import NameVariant


@admin.register(NameVariant)
class NameVariantAdmin(admin.ModelAdmin):
    list_display = ("variant", "canonical", "created_at")
    search_fields = ("variant", "canonical")
