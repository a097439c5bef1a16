"""A tiny authoritative DNS server on 127.0.0.1 (UDP) built with dnspython's message API.

It answers TXT, CNAME and A questions from a dict a test fills in, NXDOMAIN for names it
does not know, so the product's real resolver code (dnspython, nameserver and port from
settings) does real look-ups. Use the `fake_dns` fixture (import it into a conftest).
"""
import socket
import threading
from collections import defaultdict

import dns.flags
import dns.message
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset
import pytest


class FakeDNS:
    def __init__(self):
        self.records: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.queries: list[tuple[str, str]] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()

    def add(self, name: str, rdtype: str, value: str) -> None:
        self.records[(name.lower().rstrip("."), rdtype.upper())].append(value)

    def _answer(self, wire: bytes) -> bytes:
        query = dns.message.from_wire(wire)
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        question = query.question[0]
        name = question.name.to_text().rstrip(".").lower()
        rdtype = dns.rdatatype.to_text(question.rdtype)
        self.queries.append((name, rdtype))
        values = self.records.get((name, rdtype), [])
        if not values and not any(key[0] == name for key in self.records):
            response.set_rcode(dns.rcode.NXDOMAIN)
        for value in values:
            if rdtype == "TXT":
                text = '"' + value.replace('"', '\\"') + '"'
            else:
                text = value.rstrip(".") + "." if rdtype == "CNAME" else value
            response.answer.append(dns.rrset.from_text(question.name, 300, dns.rdataclass.IN, rdtype, text))
        return response.to_wire()

    def serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                wire, addr = self.sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            self.sock.sendto(self._answer(wire), addr)

    def stop(self) -> None:
        self._stop.set()
        self.sock.close()


@pytest.fixture
def fake_dns(settings):
    server = FakeDNS()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    settings.DNS_RESOLVER_NAMESERVERS = ["127.0.0.1"]
    settings.DNS_RESOLVER_PORT = server.port
    settings.DNS_RESOLVER_TIMEOUT = 2.0
    yield server
    server.stop()
    thread.join(timeout=1)
