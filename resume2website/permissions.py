"""Access rules shared by several apps."""
from django.conf import settings
from rest_framework.permissions import BasePermission


def staff_or_debug(user) -> bool:
    """The seed's test routes: open to staff, or to anyone on a server running with DEBUG."""
    return bool(settings.DEBUG or (user is not None and user.is_authenticated and user.is_staff))


class IsStaffOrDebug(BasePermission):
    message = "This test route is for staff (or a server running with DEBUG)."

    def has_permission(self, request, view):
        return staff_or_debug(request.user)
