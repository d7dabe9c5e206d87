from eiso_kit.db.migrate import run_env

from eiso_workflow.models import metadata

run_env(metadata)
