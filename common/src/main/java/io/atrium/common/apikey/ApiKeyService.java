package io.atrium.common.apikey;

import io.atrium.common.account.Caller;
import io.atrium.common.account.User;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.db.TenantScope;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.InvalidException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.input.InputLimits;
import io.atrium.common.input.TextKind;
import io.atrium.common.input.TextRules;
import io.atrium.common.organization.Permission;
import io.atrium.common.organization.Role;
import io.atrium.common.organization.RolePolicy;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys of the current workspace: personal keys act as their user, organization keys as a member
 * of their organization with the key's role (never above the creator's). The secret is returned
 * once, by {@link #create}; the database keeps only its HMAC.
 */
public final class ApiKeyService {
  public static final int DEFAULT_EXPIRY_DAYS = 90;
  public static final int MAX_EXPIRY_DAYS = 365;
  private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private final UnitOfWork work;
  private final Authorizer authorizer;
  private final TenantScope tenants;
  private final ApiKeyGenerator generator;
  private final ApiKeyHasher hasher;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public ApiKeyService(
      UnitOfWork work,
      Authorizer authorizer,
      TenantScope tenants,
      ApiKeyGenerator generator,
      ApiKeyHasher hasher,
      AuditLog audit,
      Clock clock) {
    this.work = work;
    this.authorizer = authorizer;
    this.tenants = tenants;
    this.generator = generator;
    this.hasher = hasher;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new key and its secret, which nothing returns again. */
  public record Created(ApiKey key, ApiKeySecret secret) {
    @Override
    public String toString() {
      return "Created[" + key + "]";
    }
  }

  public Page<ApiKey> list(Caller caller, PageRequest page) {
    TenantScope.Workspace scope = authorizedScope(caller, Permission.VIEW_API_KEYS);
    return work.withHandle(
        handle -> {
          ApiKeyDao keys = handle.attach(ApiKeyDao.class);
          return Page.of(
              keys.list(scope, page.pageSize(), page.offset()), page, () -> keys.count(scope));
        });
  }

  public Created create(
      Caller caller, String rawName, String rawRole, Integer expiresInDays, RequestOrigin origin) {
    TenantScope.Workspace scope = authorizedScope(caller, Permission.MANAGE_API_KEYS);
    String name = name(rawName);
    Role role = scope.personal() ? personalRole(rawRole) : organizationRole(caller, rawRole);
    int days = expiresInDays == null ? DEFAULT_EXPIRY_DAYS : expiresInDays;
    if (days < 1 || days > MAX_EXPIRY_DAYS) {
      throw InvalidException.field(
          "expires_in_days", "must be between 1 and " + MAX_EXPIRY_DAYS + " days");
    }
    ApiKeySecret secret = generator.generate();
    ApiKeyHash hash = hasher.hash(secret);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(Duration.ofDays(days));
    String roleValue = role == null ? null : role.value();
    return work.inTransaction(
        handle -> {
          ApiKeyDao keys = handle.attach(ApiKeyDao.class);
          keys.insert(
              id,
              scope,
              name,
              secret.displayPrefix(),
              hash.hash(),
              hash.pepperVersion(),
              roleValue,
              now,
              expiresAt);
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("name", name);
          details.put("prefix", secret.displayPrefix());
          details.put("role", String.valueOf(roleValue));
          details.put("expires_at", expiresAt.toString());
          audit.record(handle, event("api_key.created", caller, scope, id, origin, details));
          return new Created(keys.lock(scope, id).orElseThrow(), secret);
        });
  }

  public ApiKey rename(Caller caller, UUID id, String rawName, RequestOrigin origin) {
    TenantScope.Workspace scope = authorizedScope(caller, Permission.MANAGE_API_KEYS);
    String name = name(rawName);
    return work.inTransaction(
        handle -> {
          ApiKeyDao keys = handle.attach(ApiKeyDao.class);
          ApiKey before = keys.lock(scope, id).orElseThrow(ApiKeyService::notFound);
          keys.rename(scope, id, name, clock.instant());
          audit.record(
              handle,
              event(
                  "api_key.renamed",
                  caller,
                  scope,
                  id,
                  origin,
                  Map.of("before", before.name(), "after", name, "prefix", before.prefix())));
          return keys.lock(scope, id).orElseThrow();
        });
  }

  /** Revoked at once; revoking a revoked key again changes nothing. */
  public void revoke(Caller caller, UUID id, RequestOrigin origin) {
    TenantScope.Workspace scope = authorizedScope(caller, Permission.MANAGE_API_KEYS);
    work.useTransaction(
        handle -> {
          ApiKeyDao keys = handle.attach(ApiKeyDao.class);
          ApiKey key = keys.lock(scope, id).orElseThrow(ApiKeyService::notFound);
          if (keys.revoke(scope, id, clock.instant())) {
            audit.record(
                handle,
                event(
                    "api_key.revoked",
                    caller,
                    scope,
                    id,
                    origin,
                    Map.of("name", key.name(), "prefix", key.prefix())));
          }
        });
  }

  /**
   * The caller behind a well-formed key, if it is live: one indexed lookup by its HMAC (under each
   * configured pepper) that reads the organization, role, revocation, expiry and statuses at once,
   * on the handle the request's own unit of work then uses; a second, rare statement keeps {@code
   * last_used_at} to the minute (and moves a key found under an old pepper to the newest).
   */
  public Optional<Caller> authenticate(ApiKeySecret secret) {
    Instant now = clock.instant();
    var candidates = hasher.candidates(secret);
    return work.withHandleKept(
        handle -> {
          ApiKeyDao keys = handle.attach(ApiKeyDao.class);
          Optional<ApiKeyDao.LiveKey> found =
              keys.findLive(candidates.stream().map(ApiKeyHash::hash).toList(), now);
          if (found.isEmpty() || User.DISABLED.equals(found.get().status())) {
            return Optional.empty();
          }
          ApiKeyDao.LiveKey key = found.get();
          if (key.lastUsedAt() == null
              || key.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            keys.touch(key.apiKeyId(), now);
          }
          ApiKeyHash newest = candidates.get(0);
          if (!newest.pepperVersion().equals(key.pepperVersion())) {
            keys.rehash(key.apiKeyId(), newest.hash(), newest.pepperVersion());
          }
          return Optional.of(
              new Caller(
                  key.userId(),
                  null,
                  key.email(),
                  key.platformRole(),
                  key.organizationId(),
                  key.organizationRole(),
                  key.organizationStatus(),
                  key.apiKeyId()));
        });
  }

  /** The workspace whose keys the caller may see or manage: its own personal keys, always. */
  private TenantScope.Workspace authorizedScope(Caller caller, Permission permission) {
    TenantScope.Workspace scope = tenants.workspace(caller);
    if (!scope.personal()) {
      authorizer.require(caller, permission, scope.organizationId());
    }
    return scope;
  }

  private Role organizationRole(Caller caller, String rawRole) {
    Role creator = authorizer.requireRoleInCurrent(caller, Permission.MANAGE_API_KEYS);
    Role role =
        rawRole == null
            ? Role.USER
            : Role.parse(rawRole)
                .orElseThrow(
                    () ->
                        InvalidException.field(
                            "role", "must be one of owner, admin, manager, user"));
    if (!RolePolicy.mayIssueApiKeyAs(creator, role)) {
      throw new ForbiddenException(
          "role_not_allowed", "A key's role cannot be above your own (" + creator.value() + ").");
    }
    return role;
  }

  private static Role personalRole(String rawRole) {
    if (rawRole != null) {
      throw InvalidException.field(
          "role", "is only for organization keys: a personal key acts as you");
    }
    return null;
  }

  private static AuditEvent event(
      String action,
      Caller caller,
      TenantScope.Workspace scope,
      UUID id,
      RequestOrigin origin,
      Map<String, Object> details) {
    return AuditEvent.of(action, caller.userId(), origin)
        .organization(scope.organizationId())
        .target("api_key", id)
        .details(details);
  }

  private static String name(String raw) {
    if (raw == null || raw.isBlank()) {
      throw InvalidException.field("name", "is required");
    }
    String name = raw.strip();
    if (TextRules.length(name) > InputLimits.API_KEY_NAME) {
      throw InvalidException.field(
          "name", "must be at most " + InputLimits.API_KEY_NAME + " characters");
    }
    TextRules.problem(name, TextKind.IDENTIFIER)
        .ifPresent(
            problem -> {
              throw InvalidException.field("name", problem);
            });
    return name;
  }

  private static NotFoundException notFound() {
    return new NotFoundException("No such API key.");
  }
}
