package io.atrium.common.provider.scaleway.stub;

/** The routes of {@code scaleway.md} that the stub serves, for fault injection and recordings. */
public enum StubRoute {
  LIST_SERVER_TYPES,
  LIST_AVAILABILITY,
  LIST_SERVERS,
  CREATE_SERVER,
  GET_SERVER,
  SERVER_ACTION,
  DELETE_SERVER,
  LIST_VOLUMES,
  CREATE_VOLUME,
  GET_VOLUME,
  UPDATE_VOLUME,
  DELETE_VOLUME,
  /** A path or method outside {@code scaleway.md}: answered 404. */
  UNKNOWN,
  /** In a {@link FaultRule}: every route. */
  ANY;

  boolean matches(StubRoute actual) {
    return this == ANY || this == actual;
  }
}
