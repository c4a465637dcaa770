"""Every error the partner API gives is an RFC 9457 problem that the OpenAPI document lists for that
operation: the statuses are provoked for real and looked up in the document, not copied from it."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from zicht.api.framework import PROBLEM_CONTENT_TYPE, api_token_create
from zicht.common.roles import Role

pytestmark = pytest.mark.django_db

ROWS_CSV = "key_id,bsn_key,year\n" + f"{'b' * 16},{'a' * 64},2025\n"


@pytest.fixture
def document() -> dict:
    return Client().get("/api/v1/openapi.json").json()


@pytest.fixture
def token(personas) -> str:
    return api_token_create(organization=personas[Role.PARTNER].organization)[1]


def _post(path: str, body: object, *, token: str | None, key: str | None = "k-1", raw: bytes | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if key is not None:
        headers["Idempotency-Key"] = key
    data = raw if raw is not None else json.dumps(body)
    return Client().post(path, data=data, content_type="application/json", headers=headers)


def _assert_documented(document: dict, path: str, method: str, response) -> None:
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE, response.content
    problem = response.json()
    assert problem["status"] == response.status_code and problem["request_id"]
    listed = document["paths"][path][method]["responses"]
    assert str(response.status_code) in listed, f"{method} {path} does not list {response.status_code}"
    schema = listed[str(response.status_code)]["content"][PROBLEM_CONTENT_TYPE]["schema"]
    assert schema == {"$ref": "#/components/schemas/Problem"}
    required = document["components"]["schemas"]["Problem"]["required"]
    assert all(name in problem for name in required)


def test_every_provoked_error_is_a_documented_problem(document, token, settings) -> None:
    involvements, withdraw, lists = (
        "/api/v1/involvements",
        "/api/v1/involvements/{involvement_id}/withdraw",
        ("/api/v1/source-lists"),
    )
    good = {"bsn": "111222333"}
    cases = [
        (involvements, _post("/api/v1/involvements", good, token=None)),  # 401
        (involvements, _post("/api/v1/involvements", good, token=token, key=None)),  # 400 missing
        (involvements, _post("/api/v1/involvements", good, token=token, key=" padded ")),  # 400 malformed
        (involvements, _post("/api/v1/involvements", {"bsn": "123"}, token=token, key="a")),  # 422 rules
        (involvements, _post("/api/v1/involvements", {"bsn": 5, "date_of_birth": "x"}, token=token, key="b")),  # 422
        (involvements, _post("/api/v1/involvements", {}, token=token, key="c", raw=b"{not json")),  # 422 syntax
        (withdraw, _post("/api/v1/involvements/999999/withdraw", {}, token=token, key="d")),  # 404
        (withdraw, _post("/api/v1/involvements/x/withdraw", {}, token=token, key="e")),  # 422 path
        (lists, _post(lists, {"name": "x", "year": 2025, "csv": "nonsense"}, token=token, key="f")),  # 422 file
    ]
    _post(lists, {"name": "x", "year": 2025, "csv": ROWS_CSV}, token=token, key="g")
    cases.append((lists, _post(lists, {"name": "y", "year": 2025, "csv": ROWS_CSV}, token=token, key="g")))  # 409
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    cases.append((lists, _post(lists, {"name": "z", "year": 2025, "csv": ROWS_CSV * 20}, token=token, key="h")))  # 413
    statuses = sorted({response.status_code for _path, response in cases})
    assert statuses == [400, 401, 404, 409, 413, 422]
    for path, response in cases:
        _assert_documented(document, path, "post", response)


def test_the_notice_list_documents_its_401(document) -> None:
    response = Client().get("/api/v1/notices")
    assert response.status_code == 401
    _assert_documented(document, "/api/v1/notices", "get", response)


def test_every_post_documents_the_idempotency_key_as_the_check_enforces_it(document) -> None:
    from zicht.api.framework import _IDEMPOTENCY_KEY

    for path, item in document["paths"].items():
        if "post" not in item:
            continue
        (header,) = [p for p in item["post"]["parameters"] if p["in"] == "header" and p["name"] == "Idempotency-Key"]
        assert header["required"] and header["schema"]["pattern"] == _IDEMPOTENCY_KEY.pattern, path
        assert header["schema"]["maxLength"] == 200
