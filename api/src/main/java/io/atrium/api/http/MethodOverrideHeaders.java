package io.atrium.api.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hides the method-override headers from everything behind it. Javalin takes a request's method
 * from {@code X-HTTP-Method-Override} when present ({@code Context.method()}), so a GET, which
 * browsers send cross-site without a preflight, could run a DELETE or POST route. The method is the
 * request line's, always.
 */
public final class MethodOverrideHeaders implements Filter {
  static final Set<String> HIDDEN =
      caseInsensitive(List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"));

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && carriesOverride(http)) {
      chain.doFilter(new Hiding(http), response);
    } else {
      chain.doFilter(request, response);
    }
  }

  private static boolean carriesOverride(HttpServletRequest request) {
    for (String name : HIDDEN) {
      if (request.getHeader(name) != null) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> caseInsensitive(List<String> names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(names);
    return Collections.unmodifiableSet(set);
  }

  private static final class Hiding extends HttpServletRequestWrapper {
    Hiding(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      return HIDDEN.contains(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return HIDDEN.contains(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(HIDDEN::contains);
      return Collections.enumeration(names);
    }

    @Override
    public long getDateHeader(String name) {
      return HIDDEN.contains(name) ? -1 : super.getDateHeader(name);
    }

    @Override
    public int getIntHeader(String name) {
      return HIDDEN.contains(name) ? -1 : super.getIntHeader(name);
    }
  }
}
