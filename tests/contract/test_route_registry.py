"""Every route of the seed registry exists under /api/v1/ with the same method and path."""
import re
from pathlib import Path

from drf_spectacular.generators import SchemaGenerator

SEED_CARD = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "seed-agent-card.md"


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/"))


def test_every_route_of_the_seed_registry_is_documented():
    card = SEED_CARD.read_text()
    seed = set(re.findall(r"^(GET|POST|PUT|DELETE|PATCH)\s+(/api/v1/\S+)", card, flags=re.M))
    documented = {
        (method.upper(), _shape(path))
        for path, item in SchemaGenerator().get_schema(request=None, public=True)["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    missing = sorted(f"{m} {p}" for m, p in seed if (m, _shape(p)) not in documented)
    assert seed and not missing, missing
