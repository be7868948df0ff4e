from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "craniocare.core"
    label = "core"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .content_version import register_public_content
        from .models import PracticeProfile

        # Changes of public content invalidate cached pages in every process; each app with
        # public content registers its own models the same way.
        register_public_content(PracticeProfile)

        from .availability_version import PRACTICE, track_availability

        # The holiday region and zone change free times: cached availability must not outlive it.
        track_availability(PracticeProfile, lambda profile: [PRACTICE])
