"""Notices in the admin: each person sees their own, opens the briefing, marks them read.
The queues and the unread count on the admin home are `services.review`'s."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from ..services import notices, review


class NoticeAdmin(admin.ModelAdmin):
    """Your notices: what happened to the briefings you work on. Written by the workflow,
    never by hand."""

    list_display = ["notice", "briefing_link", "kind", "created_at", "is_unread"]
    list_display_links = None
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "briefing__title"]
    list_select_related = ["briefing"]
    # A notice is read, never edited: its page names the briefing without listing them all.
    raw_id_fields = ["recipient", "briefing"]
    actions = ["mark_read"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    # Everyone on the staff has their own notices; nobody writes or edits one by hand.
    def has_module_permission(self, request):
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.recipient_id == request.user.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_mark_read_permission(self, request):
        return self.has_module_permission(request)

    @admin.display(description="notice")
    def notice(self, obj):
        return format_html('<span class="notice-text">{}</span>', obj.text)

    @admin.display(description="briefing", ordering="briefing__title")
    def briefing_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:briefings_briefing_change", args=[obj.briefing_id]),
            obj.briefing,
        )

    @admin.display(description="unread", boolean=True, ordering="read_at")
    def is_unread(self, obj):
        return not obj.is_read

    @admin.action(description="Mark selected notices read", permissions=["mark_read"])
    def mark_read(self, request, queryset):
        done = notices.notices_mark_read(user=request.user, ids=queryset.values_list("pk", flat=True))
        self.message_user(request, f"Marked {done} notice{'' if done == 1 else 's'} read.", messages.SUCCESS)


def index_with_queues(site: admin.AdminSite) -> None:
    """Put the review queues and the unread notices on `site`'s home page."""
    if getattr(site.index, "shows_queues", False):
        return
    plain_index = site.index

    def index(request, extra_context=None):
        context = {
            "review_queues": review.review_queues(user=request.user),
            "notices_unread": review.notices_unread_count(user=request.user),
            "notices_url": reverse(f"{site.name}:briefings_notice_changelist"),
            **(extra_context or {}),
        }
        return plain_index(request, context)

    index.shows_queues = True
    site.index = index
    site.index_template = "admin/briefings/index.html"
