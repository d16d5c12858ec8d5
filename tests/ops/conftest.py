from tests.courses.conftest import cast  # noqa: F401  (the factory-built cast)
