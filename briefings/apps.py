from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "briefings"
    verbose_name = "Briefing desk"

    def ready(self):
        """Wire the app up explicitly, once: the admin's pages, the history kept of every
        save, the search index kept current, and the reference data a flush removes."""
        from django.contrib import admin
        from django.db.models.signals import post_migrate

        from .admin import register
        from .cache import public_changes_connect
        from .models.base import version_bumps_connect
        from .reference_data import restore_reference_data
        from .search.index import search_index_connect
        from .services.history import history_links_connect, history_register

        # History first: the admin's history pages would otherwise register the models
        # themselves, without natural keys.
        history_register()
        register(admin.site)
        search_index_connect()
        version_bumps_connect(self.get_models())
        public_changes_connect(self.get_models())
        history_links_connect()
        # A flush (TransactionTestCase teardown, `manage.py flush`) empties the countries
        # the data migration loaded; put them back as Django does for permissions.
        post_migrate.connect(restore_reference_data, sender=self, dispatch_uid="briefings-reference-data")
