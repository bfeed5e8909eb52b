package io.atrium.common.paging;

/**
 * A row of a page with the total of its list, read in the same statement ({@code count(*) OVER ()
 * AS total}, or a total read alongside): one round trip for a page and its total.
 */
public record Counted<T>(T item, long total) {}
