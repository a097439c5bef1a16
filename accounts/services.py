from datetime import date

from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction

from accounts.authentication import session_store_class
from resume2website.errors import ApplicationError, Conflict

User = get_user_model()

PROFILE_FIELDS = ("name", "phone", "date_of_birth", "location")


@transaction.atomic
def user_create(*, email: str, password: str, name: str = "") -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict("An account with this email already exists. Log in instead.", code="email_taken")
    user = User(email=email, name=name)
    try:
        validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), code="weak_password") from exc
    user.set_password(password)
    user.full_clean(exclude=["password"])
    try:
        user.save()
    except IntegrityError as exc:
        raise Conflict("An account with this email already exists. Log in instead.", code="email_taken") from exc
    return user


def session_login(*, request, user: User) -> str:
    """Start a server-side session for `user`; returns the session key (the session token)."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.save()
    return request.session.session_key


def session_logout(*, request, session_token: str | None = None) -> None:
    """End the session server-side: the cookie and the token stop working at once."""
    if session_token:
        session_store_class()(session_key=session_token).delete()
    logout(request)


@transaction.atomic
def user_profile_update(*, user: User, name: str | None = None, phone: str | None = None,
                        date_of_birth: date | None = None, location: str | None = None,
                        fields: set[str]) -> User:
    values = {"name": name, "phone": phone, "date_of_birth": date_of_birth, "location": location}
    for field in fields & set(PROFILE_FIELDS):
        value = values[field]
        setattr(user, field, value if value is not None or field == "date_of_birth" else "")
    user.full_clean(exclude=["password"])
    user.save(update_fields=sorted(fields & set(PROFILE_FIELDS)) or None)
    return user
