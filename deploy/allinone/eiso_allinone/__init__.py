"""The embedded all-in-one runner: every service and the gateway in one process.

Not a service: it is the one place allowed to import them all, to start them
side by side over the in-memory bus (or, with EISO_AMQP_URI set, RabbitMQ).
"""
