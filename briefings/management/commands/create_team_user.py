"""Create, or update, a staff account with one of the desk's roles.

    python manage.py create_team_user alice --role analyst --email alice@example.org
    ANA_PASSWORD=... python manage.py create_team_user alice --role analyst --password-from-env ANA_PASSWORD

Running it again for the same user changes their role (and e-mail, and password where one
is given) and duplicates nothing. A new account's password comes from an environment
variable, from a prompt when run at a terminal, or is left unusable with --no-password
(for accounts that will reset it, or sign in another way). Mistakes exit with status 2.
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from briefings.services import ROLE_GROUPS

USAGE_ERROR = 2


def usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


class Command(BaseCommand):
    help = "Create or update a staff user with a role: analyst, editor or administrator."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=f"One of: {', '.join(ROLE_GROUPS)}.")
        parser.add_argument("--email", help="Their e-mail address.")
        passwords = parser.add_mutually_exclusive_group()
        passwords.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Take the password from this environment variable (never from the command line).",
        )
        passwords.add_argument(
            "--no-password",
            action="store_true",
            help="Create the account with an unusable password; leave an existing one's alone.",
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt for a password, even at a terminal.",
        )

    def handle(self, *args, username, role, email, password_from_env, no_password, interactive, **options):
        role_key = role.strip().lower()
        if role_key not in ROLE_GROUPS:
            raise usage_error(f"Unknown role “{role}”: choose {', '.join(ROLE_GROUPS)}.")
        group = Group.objects.filter(name=ROLE_GROUPS[role_key]).first()
        if group is None:
            raise CommandError(
                f"The “{ROLE_GROUPS[role_key]}” group does not exist yet: run `python manage.py migrate`."
            )

        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        created = user is None
        if created:
            user = User(**{User.USERNAME_FIELD: username})
        if email is not None:
            user.email = email

        password = None
        if password_from_env:
            password = os.environ.get(password_from_env)
            if not password:
                raise usage_error(f"The environment variable {password_from_env} is not set or is empty.")
        elif created and not no_password:
            if not (interactive and sys.stdin.isatty()):
                raise usage_error(
                    "A new account needs a password: give --password-from-env VAR, run it at a "
                    "terminal to be asked, or pass --no-password."
                )
            password = self.ask_password()
        if password is not None:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                raise usage_error("The password is refused: " + " ".join(error.messages)) from error
            user.set_password(password)
        elif created:
            user.set_unusable_password()

        user.is_staff = True
        with transaction.atomic():
            user.save()
            # One role at a time; groups that are not roles stay as they were.
            user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS.values()).exclude(pk=group.pk))
            user.groups.add(group)

        if options["verbosity"] >= 1:
            action = "Created" if created else "Updated"
            note = "" if user.is_active else " The account is inactive: an administrator can reactivate it."
            self.stdout.write(f"{action} {role_key} “{username}” (staff, group {group.name}).{note}")

    def ask_password(self) -> str:
        for _ in range(3):
            first = getpass.getpass("Password: ")
            if first and first == getpass.getpass("Password (again): "):
                return first
            self.stderr.write("The passwords were empty or did not match; try again.")
        raise usage_error("No password given.")
