"""Kiểm soát hoạt động ISO over the API: the inbox, dossier types, one dossier, "Chuyển hồ sơ"."""
from __future__ import annotations

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.workflow import ActCommand, DossierTypeView, DossierView, InboxPage, InboxQuery
from eiso_kit.idempotency import with_key
from eiso_kit.rpc import dump
from flask import request

from ...api import Param, route
from ...api.body import IDEMPOTENCY_KEY_HELP, answer, idempotency_key, int_arg, json_body
from ...api.models import field_schema, without
from ...identity import current_user
from ...resources import services
from .routes import MAX_PAGE, TABS

ActRequest = without(ActCommand, "ActRequest", ("code", "actor"),
                     "One submission of the \"Chuyển hồ sơ\" form; the actor is the token's person.")


@route("GET", "/inbox", tag="dossiers", response=InboxPage, params=(
    Param("tab", schema={"type": "string", "enum": list(TABS), "default": "todo"},
          description="Theo dõi / Chưa xử lý / Đã xử lý / Hoàn thành hồ sơ"),
    Param("page", schema={"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}),
    Param("page_size", schema={"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
    Param("search", schema=field_schema(InboxQuery, "search")),
))
def inbox():
    """One tab of the person's dossier inbox, with the count of every tab."""
    tab = request.args.get("tab") or "todo"
    if tab not in TABS:
        raise InvalidInput("Tham số tab phải là following, todo, done hoặc completed.")
    page = int_arg("page", 1, 1, MAX_PAGE)
    size = int_arg("page_size", 20, 1, 100)
    return answer(services().workflow.inbox(current_user().actor, tab=tab, page=page, page_size=size,
                                            search=request.args.get("search") or None))


@route("GET", "/dossier-types", tag="dossiers", response=("list", DossierTypeView))
def dossier_types():
    """Every dossier type (definition) with its steps."""
    return answer(services().workflow.list_definitions())


@route("GET", "/dossiers/{code}", tag="dossiers", response=DossierView)
def dossier(code: str):
    """A dossier with its step timeline and history; ``form`` only for its current handler."""
    return answer(services().workflow.get_dossier(code, current_user().actor))


@route("POST", "/dossiers/{code}/actions", tag="dossiers", request=ActRequest, response=DossierView,
       params=(Param("Idempotency-Key", where="header", schema=field_schema(ActCommand, "request_id"),
                     description=IDEMPOTENCY_KEY_HELP),))
def act(code: str):
    """Chuyển hồ sơ: save, approve, reject or return the current step."""
    body = json_body(ActRequest)
    command = with_key({"code": code, "actor": dump(current_user().actor), **body.model_dump(mode="json")},
                       idempotency_key())
    return answer(services().workflow.act(command))
