package io.atrium.common.model;

import io.atrium.common.account.Caller;
import io.atrium.common.audit.AuditEvent;
import io.atrium.common.audit.AuditLog;
import io.atrium.common.audit.RequestOrigin;
import io.atrium.common.authorization.Authorizer;
import io.atrium.common.db.TenantScope;
import io.atrium.common.db.UnitOfWork;
import io.atrium.common.error.ConflictException;
import io.atrium.common.error.ForbiddenException;
import io.atrium.common.error.NotFoundException;
import io.atrium.common.organization.Permission;
import io.atrium.common.paging.Page;
import io.atrium.common.paging.PageRequest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The contract's models: an organization's owners and admins manage its own models; public models
 * are the platform admin's alone, created from the personal workspace. Another organization's model
 * does not exist for the caller (404); a public model it may see but not change is 403. Changes are
 * audited in the organization's chain, those of public models in the platform's.
 */
public final class ModelService {
  private static final String UNIQUE_VIOLATION = "23505";

  private final UnitOfWork work;
  private final Authorizer authorizer;
  private final TenantScope tenants;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public ModelService(
      UnitOfWork work, Authorizer authorizer, TenantScope tenants, AuditLog audit, Clock clock) {
    this.work = work;
    this.authorizer = authorizer;
    this.tenants = tenants;
    this.audit = audit;
    this.clock = clock;
  }

  /** What a create or an edit asks for; a null field of an edit stays as it is. */
  public record ModelInput(String name, String code, String description, String visibility) {}

  /** The two activations of the contract, each with its permission of the matrix. */
  public enum Activation {
    TECHNICAL(Permission.TECHNICAL_ACTIVATION, "tech"),
    ECONOMIC(Permission.ECONOMIC_ACTIVATION, "eco");

    final Permission permission;
    final String auditName;

    Activation(Permission permission, String auditName) {
      this.permission = permission;
      this.auditName = auditName;
    }
  }

  /** Public models plus, inside an organization, its own; newest first. */
  public Page<Model> list(Caller caller, PageRequest page) {
    TenantScope.Workspace scope = viewingWorkspace(caller);
    return work.withHandle(
        handle -> {
          ModelDao models = handle.attach(ModelDao.class);
          return Page.of(
              models.list(scope, page.pageSize(), page.offset()), page, () -> models.count(scope));
        });
  }

  public Model create(Caller caller, ModelInput input, RequestOrigin origin) {
    String visibility = ModelRules.visibility(input.visibility());
    UUID organizationId;
    if (Model.PUBLIC.equals(visibility)) {
      if (caller.organizationId() != null) {
        throw new ForbiddenException(
            "forbidden",
            "An organization's models are visible to it alone; public models are the"
                + " platform admin's, from the personal workspace.");
      }
      authorizer.requirePlatformAdmin(caller);
      organizationId = null;
    } else {
      organizationId = authorizer.requireInCurrent(caller, Permission.MANAGE_MODELS);
    }
    String name = ModelRules.name(input.name());
    String code =
        input.code() == null ? ModelRules.derivedCode(name) : ModelRules.code(input.code());
    String description = ModelRules.description(input.description());
    Instant now = clock.instant();
    Model model =
        new Model(
            UUID.randomUUID(),
            name,
            code,
            description,
            organizationId == null ? Model.PUBLIC : Model.ORGANIZATION,
            organizationId,
            caller.userId(),
            null,
            null,
            null,
            null,
            false,
            now,
            now);
    return inTransaction(
        handle -> {
          if (!handle.attach(ModelDao.class).insert(model)) {
            throw codeTaken();
          }
          record(handle, "model.created", caller, model, origin, Map.of("code", code));
          return model;
        });
  }

  public Model update(Caller caller, UUID id, ModelInput input, RequestOrigin origin) {
    String name = input.name() == null ? null : ModelRules.name(input.name());
    String code = input.code() == null ? null : ModelRules.code(input.code());
    String description =
        input.description() == null ? null : ModelRules.description(input.description());
    return inTransaction(
        handle -> {
          ModelDao models = handle.attach(ModelDao.class);
          Model model = lockForChange(handle, caller, id, Permission.MANAGE_MODELS);
          models.update(
              id,
              name == null ? model.name() : name,
              code == null ? model.code() : code,
              input.description() == null ? model.description() : description,
              clock.instant());
          Map<String, Object> changed = new LinkedHashMap<>();
          if (name != null) {
            changed.put("name", name);
          }
          if (code != null) {
            changed.put("code", code);
          }
          if (input.description() != null) {
            changed.put("description_changed", true);
          }
          record(handle, "model.updated", caller, model, origin, changed);
          return models.get(id);
        });
  }

  /** Soft: instances keep their reference; the code is free again. */
  public void delete(Caller caller, UUID id, RequestOrigin origin) {
    work.useTransaction(
        handle -> {
          Model model = lockForChange(handle, caller, id, Permission.MANAGE_MODELS);
          handle.attach(ModelDao.class).delete(id, clock.instant());
          record(handle, "model.deleted", caller, model, origin, Map.of("code", model.code()));
        });
  }

  /**
   * Sets ({@code active}) or withdraws one activation, recording who and when. Idempotent: an
   * activation already set keeps its first author and time.
   */
  public Model activate(
      Caller caller, UUID id, Activation activation, boolean active, RequestOrigin origin) {
    return work.inTransaction(
        handle -> {
          ModelDao models = handle.attach(ModelDao.class);
          Model model = lockForChange(handle, caller, id, activation.permission);
          Instant current =
              activation == Activation.TECHNICAL ? model.techActivatedAt() : model.ecoActivatedAt();
          if ((current != null) == active) {
            return model;
          }
          Instant now = clock.instant();
          UUID user = active ? caller.userId() : null;
          Instant at = active ? now : null;
          if (activation == Activation.TECHNICAL) {
            models.setTechnical(id, user, at, now);
          } else {
            models.setEconomic(id, user, at, now);
          }
          Model changed = models.get(id);
          record(
              handle,
              "model." + activation.auditName + (active ? "_activated" : "_deactivated"),
              caller,
              model,
              origin,
              Map.of("is_operational", changed.isOperational()));
          return changed;
        });
  }

  /** The workspace whose models the caller sees besides the public ones. */
  private TenantScope.Workspace viewingWorkspace(Caller caller) {
    if (caller.organizationId() != null) {
      authorizer.requireInCurrent(caller, Permission.VIEW_RESOURCES);
    }
    return tenants.workspace(caller);
  }

  /**
   * The model as the caller's workspace sees it, locked: 404 when it does not see it; a public one
   * is the platform admin's alone, an organization's one needs {@code permission} there.
   */
  private Model lockForChange(Handle handle, Caller caller, UUID id, Permission permission) {
    Model model =
        handle
            .attach(ModelDao.class)
            .lockVisible(id, viewingWorkspace(caller))
            .orElseThrow(() -> new NotFoundException("not_found", "No such model."));
    if (model.isPublic()) {
      authorizer.requirePlatformAdmin(caller);
    } else {
      authorizer.require(caller, permission, model.organizationId());
    }
    return model;
  }

  private void record(
      Handle handle,
      String action,
      Caller caller,
      Model model,
      RequestOrigin origin,
      Map<String, Object> details) {
    audit.record(
        handle,
        AuditEvent.of(action, caller.userId(), origin)
            .organization(model.organizationId())
            .target("model", model.id())
            .details(details));
  }

  private <T> T inTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> body) {
    try {
      return work.inTransaction(body);
    } catch (UnableToExecuteStatementException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        throw codeTaken();
      }
      throw e;
    }
  }

  private static ConflictException codeTaken() {
    return new ConflictException("model_code_taken", "A model with this code exists already.");
  }
}
