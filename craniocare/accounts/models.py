from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.crypto import salted_hmac


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    FRONT_DESK = "front_desk", "Front desk"
    CLIENT = "client", "Client"


STAFF_ROLES = frozenset({Role.PRACTITIONER, Role.FRONT_DESK})


class EmailUserManager(UserManager["User"]):
    """Users sign in with their email address; there is no separate username."""

    def _create_user_object(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        user = self._create_user_object(email, password, **extra)
        user.save(using=self._db)
        return user

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.PRACTITIONER)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CLIENT)
    session_salt = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text='Changed by "sign out everywhere": every session signed in before ends.',
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = EmailUserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def awaits_first_sign_in(self) -> bool:
        """An active staff account invited but never used: no password chosen, never signed
        in. Its invitation can be sent again."""
        return bool(
            self.is_staff
            and self.is_active
            and self.last_login is None
            and not self.has_usable_password()
        )

    # Django keeps an HMAC of the password hash in every session and ends sessions whose HMAC no
    # longer matches (so a password change signs out other devices). Mixing in `session_salt`
    # gives "sign out everywhere" the same mechanism, on every session backend and database.
    # An empty salt (never rotated) gives Django's own value, so no session ends on upgrade.
    _SESSION_HASH_SALT = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"

    def get_session_auth_hash(self) -> str:
        return self._session_auth_hash(secret=None)

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(secret=fallback_secret)

    def _session_auth_hash(self, secret: str | bytes | None) -> str:
        value = (
            self.password if not self.session_salt else f"{self.password}\x00{self.session_salt}"
        )
        return salted_hmac(
            self._SESSION_HASH_SALT, value, secret=secret, algorithm="sha256"
        ).hexdigest()
