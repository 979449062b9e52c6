"""SQL migrations of the event store, applied in file-name order (``NNNN_name.sql``)."""
