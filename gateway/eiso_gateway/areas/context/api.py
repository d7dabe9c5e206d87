"""Tổ chức và bối cảnh over the API: the unit's analyses, one analysis, the one applied."""
from __future__ import annotations

from eiso_contracts.rpc.context_analysis import AnalysisView

from ...api import route
from ...api.body import answer
from ...identity import current_user
from ...resources import services


@route("GET", "/context/analyses", tag="context", response=("list", AnalysisView))
def analyses():
    """The context analyses of the person's unit, newest year first."""
    return answer(services().context.list_analyses(current_user().actor))


@route("GET", "/context/analyses/{analysis_id}", tag="context", response=AnalysisView)
def analysis(analysis_id: str):
    """One context analysis of the person's unit."""
    return answer(services().context.get_analysis(analysis_id, current_user().actor))


@route("GET", "/context/applied-analysis", tag="context", response=("nullable", AnalysisView))
def applied_analysis():
    """The analysis applied ("Đang áp dụng") in the person's unit, or null."""
    return answer(services().context.get_applied_analysis(current_user().actor))
