"""Creates kit_idempotency_keys, the stored responses of mutating requests by request id.

Revision ID: kit_0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "kit_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kit_idempotency_keys",
        sa.Column("method", sa.String(300), primary_key=True),
        sa.Column("request_id", sa.String(64), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("response_type", sa.String(300), nullable=False),
        sa.Column("response", sa.LargeBinary(), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_kit_idempotency_keys_create_time", "kit_idempotency_keys", ["create_time"])


def downgrade() -> None:
    op.drop_index("ix_kit_idempotency_keys_create_time", table_name="kit_idempotency_keys")
    op.drop_table("kit_idempotency_keys")
