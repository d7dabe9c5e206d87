"""The repository on a migrated SQLite database: round trip, revisions appended, one policy in force."""
import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from eiso_kit.db.engine import make_engine
from eiso_kit.db.migrate import upgrade
from eiso_quality.policy import repository
from eiso_quality.policy.aggregate import ISSUED, new_policy
from eiso_quality.models import MIGRATIONS


@pytest.fixture
def session(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/quality.sqlite3")
    upgrade(engine, MIGRATIONS, lock_name="test")
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_a_policy_round_trips_with_its_revisions(session, samples):
    policy = new_policy("p1", samples.unit, samples.content(), samples.secretary, samples.t0)
    repository.add(session, policy)
    policy.revise(samples.content(motto="Tận tâm"), samples.leader, samples.at(5), 2)
    policy.dossier_code, policy.dossier_version = "1-2026-1-SONGANH", 2
    repository.save(session, policy)
    session.commit()
    assert repository.get(session, "p1") == policy
    assert repository.get(session, "p2") is None


def test_a_unit_cannot_have_two_policies_in_force(session, samples):
    for policy_id in ("p1", "p2"):
        policy = new_policy(policy_id, samples.unit, samples.content(), samples.secretary, samples.t0)
        policy.status = ISSUED
        if policy_id == "p1":
            repository.add(session, policy)
            session.commit()
            continue
        with pytest.raises(IntegrityError):
            repository.add(session, policy)
    session.rollback()
    assert repository.in_force(session, samples.unit).id == "p1"
