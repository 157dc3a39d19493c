import pytest

from lotse.namekeys import dictionary


@pytest.fixture(autouse=True)
def _fresh_variant_dictionary():
    # The dictionary is cached per process; a test's variants roll back with its
    # transaction, so they must not stay in the cache for the next test.
    dictionary.forget()
    yield
    dictionary.forget()
