package dev.punctual.api.audit;

/** What an audit entry records, as written in the log and in {@code GET /admin/audit}. */
public enum AuditAction {
  CREATE("create"),
  UPDATE("update"),
  DELETE("delete"),
  PAUSE("pause"),
  RESUME("resume"),
  TRIGGER("trigger"),
  BACKFILL("backfill"),
  RESYNC("resync"),
  KEY_ISSUE("key-issue"),
  KEY_REVOKE("key-revoke");

  private final String value;

  AuditAction(String value) {
    this.value = value;
  }

  /** The action as stored and shown, e.g. {@code key-issue}. */
  public String value() {
    return value;
  }
}
