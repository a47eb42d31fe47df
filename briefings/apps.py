from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "briefings"
    verbose_name = "Briefing desk"

    def ready(self):
        # Connects the receivers that keep search documents current on every save.
        from . import search  # noqa: F401
