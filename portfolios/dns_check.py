"""DNS look-ups for custom-domain verification (dnspython; nameservers and port from settings)."""
from __future__ import annotations

import dns.exception
import dns.resolver
from django.conf import settings


def resolver() -> dns.resolver.Resolver:
    if settings.DNS_RESOLVER_NAMESERVERS:
        res = dns.resolver.Resolver(configure=False)
        res.nameservers = list(settings.DNS_RESOLVER_NAMESERVERS)
    else:
        res = dns.resolver.Resolver()
    res.port = settings.DNS_RESOLVER_PORT
    res.lifetime = settings.DNS_RESOLVER_TIMEOUT
    return res


def lookup(name: str, rdtype: str) -> list[str]:
    """The record values for `name`, lowercase, without trailing dots; [] when there are none."""
    try:
        answer = resolver().resolve(name, rdtype, raise_on_no_answer=False)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoNameservers, dns.exception.Timeout):
        return []
    values = []
    for rr in answer:
        if rdtype == "TXT":
            values.append(b"".join(rr.strings).decode("utf-8", "replace"))
        else:
            values.append(rr.to_text().rstrip(".").lower())
    return values
