"""The one API router. Each app's urls.py registers its viewsets here; the generic tests walk it."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter(trailing_slash=True)
