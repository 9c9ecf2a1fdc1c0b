"""The service's SQL, one file per table (users, api_keys, ended_tokens, audit_log): nothing else in
the service writes a statement."""
