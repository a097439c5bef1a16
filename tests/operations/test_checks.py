from types import SimpleNamespace

from operations.checks import backup_tools_check


def test_it_warns_when_postgresql_backups_cannot_run(monkeypatch):
    monkeypatch.setattr("operations.checks.connection", SimpleNamespace(vendor="postgresql"))
    monkeypatch.setattr("operations.checks.shutil.which", lambda name: None)
    assert [w.id for w in backup_tools_check(None)] == ["operations.W001"]
    monkeypatch.setattr("operations.checks.shutil.which", lambda name: f"/usr/bin/{name}")
    assert backup_tools_check(None) == []


def test_sqlite_needs_no_tools(monkeypatch):
    monkeypatch.setattr("operations.checks.connection", SimpleNamespace(vendor="sqlite"))
    monkeypatch.setattr("operations.checks.shutil.which", lambda name: None)
    assert backup_tools_check(None) == []
