"""Property-based: schemathesis generates requests from ``/openapi.json`` and checks that
the service never answers 500 and that every answer matches the document.

The operations are driven with schemathesis's strategies under hypothesis directly:
its pytest loader for lazily started servers (``from_fixture``) does not run on the
pytest this project uses.
"""
from __future__ import annotations

from typing import Any, Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from server_helpers import Server

OPERATIONS = ["POST /v1/check", "POST /v1/check/batch", "GET /v1/rules", "GET /v1/rules/{code}",
              "POST /v2/check", "GET /v2/languages", "GET /healthz", "GET /", "GET /static/{name}"]
# schemathesis leaves out the document it was loaded from: /openapi.json is checked
# against itself in test_server_api.


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server(tmp_path_factory.mktemp("fuzz"), "--max-text-length", "300", "--max-batch", "5") as s:
        yield s


@pytest.fixture(scope="module")
def api(server: Server) -> Any:
    # Over-long text is refused with 413 (Content Too Large), as the document says.
    config = schemathesis.Config.from_dict(
        {"checks": {"negative_data_rejection": {"expected-statuses": [400, 404, 405, 413, 422]}}})
    return schemathesis.openapi.from_url(server.url + "/openapi.json", config=config)


def test_every_operation_is_fuzzed(api: Any) -> None:
    labels = {result.ok().label for result in api.get_all_operations()}
    assert labels == set(OPERATIONS)


# Operations with no input have no invalid requests to make.
WITH_INPUT = ["POST /v1/check", "POST /v1/check/batch", "POST /v2/check"]
CASES = [(label, GenerationMode.POSITIVE) for label in OPERATIONS] + \
        [(label, GenerationMode.NEGATIVE) for label in WITH_INPUT]


@pytest.mark.parametrize("label, mode", CASES, ids=[f"{label} {mode.value}" for label, mode in CASES])
def test_api_answers_as_documented(api: Any, label: str, mode: GenerationMode) -> None:
    operation = api.find_operation_by_label(label)
    assert operation is not None
    statuses: list[int] = []

    # `data` is a JSON document inside a form field, which a schema cannot describe:
    # a generated `data` string is rarely JSON, and is rightly refused with 400.
    excluded = [positive_data_acceptance] if label == "POST /v2/check" else None

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        response = case.call_and_validate(excluded_checks=excluded)
        statuses.append(response.status_code)

    run()
    assert statuses and max(statuses) < 500
