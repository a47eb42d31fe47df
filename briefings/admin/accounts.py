"""Accounts, as administrators manage them: Django's user pages, with the desk's rules that
a person holds one role at a time (`services.accounts`) and that only a superuser makes a
superuser."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError

from ..services.accounts import role_groups_check
from .base import ListInputMixin
from .readers import ReaderProfileInline, reader_account_settle


class TeamUserChangeForm(UserChangeForm):
    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        if groups is not None:
            try:
                role_groups_check(groups)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return groups


class TeamUserAdmin(ListInputMixin, UserAdmin):
    form = TeamUserChangeForm
    # A new account is named from the start: bylines and logs show the name, not the login.
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    inlines = [ReaderProfileInline]
    list_filter = [*UserAdmin.list_filter, "reader__clearance"]

    def get_inlines(self, request, obj):
        # As with the password, the add page asks only for the account; a reader's
        # organisation and clearance are set on the page it leads to.
        return self.inlines if obj is not None else []

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        if type(user).objects.filter(pk=user.pk, reader__isnull=False).exists():
            # A reader never works in the admin, whatever the form's staff box said.
            reader_account_settle(user)

    def get_readonly_fields(self, request, obj=None):
        """Only a superuser makes a superuser, or grants permissions one by one: an
        administrator manages accounts through the roles."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly


def register_accounts(site: admin.AdminSite) -> None:
    """Replace the stock user pages with the desk's."""
    User = get_user_model()
    if site.is_registered(User) and isinstance(site._registry[User], TeamUserAdmin):
        return
    if site.is_registered(User):
        site.unregister(User)
    site.register(User, TeamUserAdmin)
