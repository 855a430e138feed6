"""The examples in the docstrings of the pure-Python modules run."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from spotdraft_kit import _receive, stores


@pytest.mark.parametrize("module", [_receive, stores], ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, raise_on_error=False, report=True)
    assert result.attempted > 0
    assert result.failed == 0
