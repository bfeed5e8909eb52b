package io.atrium.api.organization;

import io.atrium.api.http.Authenticator;
import io.atrium.api.http.Pages;
import io.atrium.common.audit.AuditQueries;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit log of the current organization, and the check of its hash chain. */
public final class AuditController {
  private final AuditQueries audit;

  @Inject
  public AuditController(AuditQueries audit) {
    this.audit = audit;
  }

  public void list(Context ctx) {
    var page = audit.listForOrganization(Authenticator.caller(ctx), Pages.of(ctx));
    ctx.json(Pages.Body.of(page.map(AuditEntryResponse::from)));
  }

  public void verify(Context ctx) {
    AuditQueries.Verification verification = audit.verifyForOrganization(Authenticator.caller(ctx));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("intact", verification.intact());
    body.put("entries", verification.entries());
    if (verification.firstBrokenId() != null) {
      body.put("first_broken_id", verification.firstBrokenId());
    }
    if (verification.reason() != null) {
      body.put("reason", verification.reason().code());
    }
    ctx.json(body);
  }
}
