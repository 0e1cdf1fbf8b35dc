"""Settings package: DJANGO_ENV picks development (default), test, staging or production."""

import os

_ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()

if _ENV == "production":
    from .production import *  # noqa: F401,F403
elif _ENV == "staging":
    from .staging import *  # noqa: F401,F403
elif _ENV == "test":
    from .test import *  # noqa: F401,F403
elif _ENV == "development":
    from .development import *  # noqa: F401,F403
else:
    raise RuntimeError(f"DJANGO_ENV={_ENV!r} is not one of development, test, staging, production")
