from eiso_kit.db.migrate import run_env

from eiso_quality.models import metadata

run_env(metadata)
