package io.atrium.common.provider.scaleway;

/** The actions of {@code POST /instance/v1/zones/{zone}/servers/{id}/action} that Atrium uses. */
public enum ServerAction {
  POWERON("poweron"),
  POWEROFF("poweroff"),
  TERMINATE("terminate");

  private final String wireName;

  ServerAction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
