"""Every service class of the system, in start order."""
from eiso_audit.service import AuditService
from eiso_context.service import ContextService
from eiso_documents.service import DocumentsService
from eiso_quality.service import QualityService
from eiso_review.service import ReviewService
from eiso_workflow.service import WorkflowService

ALL_SERVICES = (ContextService, WorkflowService, QualityService, DocumentsService, AuditService, ReviewService)
