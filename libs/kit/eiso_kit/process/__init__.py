"""The life of a service process: watching its containers, its liveness file, its exit code."""
