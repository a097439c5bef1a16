"""Reads for operators: what is in file storage, and which stored files the database points at."""
from __future__ import annotations

from collections.abc import Iterator

from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.db import models


def storage_walk(storage: Storage = default_storage, path: str = "") -> Iterator[str]:
    """Every file name in `storage` under `path`, through the storage API (local disk or S3)."""
    try:
        dirs, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{path}/{name}" if path else name
    for name in dirs:
        yield from storage_walk(storage, f"{path}/{name}" if path else name)


def file_field_references() -> dict[str, tuple[str, object]]:
    """{stored name: (model label, pk)} for every FileField value of every model."""
    refs: dict[str, tuple[str, object]] = {}
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for field in fields:
            rows = model._default_manager.exclude(**{field: ""}).exclude(**{f"{field}__isnull": True})
            for pk, name in rows.values_list("pk", field).iterator():
                refs[name] = (model._meta.label, pk)
    return refs


def portfolio_file_references() -> dict[str, tuple[str, object]]:
    """{stored name: ("portfolios.Portfolio", pk)} for current site builds and photos."""
    try:
        portfolio_model = apps.get_model("portfolios", "Portfolio")
    except LookupError:
        return {}
    refs: dict[str, tuple[str, object]] = {}
    rows = portfolio_model._default_manager.values_list("pk", "site_prefix", "site_files", "photo")
    for pk, prefix, names, photo in rows.iterator():
        if prefix:
            for name in names or []:
                refs[f"{prefix}/{name}"] = ("portfolios.Portfolio", pk)
        if photo:
            refs[photo] = ("portfolios.Portfolio", pk)
    return refs


def stored_file_references() -> dict[str, tuple[str, object]]:
    return {**portfolio_file_references(), **file_field_references()}
