"""WSGI entry point, as gunicorn serves it (`gunicorn project.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

django_application = get_wsgi_application()

from briefings.cache import PublicPageCacheApplication, build_fingerprint  # noqa: E402 - needs the settings, set up above

# A page in the shared cache is answered before Django's handler runs (briefings/cache.py),
# as the cache's middleware would answer it; everything else is Django's.
application = PublicPageCacheApplication(django_application)

# Django imports the URLconf, and with it every view module (DRF, drf-spectacular and the
# stix2 library among them: about 5 s on a loaded 2-CPU machine), on the first request a
# process serves. Importing it here moves that cost to the worker's start, so the first
# reader is not the one who waits.
get_resolver().url_patterns  # noqa: B018 - evaluated for its import

# The build every page key carries, hashed from the files once (about 10 ms) at the start.
build_fingerprint()
