"""Accounts: the name a person is shown by, and login throttling (django-axes): failed admin logins
lock out the account and the address."""

from axes.backends import AxesStandaloneBackend


def display_name(user):
    """How a person is named to others: a commenter's default name, an editor in presence and versions."""
    return user.get_full_name() or user.get_username()


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check for logins over HTTP.

    authenticate() without a request (a management command, the test client's login) comes from
    no client, so there is nothing to throttle; axes itself would refuse the call outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the admin's own page saying what happened and for how long (429)."""
    from django.conf import settings
    from django.contrib import admin
    from django.template.response import TemplateResponse

    context = {**admin.site.each_context(request), "cooloff_minutes": settings.LOGIN_LOCKOUT_MINUTES}
    response = TemplateResponse(request, "admin/locked_out.html", context, status=429)
    return response.render()
