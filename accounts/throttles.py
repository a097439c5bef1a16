from rest_framework.throttling import SimpleRateThrottle

from resume2website.throttling import WindowCounterMixin


class LoginIpThrottle(WindowCounterMixin, SimpleRateThrottle):
    """Login attempts per client IP."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": "login-ip", "ident": self.get_ident(request)}


class LoginAccountThrottle(WindowCounterMixin, SimpleRateThrottle):
    """Login attempts per account, whatever IP they come from."""

    scope = "login"

    def get_cache_key(self, request, view):
        email = request.data.get("email") if hasattr(request.data, "get") else None
        if not isinstance(email, str) or not email:
            return None
        return self.cache_format % {"scope": "login-account", "ident": email.strip().lower()[:254]}
