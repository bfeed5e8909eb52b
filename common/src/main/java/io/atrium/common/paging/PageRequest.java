package io.atrium.common.paging;

/** {@code ?page=1&page_size=50}, validated by the api (page ≥ 1, 1 ≤ page_size ≤ 200). */
public record PageRequest(int page, int pageSize) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  public int offset() {
    return (page - 1) * pageSize;
  }
}
