"""The endpoint `admin-extra/presence.js` pings while a change page is open."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseForbidden, HttpResponseNotAllowed, JsonResponse

from ..services.presence import PING_SECONDS, presence_leave, presence_record


def presence_view(request, app_label: str, model_name: str, object_id: str):
    """POST: "I have this open" (or, with leave=1, "I closed it"); answers with the others.

    Staff only, and only for objects the user may see in the admin.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return HttpResponseForbidden("Staff only.")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist:
        raise Http404("No such kind of record.") from None
    if not (
        user.has_perm(f"{app_label}.view_{model_name}") or user.has_perm(f"{app_label}.change_{model_name}")
    ):
        return HttpResponseForbidden("You may not see these records.")
    object_id = object_id[:64]
    if request.POST.get("leave"):
        presence_leave(user=user, content_type=content_type, object_id=object_id)
        return JsonResponse({"others": []})
    others = presence_record(user=user, content_type=content_type, object_id=object_id)
    return JsonResponse({"others": others, "interval": PING_SECONDS})
