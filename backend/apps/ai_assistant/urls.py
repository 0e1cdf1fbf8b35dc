from apps.core.routers import router

from .views import ChatSessionViewSet, DocumentViewSet, UsageViewSet

router.register("ai-assistant/documents", DocumentViewSet, basename="ai-document")
router.register("ai-assistant/chat/sessions", ChatSessionViewSet, basename="ai-chat-session")
router.register("ai-assistant/usage", UsageViewSet, basename="ai-usage")
