from django.urls import path

from apps.core.routers import router

from .views import ChatSessionViewSet, DocumentViewSet, InboundMailView, UsageViewSet

router.register("ai-assistant/documents", DocumentViewSet, basename="ai-document")
router.register("ai-assistant/chat/sessions", ChatSessionViewSet, basename="ai-chat-session")
router.register("ai-assistant/usage", UsageViewSet, basename="ai-usage")

api_v1_urlpatterns = [path("ai-assistant/inbound/<slug:slug>/", InboundMailView.as_view(), name="ai-inbound-mail")]
