"""Staff-only curation pages, served under /admin/curation/ beside the admin."""

from django.urls import path

from . import curation, presence

app_name = "curation"

urlpatterns = [
    path("import/", curation.import_article, name="source-import"),
    path("sources/<int:pk>/suggestions/", curation.source_suggestions, name="source-suggestions"),
    path("sources/<int:pk>/excerpt/", curation.excerpt_create, name="excerpt-create"),
    path(
        "presence/<str:app_label>/<str:model_name>/<str:object_id>/",
        presence.presence_view,
        name="presence",
    ),
]
