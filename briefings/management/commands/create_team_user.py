"""Create, or update, a staff account with one of the desk's roles.

    python manage.py create_team_user amira --role analyst --full-name "Amira Haddad" --email amira@example.org
    ANA_PASSWORD=... python manage.py create_team_user alice --role analyst --password-from-env ANA_PASSWORD

Running it again for the same user changes their role (and e-mail, and password where one
is given) and duplicates nothing. A new account's password comes from an environment
variable, from a prompt when run at a terminal, or is left unusable with --no-password
(for accounts that will reset it, or sign in another way). Mistakes exit with status 2.
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from briefings.models import display_name
from briefings.reference_data import ROLE_GROUPS
from briefings.services.accounts import UnknownRole, role_group, team_user_save
from briefings.services.readers import clearance_parse

USAGE_ERROR = 2


def usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


class Command(BaseCommand):
    help = (
        "Create or update a user with a role: analyst, editor or administrator (staff), or reader "
        "(the public site only, with --organisation and --clearance)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=f"One of: {', '.join(ROLE_GROUPS)}.")
        parser.add_argument("--email", help="Their e-mail address.")
        parser.add_argument("--organisation", default="", help="A reader's organisation (created if new).")
        parser.add_argument(
            "--clearance",
            default="",
            help="A reader's TLP clearance: clear, green, amber, amber+strict or red.",
        )
        parser.add_argument(
            "--full-name", help="Their name as bylines and logs show it, e.g. “Amira Haddad”."
        )
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

    def handle(
        self,
        *args,
        username,
        role,
        email,
        full_name,
        password_from_env,
        no_password,
        interactive,
        organisation,
        clearance,
        **options,
    ):
        role_key = role.strip().lower()
        if role_key == "reader":
            if not (organisation.strip() and clearance.strip()):
                raise usage_error("A reader needs --organisation and --clearance.")
            try:
                clearance_parse(clearance)
            except ValidationError as error:
                raise usage_error(error.messages[0]) from None
        try:
            group = role_group(role)
        except UnknownRole as error:
            raise usage_error(error.messages[0]) from None
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        User = get_user_model()
        created = not User.objects.filter(**{User.USERNAME_FIELD: username}).exists()

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
        if full_name is not None and not full_name.strip():
            raise usage_error("--full-name is empty: give the name bylines should show.")
        try:
            user, created = team_user_save(
                username=username,
                role=role_key,
                email=email,
                password=password,
                organisation=organisation,
                clearance=clearance,
                full_name=full_name,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "name":
                raise usage_error(error.messages[0]) from error
            raise usage_error("The password is refused: " + " ".join(error.messages)) from error

        if options["verbosity"] >= 1:
            action = "Created" if created else "Updated"
            note = "" if user.is_active else " The account is inactive: an administrator can reactivate it."
            named = f" {display_name(user)}" if display_name(user) != username else ""
            if role_key == "reader":
                where = f"reader of {user.reader.organisation}, cleared {user.reader.get_clearance_display()}"
            else:
                where = f"staff, group {group.name}"
            self.stdout.write(f"{action} {role_key}{named} “{username}” ({where}).{note}")

    def ask_password(self) -> str:
        for _ in range(3):
            first = getpass.getpass("Password: ")
            if first and first == getpass.getpass("Password (again): "):
                return first
            self.stderr.write("The passwords were empty or did not match; try again.")
        raise usage_error("No password given.")
