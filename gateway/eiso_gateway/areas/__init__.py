"""The areas of the web UI, one package each: its routes, its API routes and its templates.

Every area package exposes ``bp`` (its page blueprint, templates beside it in
``templates/<area>/``) and registers its API operations on ``eiso_gateway.api``
when imported. ``BLUEPRINTS`` is the order the app registers them in.
"""
from .auth import bp as auth  # isort: skip  (this order is the API document's order)
from .home import bp as home  # isort: skip
from .dossiers import bp as dossiers  # isort: skip
from .context import bp as context  # isort: skip
from .quality import bp as quality  # isort: skip
from .objectives import bp as objectives  # isort: skip
from .audit import bp as audit  # isort: skip
from .nonconformity import bp as nonconformity  # isort: skip
from .improvement import bp as improvement  # isort: skip
from .files import bp as files  # isort: skip
from .documents import bp as documents  # isort: skip
from .records import bp as records  # isort: skip
from .admin import bp as admin  # isort: skip

BLUEPRINTS = (auth, home, dossiers, context, quality, objectives, audit, nonconformity, improvement, files,
              documents, records, admin)
