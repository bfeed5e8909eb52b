package io.atrium.common.provider.scaleway.stub;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Scaleway error answer: a status and the body {@code scaleway.md} gives for it. */
final class StubError extends RuntimeException {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  final int status;
  final ObjectNode body;

  private StubError(int status, ObjectNode body) {
    super(body.toString(), null, false, false);
    this.status = status;
    this.body = body;
  }

  static StubError invalidArgument(String argument, String help) {
    ObjectNode body =
        JSON.objectNode().put("type", "invalid_arguments").put("message", "invalid argument(s)");
    body.putArray("details")
        .addObject()
        .put("argument_name", argument)
        .put("reason", "constraint")
        .put("help_message", help);
    return new StubError(400, body);
  }

  static StubError wrongState(String message) {
    return new StubError(
        400, JSON.objectNode().put("type", "invalid_request_error").put("message", message));
  }

  static StubError unauthenticated(String reason) {
    return new StubError(
        401,
        JSON.objectNode()
            .put("type", "denied_authentication")
            .put("message", "invalid authentication")
            .put("method", "api_key")
            .put("reason", reason));
  }

  static StubError forbidden(String action, String resource) {
    ObjectNode body =
        JSON.objectNode()
            .put("type", "permissions_denied")
            .put("message", "insufficient permissions");
    body.putArray("details").addObject().put("action", action).put("resource", resource);
    return new StubError(403, body);
  }

  static StubError notFound(String resource, String resourceId) {
    ObjectNode body =
        JSON.objectNode().put("type", "not_found").put("message", "resource is not found");
    body.put("resource", resource);
    if (resourceId != null) {
      body.put("resource_id", resourceId);
    } else {
      body.putNull("resource_id");
    }
    return new StubError(404, body);
  }

  static StubError transientState(String resource, String resourceId, String currentState) {
    return new StubError(
        409,
        JSON.objectNode()
            .put("type", "transient_state")
            .put("message", "resource is in a transient state")
            .put("resource", resource)
            .put("resource_id", resourceId)
            .put("current_state", currentState));
  }

  static StubError stillInUse() {
    return new StubError(
        412,
        JSON.objectNode()
            .put("type", "precondition_failed")
            .put("message", "precondition failed")
            .put("precondition", "resource_still_in_use")
            .put("help_message", "the volume is attached to a server, detach it first"));
  }

  /** What the stub answers when a fault asks for this status without handling the call. */
  static StubError forStatus(int status) {
    return switch (status) {
      case 400 -> wrongState("action not allowed in the current state");
      case 401 -> unauthenticated("invalid_argument");
      case 403 -> forbidden("read", "instance_server");
      case 404 -> notFound("instance_server", null);
      case 409 -> transientState("instance_server", null, "starting");
      case 412 -> stillInUse();
      default ->
          new StubError(
              status,
              JSON.objectNode().put("type", "unknown_error").put("message", "status " + status));
    };
  }
}
