"""Readers' own pages: signing in and out on the public site (never the admin), and their
account: clearance, personal feed addresses, the API token."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from ..models import ReaderProfile
from ..services.readers import feed_token_revoke, reader_api_token_reset, request_reader


class ReaderAuthenticationForm(AuthenticationForm):
    """Sign-in for readers; staff sign in at the admin."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not ReaderProfile.objects.filter(user=user).exists():
            raise forms.ValidationError(
                "This sign-in is for readers. The desk's staff sign in at the admin.", code="not_reader"
            )


class ReaderLoginView(LoginView):
    """The readers' sign-in page; django-axes throttles it as it does the admin's."""

    template_name = "briefings/reader_login.html"
    authentication_form = ReaderAuthenticationForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("briefings:home")


class ReaderLogoutView(LogoutView):
    """Sign out (a POST, from the button in the header)."""

    next_page = reverse_lazy("briefings:home")


@login_required(login_url="briefings:reader-login")
@require_http_methods(["GET", "POST"])
def reader_account(request):
    """A reader's clearance, their personal feed addresses and API token, and buttons to
    revoke them."""
    profile = ReaderProfile.objects.select_related("organisation").filter(user=request.user).first()
    if profile is None:
        return redirect("briefings:home")
    if request.method == "POST":
        if "revoke_feeds" in request.POST:
            feed_token_revoke(profile=profile)
            messages.success(request, "Your old feed addresses no longer work; here are new ones.")
        elif "reset_api_token" in request.POST:
            reader_api_token_reset(user=request.user)
            messages.success(request, "Your API token is new; the old one no longer works.")
        return redirect("briefings:reader-account")
    token = Token.objects.filter(user=request.user).first()
    feed = request.build_absolute_uri(
        reverse("briefings:feed-briefings-personal", kwargs={"token": profile.feed_token})
    )
    context = {
        "profile": profile,
        "reader": request_reader(request),
        "feed_url": feed,
        "api_token": token.key if token else "",
    }
    return render(request, "briefings/reader_account.html", context)
