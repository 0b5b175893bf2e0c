"""What the operator reads: logs and metrics."""
