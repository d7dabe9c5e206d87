# Every eISO image: the six services and the web gateway, chosen with the build argument SERVICE.
# Build from the repository root (docker-compose.yml passes SERVICE for each of its eISO services):
#   docker build --build-arg SERVICE=workflow -t eiso-workflow .
#   SERVICE = context | quality | audit | review | documents | workflow | gateway
#
# Every image has the same shape (tests/deploy checks it): python:3.11-slim, the unprivileged user eiso, the pinned
# runtime requirements in their own layer (rebuilt only when requirements/runtime.txt changes), then the shared
# libraries and the one package, installed from their folders (--no-deps, not editable). Those first layers (stage
# eiso-base) are the same for all seven images, so they are built and stored once.
# What differs per image is its last stage, named after SERVICE: the command, and for documents and the gateway
# the port and the HEALTHCHECK. The gateway is a stage of this same file (built on eiso-base, not on eiso-service):
# only its package folder (gateway/), port, probe and command (gunicorn) differ, and a second file would repeat
# everything else.
# The last line picks the stage. Needs BuildKit (docker compose v2; docker build since Docker Engine 23), which
# builds only the stages the chosen one needs.

# Without --build-arg SERVICE=... the build stops in the stage of that name, saying what to pass.
ARG SERVICE=no-service-chosen

FROM python:3.11-slim AS no-service-chosen
RUN echo "Choose the image: docker build --build-arg SERVICE=<context|quality|audit|review|documents|workflow|gateway> ." >&2 \
    && exit 1

FROM python:3.11-slim AS eiso-base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    EISO_DATA_DIR=/var/lib/eiso
RUN groupadd --system --gid 10001 eiso \
    && useradd --system --uid 10001 --gid eiso --home-dir /var/lib/eiso --shell /usr/sbin/nologin eiso \
    && install -d -o eiso -g eiso /var/lib/eiso
WORKDIR /app
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --no-cache-dir -r requirements/runtime.txt
COPY libs/contracts libs/contracts
COPY libs/kit libs/kit
RUN pip install --no-cache-dir --no-deps ./libs/contracts ./libs/kit


# -- the six services: they answer over RabbitMQ; python -m eiso_kit.serve <module:Class> ---------------------------
FROM eiso-base AS eiso-service
ARG SERVICE
COPY services/${SERVICE} services/${SERVICE}
RUN pip install --no-cache-dir --no-deps ./services/${SERVICE}
USER 10001:10001
# Alive = this process's containers all run and its event loop turns: the process rewrites a liveness file every
# 5 s and exits (code 3, compose restarts it) the moment a container dies (eiso_kit.process). With no service
# named, the probe checks every liveness file in EISO_RUN_DIR: in a container, this one process's. Documents
# replaces it with the probe of its file endpoint (a later HEALTHCHECK wins).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=2 \
    CMD ["python", "-m", "eiso_kit.process.liveness"]

FROM eiso-service AS context
CMD ["python", "-m", "eiso_kit.serve", "eiso_context.service:ContextService"]

FROM eiso-service AS quality
CMD ["python", "-m", "eiso_kit.serve", "eiso_quality.service:QualityService"]

FROM eiso-service AS audit
CMD ["python", "-m", "eiso_kit.serve", "eiso_audit.service:AuditService"]

FROM eiso-service AS review
CMD ["python", "-m", "eiso_kit.serve", "eiso_review.service:ReviewService"]

FROM eiso-service AS workflow
CMD ["python", "-m", "eiso_kit.serve", "eiso_workflow.service:WorkflowService"]

FROM eiso-service AS documents
ENV EISO_DOCUMENTS_HTTP=0.0.0.0:8001
EXPOSE 8001
# The file endpoint's own /health (database + storage of this very process); stdlib only.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; port = os.environ.get('EISO_DOCUMENTS_HTTP', '0.0.0.0:8001').rpartition(':')[2]; urllib.request.urlopen('http://127.0.0.1:%s/health' % port, timeout=4)"]
CMD ["python", "-m", "eiso_kit.serve", "eiso_documents.service:DocumentsService"]


# -- the web gateway (UI + JSON API, no business data): stateless, as many copies as needed behind a load balancer,
#    all with the same EISO_SECRET_KEY (deploy/README.md) -----------------------------------------------------------
FROM eiso-base AS gateway
ENV EISO_GATEWAY_HOST=0.0.0.0 \
    EISO_GATEWAY_PORT=8000
COPY gateway gateway
RUN pip install --no-cache-dir --no-deps ./gateway
USER 10001:10001
EXPOSE 8000
# Liveness of this copy only (a static file: no RPC, so one service being down does not fail every gateway).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/static/img/favicon.svg' % os.environ.get('EISO_GATEWAY_PORT', '8000'), timeout=4)"]
# gunicorn_conf: bind EISO_GATEWAY_HOST:EISO_GATEWAY_PORT, gthread workers (GUNICORN_WORKERS, default 2), threads =
# GUNICORN_THREADS (default EISO_RPC_POOL_SIZE: one RPC proxy per thread), timeout = EISO_RPC_TIMEOUT + 30 s.
CMD ["gunicorn", "-c", "python:eiso_gateway.gunicorn_conf", "eiso_gateway.wsgi:app"]


# -- the image: the stage named SERVICE ------------------------------------------------------------------------------
FROM ${SERVICE}
