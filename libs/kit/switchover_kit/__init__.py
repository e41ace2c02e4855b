"""The service kit every Switchover service is built on (DESIGN.md §6-7).

config (settings), clock (injectable time), errors (rich gRPC statuses), validation and
pagination (request checks), auth (API keys, roles), context (the current call), logs (JSON
lines), server (`ServiceApp`, `serve`), client (`connect`), db (SQLAlchemy on SQLite or
PostgreSQL), idempotency (request ids), leases (shared durable work), testing and echo (for
tests and benchmarks).
"""
