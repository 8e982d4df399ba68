package dev.modelrun.core.model;

/** The life of one unit of work (an input item, or a batch of records). */
public enum ItemState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  DROPPED;

  public boolean canMoveTo(ItemState next) {
    return switch (this) {
      case QUEUED -> next == RUNNING || next == DROPPED;
      // why: RUNNING -> QUEUED is a lost lease or an interrupted call handed back for another attempt.
      case RUNNING -> next == SUCCEEDED || next == FAILED || next == QUEUED || next == DROPPED;
      case SUCCEEDED, FAILED, DROPPED -> false;
    };
  }

  public boolean isFinal() {
    return switch (this) {
      case QUEUED, RUNNING -> false;
      case SUCCEEDED, FAILED, DROPPED -> true;
    };
  }
}
