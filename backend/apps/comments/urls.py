from apps.core.routers import router

from .views import CommentAttachmentViewSet, CommentViewSet

router.register("comments", CommentViewSet, basename="comment")
router.register("comment-attachments", CommentAttachmentViewSet, basename="comment-attachment")
