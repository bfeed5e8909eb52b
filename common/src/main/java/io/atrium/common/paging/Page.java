package io.atrium.common.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list that can grow. */
public record Page<T>(List<T> items, int page, int pageSize, long total) {
  public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
    return new Page<>(items, request.page(), request.pageSize(), total);
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), page, pageSize, total);
  }
}
