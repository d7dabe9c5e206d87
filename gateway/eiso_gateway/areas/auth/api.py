"""API tokens: a username and password for a bearer token, and who the token belongs to."""
from __future__ import annotations

from eiso_contracts.errors import AuthenticationFailed, InvalidInput
from eiso_contracts.rpc.context import Credentials, PersonView

from ...api import route
from ...api.body import answer, json_body
from ...api.models import TokenResponse
from ...identity import SESSION_SECONDS, current_user, issue_token
from ...resources import services


@route("POST", "/auth/token", tag="auth", request=Credentials, response=TokenResponse, auth=False)
def token():
    """Exchange a username and password for a bearer token (8 hours)."""
    # Credentials never come back in an error: the message names the field, no details, no input.
    try:
        creds = json_body(Credentials)
        person = services().context.authenticate(creds.username, creds.password)
    except InvalidInput as exc:
        raise InvalidInput(exc.message) from None
    except AuthenticationFailed as exc:
        raise AuthenticationFailed(exc.message) from None
    return answer(TokenResponse(access_token=issue_token(person), expires_in=SESSION_SECONDS))


@route("GET", "/me", tag="auth", response=PersonView)
def me():
    """The person the token belongs to."""
    return answer(services().context.get_person(current_user().id))
