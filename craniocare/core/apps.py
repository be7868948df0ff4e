from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "craniocare.core"
    label = "core"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .pagecache import connect_content_signals

        connect_content_signals()  # content changes invalidate cached pages in every process
