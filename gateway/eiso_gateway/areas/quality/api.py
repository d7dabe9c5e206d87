"""Chính sách chất lượng over the API: list, submit (idempotent), one policy, the policy in force."""
from __future__ import annotations

from eiso_contracts.rpc.quality import PolicyView, SubmitPolicy
from eiso_kit.rpc import dump
from flask import jsonify

from ...api import Param, route
from ...api.body import IDEMPOTENCY_KEY_HELP, answer, idempotency_key, json_body
from ...api.models import field_schema, without
from ...identity import current_user
from ...resources import services
from .routes import own_policy

PolicySubmission = without(SubmitPolicy, "PolicySubmission", ("actor",),
                           "A quality policy draft and who reviews it next (Bước 2).")


@route("GET", "/quality/policies", tag="quality", response=("list", PolicyView))
def policies():
    """The quality policies of the person's unit."""
    return answer(services().quality.list_policies(current_user().actor))


@route("POST", "/quality/policies", tag="quality", request=PolicySubmission, response=PolicyView, status=201,
       params=(Param("Idempotency-Key", where="header", schema=field_schema(SubmitPolicy, "request_id"),
                     description=IDEMPOTENCY_KEY_HELP),))
def submit_policy():
    """Lập chính sách chất lượng: submit a draft; its dossier opens asynchronously."""
    body = json_body(PolicySubmission)
    key = idempotency_key()
    created = services().quality.submit_policy(
        {"actor": dump(current_user().actor), **body.model_dump(mode="json")}, request_id=key)
    response = jsonify(dump(created))
    response.status_code = 201
    response.headers["Location"] = f"/api/v1/quality/policies/{created.id}"
    return response


@route("GET", "/quality/policies/{policy_id}", tag="quality", response=PolicyView)
def policy(policy_id: str):
    """One quality policy with its revisions."""
    return answer(own_policy(policy_id))


@route("GET", "/quality/policy-in-force", tag="quality", response=("nullable", PolicyView))
def policy_in_force():
    """The policy in force ("Đang áp dụng") of the person's unit, or null."""
    return answer(services().quality.get_policy_in_force(current_user().actor))
