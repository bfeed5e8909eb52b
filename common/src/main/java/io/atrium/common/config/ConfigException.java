package io.atrium.common.config;

/** A configuration problem, reported to the operator as one line naming the variable. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}
