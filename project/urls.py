from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Briefing desk"
admin.site.site_title = "Briefing desk admin"
admin.site.index_title = "Curation"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("briefings.urls")),
]
