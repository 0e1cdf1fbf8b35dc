"""Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise, eager tasks."""

from .base import *  # noqa: F401,F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = ["*"]
# The dev servers that call the API from another origin: Vite (the web app, 5173) and Expo's web dev server
# (the field app, 8081). Their only credential is the knox token they send; CORS_ALLOWED_ORIGINS replaces
# the list (e.g. a phone's browser on the LAN). Production allows only what it is told (production.py).
CORS_ALLOWED_ORIGINS = env_list(
    "CORS_ALLOWED_ORIGINS", "http://localhost:5173,http://127.0.0.1:5173,http://localhost:8081,http://127.0.0.1:8081"
)
CSRF_TRUSTED_ORIGINS = [
    "http://localhost:5173",
    "http://127.0.0.1:5173",
    "http://localhost:8000",
    "http://127.0.0.1:8000",
]
