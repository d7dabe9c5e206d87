-- One database per service: each service owns its tables (docker-compose mounts this file).
CREATE DATABASE eiso_context;
CREATE DATABASE eiso_quality;
CREATE DATABASE eiso_audit;
CREATE DATABASE eiso_review;
CREATE DATABASE eiso_documents;
CREATE DATABASE eiso_workflow;
