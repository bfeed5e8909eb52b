package io.atrium.common.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list that can grow. */
public record Page<T>(List<T> items, int page, int pageSize, long total) {
  public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
    return new Page<>(items, request.page(), request.pageSize(), total);
  }

  /**
   * The page of rows that carry their list's total; an empty page past the first asks {@code
   * count}, since no row brought the total.
   */
  public static <T> Page<T> of(
      List<Counted<T>> rows, PageRequest request, java.util.function.LongSupplier count) {
    long total =
        rows.isEmpty() ? (request.offset() == 0 ? 0 : count.getAsLong()) : rows.get(0).total();
    return new Page<>(
        rows.stream().map(Counted::item).toList(), request.page(), request.pageSize(), total);
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), page, pageSize, total);
  }
}
