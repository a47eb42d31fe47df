from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "briefings"
    verbose_name = "Briefing desk"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .reference_data import restore_reference_data

        # A flush (TransactionTestCase teardown, `manage.py flush`) empties the countries
        # the data migration loaded; put them back as Django does for permissions.
        post_migrate.connect(restore_reference_data, sender=self)

        # Connects the receivers that keep search documents current on every save.
        # Registers the models whose history is kept, whatever process saves them.
        from . import (
            history,  # noqa: F401
            search,  # noqa: F401
        )
