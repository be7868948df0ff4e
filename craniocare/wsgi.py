import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "craniocare.settings")
django_application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if settings.USING_DEV_SECRET_KEY and not settings.DEBUG:
    raise RuntimeError(
        "Refusing to serve with the development SECRET_KEY while DEBUG is off. "
        "Set SECRET_KEY in the environment (see README: Configuration)."
    )

from craniocare.api.availability_cache import AvailabilityFastPath  # noqa: E402
from craniocare.core.pagecache import PublicPageCache  # noqa: E402

# Public pages that views opted into are answered from memory, without entering Django; so are
# availability answers already computed under the current availability versions.
application = PublicPageCache(AvailabilityFastPath(django_application))

# What is loaded by now lives as long as the process: keep it out of the garbage collector's
# full passes, which otherwise stall a worker for tens of milliseconds (p99 latency).
gc.freeze()
