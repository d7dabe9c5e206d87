"""API tokens: a username and password for a bearer token, and who the token belongs to."""
from __future__ import annotations

from eiso_contracts.errors import AuthenticationFailed, InvalidInput
from eiso_contracts.rpc.context import Credentials, PersonView, SessionsEnded
from flask import g

from ...api import route
from ...api.body import answer, json_body
from ...api.models import TokenResponse
from ...identity import SESSION_SECONDS, current_user, issue_token
from ...ratelimit import login_guard
from ...resources import services


@route("POST", "/auth/token", tag="auth", request=Credentials, response=TokenResponse, auth=False, throttled=True)
def token():
    """Exchange a username and password for a bearer token (8 hours)."""
    # Credentials never come back in an error: the message names the field, no details, no input.
    try:
        creds = json_body(Credentials)
        with login_guard(creds.username):  # 429 with Retry-After when this address or account is over its limits
            started = services().context.start_session(creds.username, creds.password, "api")
    except InvalidInput as exc:
        raise InvalidInput(exc.message) from None
    except AuthenticationFailed as exc:
        raise AuthenticationFailed(exc.message) from None
    return answer(TokenResponse(access_token=issue_token(started), expires_in=SESSION_SECONDS))


@route("POST", "/auth/logout", tag="auth", response=SessionsEnded)
def logout():
    """Sign out: every session of the person ends at once (this token, their other tokens and browsers)."""
    return answer(services().context.end_sessions(g.api_session))


@route("GET", "/me", tag="auth", response=PersonView)
def me():
    """The person the token belongs to."""
    return answer(services().context.get_person(current_user().id))
