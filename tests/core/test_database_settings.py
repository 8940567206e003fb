"""PostgreSQL settings: statements a connection runs often are prepared on the server."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from kettle.accounts.models import Member

OPTIONS = ("import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'kettle.settings'; "
           "from django.conf import settings; print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {}), "
           "default=str))")


def _options(tmp_path, **env) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KETTLE_")}
    environment.update({"KETTLE_DATA_DIR": str(tmp_path), **env})
    result = subprocess.run([sys.executable, "-c", OPTIONS], env=environment, capture_output=True, text=True,
                            timeout=60, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_binds_on_the_server_and_prepares_unless_told_not_to(tmp_path):
    url = "postgres://kettle@db.internal:5432/kettle"
    prepared = _options(tmp_path, KETTLE_DATABASE_URL=url)
    assert prepared["server_side_binding"] is True and prepared["prepare_threshold"] == 5
    behind_pgbouncer = _options(tmp_path, KETTLE_DATABASE_URL=url, KETTLE_DATABASE_PREPARED="0")
    assert "server_side_binding" not in behind_pgbouncer and "prepare_threshold" not in behind_pgbouncer


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_a_query_run_again_and_again_is_prepared_on_the_server(db):
    for _ in range(6):
        list(Member.objects.filter(handle="nobody-here"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ['%"handle" = $1%'])
        assert cursor.fetchone()[0] == 1
