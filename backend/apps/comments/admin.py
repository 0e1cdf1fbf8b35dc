from django.contrib import admin

from .models import Comment, CommentAttachment


class CommentAttachmentInline(admin.TabularInline):
    model = CommentAttachment
    extra = 0
    fields = ["original_name", "kind", "content_type", "size", "file"]
    readonly_fields = ["original_name", "content_type", "size"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["id", "content_type", "object_id", "created_by", "tenant", "created_at"]
    list_filter = ["content_type"]
    list_select_related = ["content_type", "created_by", "tenant"]
    search_fields = ["body"]
    raw_id_fields = ["created_by"]
    inlines = [CommentAttachmentInline]


@admin.register(CommentAttachment)
class CommentAttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "content_type", "size", "comment", "tenant", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["comment", "tenant"]
    search_fields = ["original_name"]
    raw_id_fields = ["comment"]
