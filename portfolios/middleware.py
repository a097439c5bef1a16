"""Custom-domain host routing: a request for a verified portfolio domain is answered with that site.

It runs before anything that validates the Host against ALLOWED_HOSTS, and only answers
for hosts that exactly match a verified, published portfolio domain; every other unknown
host falls through to Django, which refuses it (400) as before. ALLOWED_HOSTS therefore
never needs a wildcard (and a "*" there does not hide custom domains).
"""
from django.http import Http404, HttpResponseNotFound
from django.http.request import split_domain_port, validate_host

from portfolios.selectors import own_host_patterns, portfolio_for_domain
from portfolios.views import site_file_response


class CustomDomainMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("HTTP_HOST", "")
        domain, _port = split_domain_port(raw)
        if not domain or validate_host(domain, own_host_patterns()):
            return self.get_response(request)
        portfolio = portfolio_for_domain(host=domain)
        if portfolio is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            return site_file_response(request, portfolio, request.path_info.lstrip("/"), max_age=60)
        except Http404:
            return HttpResponseNotFound("Not found", content_type="text/plain")
