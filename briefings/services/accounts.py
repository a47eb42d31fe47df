"""Team accounts: a staff user holds one of the desk's roles at a time."""

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import ReaderProfile
from ..models.people import name_parts
from ..reference_data import ROLE_GROUPS, STAFF_ROLES
from .readers import clearance_parse, reader_profile_save


class UnknownRole(ValidationError):
    """A role the desk does not have."""


def role_group(role: str) -> Group:
    """The group of `role` ("analyst", "editor", "administrator"), or UnknownRole."""
    key = role.strip().lower()
    if key not in ROLE_GROUPS:
        raise UnknownRole(f"Unknown role “{role}”: choose {', '.join(ROLE_GROUPS)}.", code="role")
    group = Group.objects.filter(name=ROLE_GROUPS[key]).first()
    if group is None:
        raise ValidationError(
            f"The “{ROLE_GROUPS[key]}” group does not exist yet: run `python manage.py migrate`.",
            code="missing",
        )
    return group


def role_groups_check(groups) -> None:
    """Refuse a choice of groups that holds more than one role."""
    roles = sorted(group.name for group in groups if group.name in ROLE_GROUPS.values())
    if len(roles) > 1:
        raise ValidationError(
            f"A person holds one role at a time; choose one of {', '.join(roles)}.", code="roles"
        )


def user_role_set(*, user, group: Group) -> None:
    """Give `user` the role of `group`, taking away any other role; groups that are not roles
    stay as they were."""
    user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS.values()).exclude(pk=group.pk))
    user.groups.add(group)


def team_user_save(
    *,
    username: str,
    role: str,
    email: str | None = None,
    password: str | None = None,
    organisation: str = "",
    clearance: str = "",
    full_name: str | None = None,
) -> tuple[object, bool]:
    """Create or update the account `username` with `role`; returns (user, created). Staff
    roles work in the admin; a reader (`role="reader"`, with an organisation and a
    clearance) reads the public site only and is never staff.

    A new account without a password gets an unusable one; a given password must pass the
    validators (ValidationError otherwise). `full_name` (“Amira Haddad”) is what bylines and
    logs show (`display_name`), kept in the user's first and last name, which an
    administrator edits on the account's page. Running it again changes the role (and
    e-mail, name and password when given) and duplicates nothing."""
    group = role_group(role)
    is_reader = role.strip().lower() not in STAFF_ROLES
    if is_reader and not (organisation.strip() and clearance.strip()):
        raise ValidationError("A reader needs an organisation and a clearance.", code="reader")
    if is_reader:
        clearance_parse(clearance)
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
    created = user is None
    if created:
        user = User(**{User.USERNAME_FIELD: username})
    if email is not None:
        user.email = email
    if full_name is not None:
        user.first_name, user.last_name = name_parts(full_name)
        for name in ("first_name", "last_name"):
            limit = User._meta.get_field(name).max_length
            if len(getattr(user, name)) > limit:
                raise ValidationError(
                    f"The name is too long: at most {limit} characters a part.", code="name"
                )
    if password is not None:
        password_validation.validate_password(password, user)
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.is_staff = not is_reader
    if is_reader:
        user.is_superuser = False
    with transaction.atomic():
        user.save()
        user_role_set(user=user, group=group)
        if is_reader:
            reader_profile_save(user=user, organisation_name=organisation, clearance=clearance)
        else:
            ReaderProfile.objects.filter(user=user).delete()
    return user, created
