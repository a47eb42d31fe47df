"""Organisations and their readers, as administrators manage them. A reader is an account
with a reader profile (organisation and clearance): never staff, so never in the admin."""

from django.contrib import admin, messages

from ..models import ReaderProfile
from ..services.accounts import role_group, user_role_set
from ..services.readers import feed_token_revoke


class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "client_of", "is_desk", "reader_count"]
    list_filter = ["is_desk"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["client_of"]
    list_select_related = ["client_of"]
    fields = ["name", "slug", "client_of", "is_desk"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="readers")
    def reader_count(self, obj):
        return obj.readers.count()


class ReaderProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "clearance"]
    list_filter = ["clearance", ("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]
    list_select_related = ["user", "organisation"]
    actions = ["revoke_feed_addresses"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        reader_account_settle(obj.user)

    @admin.action(description="Revoke their personal feed addresses")
    def revoke_feed_addresses(self, request, queryset):
        for profile in queryset:
            feed_token_revoke(profile=profile)
        self.message_user(request, f"{queryset.count()} feed address(es) revoked.", messages.SUCCESS)


class ReaderProfileInline(admin.StackedInline):
    """A reader profile on the account's page: giving one makes the account a reader."""

    model = ReaderProfile
    can_delete = True
    extra = 0
    max_num = 1
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "clearance"]
    verbose_name = "reader (public site only)"


def reader_account_settle(user) -> None:
    """An account with a reader profile reads the public site only: not staff, role Reader."""
    if user.is_staff or user.is_superuser:
        type(user).objects.filter(pk=user.pk).update(is_staff=False, is_superuser=False)
        user.is_staff = user.is_superuser = False
    user_role_set(user=user, group=role_group("reader"))
