"""Loading the demo organisation on start-up (``EISO_DEMO_DATA=1``).

Idempotent: nothing happens when the unit exists. Safe when two copies start
at once: both may find the unit missing, but the unit row is written first
in one transaction, so the later copy hits its primary key, rolls everything
back and skips.
"""
from __future__ import annotations

import logging

from eiso_contracts.rpc.context import DepartmentView
from eiso_kit.clock import utcnow
from eiso_kit.db import DatabaseAccess
from sqlalchemy.exc import IntegrityError

from . import repository
from .administration import person_created
from .authentication import PASSWORDS
from .demo import DemoOrganisation, load_demo
from .domain.passwords import Passwords
from .domain.roles import canonical

log = logging.getLogger(__name__)

LOADED, PRESENT, LOST_RACE = "loaded", "present", "lost_race"


def seed_demo(db: DatabaseAccess, demo: DemoOrganisation, hashing: Passwords = PASSWORDS) -> str:
    """Create the demo unit, departments and people unless the unit exists.

    Returns ``loaded``, ``present`` (already there) or ``lost_race`` (another copy loaded it
    at the same moment)."""
    code = demo.unit.code
    with db.read() as session:
        if repository.unit(session, code) is not None:
            return PRESENT
    hashes = {person.username: hashing.hash(demo.password) for person in demo.people}  # slow: before the tx
    now = utcnow()
    try:
        with db.transaction() as tx:
            if repository.unit(tx.session, code) is not None:
                return PRESENT
            repository.add_unit(tx.session, code, demo.unit.name, now)
            tx.audit("unit", code, "created", None, after=demo.unit.model_dump())
            for item in demo.departments:
                view = DepartmentView(id=demo.department_id(item.code), unit_code=code, code=item.code,
                                      name=item.name, sort_order=item.sort_order)
                repository.add_department(tx.session, view, now)
                tx.audit("department", view.id, "created", None, after=view.model_dump(mode="json"))
            for item in demo.people:
                person_id = demo.person_id(item.username)
                repository.add_person(tx.session, person_id=person_id, unit_code=code,
                                      department_id=demo.department_id(item.department), username=item.username,
                                      full_name=item.full_name, title=item.title, roles=canonical(item.roles),
                                      password_hash=hashes[item.username], now=now)
                view = repository.person(tx.session, person_id)
                tx.emit(person_created(view), subject=f"person/{person_id}")
                tx.audit("person", person_id, "created", None, after=view.model_dump(mode="json"))
    except IntegrityError:
        return LOST_RACE
    return LOADED


def prepare(db: DatabaseAccess, settings) -> None:
    """Seed the demo organisation when the service starts with ``EISO_DEMO_DATA=1`` (the Database
    dependency runs this after migrating, before the service answers anything)."""
    if not settings.demo_data:
        return
    demo = load_demo()
    outcome = seed_demo(db, demo)
    if outcome == LOADED:
        log.info("demo data loaded: unit %s with %d departments and %d people",
                 demo.unit.code, len(demo.departments), len(demo.people))
    elif outcome == PRESENT:
        log.info("demo data already present (unit %s); skipped", demo.unit.code)
    else:
        log.info("demo data loaded by another copy at the same moment (unit %s); skipped", demo.unit.code)
