import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "craniocare.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if settings.USING_DEV_SECRET_KEY and not settings.DEBUG:
    raise RuntimeError(
        "Refusing to serve with the development SECRET_KEY while DEBUG is off. "
        "Set SECRET_KEY in the environment (see README: Configuration)."
    )
