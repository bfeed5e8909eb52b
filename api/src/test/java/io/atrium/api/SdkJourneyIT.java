package io.atrium.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.atrium.api.support.Mailbox;
import io.atrium.api.support.TestApp;
import io.atrium.sdk.ApiClient;
import io.atrium.sdk.ApiException;
import io.atrium.sdk.ApiResponse;
import io.atrium.sdk.Problems;
import io.atrium.sdk.api.AuditApi;
import io.atrium.sdk.api.AuthApi;
import io.atrium.sdk.api.InvitationsApi;
import io.atrium.sdk.api.OrganizationsApi;
import io.atrium.sdk.api.UserApi;
import io.atrium.sdk.model.AuditEntry;
import io.atrium.sdk.model.AuditEntryPage;
import io.atrium.sdk.model.AuthResponse;
import io.atrium.sdk.model.ChangeRoleRequest;
import io.atrium.sdk.model.CreateInvitationRequest;
import io.atrium.sdk.model.CreateOrganizationRequest;
import io.atrium.sdk.model.FieldError;
import io.atrium.sdk.model.Invitation;
import io.atrium.sdk.model.InvitationAcceptance;
import io.atrium.sdk.model.InvitationPreview;
import io.atrium.sdk.model.InvitationStatus;
import io.atrium.sdk.model.LoginRequest;
import io.atrium.sdk.model.Member;
import io.atrium.sdk.model.Organization;
import io.atrium.sdk.model.Problem;
import io.atrium.sdk.model.ProblemCode;
import io.atrium.sdk.model.RefreshRequest;
import io.atrium.sdk.model.RegisterRequest;
import io.atrium.sdk.model.Role;
import io.atrium.sdk.model.SwitchWorkspaceRequest;
import io.atrium.sdk.model.SwitchWorkspaceResponse;
import io.atrium.sdk.model.TokenRequest;
import io.atrium.sdk.model.User;
import io.atrium.sdk.model.UserEnvelope;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The user journey driven only through the Java SDK generated from openapi.yaml (module sdk-java)
 * against the fully wired app: if the spec and the server disagree on a shape, a call here fails to
 * deserialize or to compile.
 */
class SdkJourneyIT {
  private static final String PASSWORD = "violet harbor kettle 49 quantum";

  private final TestApp app = TestApp.shared();

  @BeforeEach
  void setUp() {
    app.reset();
  }

  @Test
  void aNewUserSignsUpBuildsAnOrganizationAndInvitesSomeone() throws ApiException {
    Client alice = new Client();
    String aliceEmail = "alice-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

    ApiResponse<AuthResponse> registered =
        alice
            .auth()
            .registerWithHttpInfo(
                new RegisterRequest().email(aliceEmail).password(PASSWORD).displayName("Alice"));
    assertThat(registered.getStatusCode()).isEqualTo(201);
    assertThat(registered.getData().getUser().getEmailVerified()).isFalse();
    assertThat(registered.getData().getTokenType()).isEqualTo(AuthResponse.TokenTypeEnum.BEARER);

    UserEnvelope verified =
        alice
            .auth()
            .verifyEmail(new TokenRequest().token(Mailbox.verificationToken(app, aliceEmail)));
    assertThat(verified.getUser().getEmailVerified()).isTrue();

    AuthResponse login =
        alice.auth().login(new LoginRequest().email(aliceEmail).password(PASSWORD));
    AuthResponse refreshed =
        alice.auth().refresh(new RefreshRequest().refreshToken(login.getRefreshToken()));
    assertThat(refreshed.getRefreshToken()).isNotEqualTo(login.getRefreshToken());
    assertThat(refreshed.getSessionId()).isEqualTo(login.getSessionId());
    alice.token = refreshed.getAccessToken();
    User me = alice.user().getMe();
    assertThat(me.getEmail()).isEqualTo(aliceEmail);
    assertThat(me.getCurrentOrganization()).isNull();

    Organization created =
        alice.organizations().createOrganization(new CreateOrganizationRequest().name("Acme GPU"));
    assertThat(created.getSlug()).isEqualTo("acme-gpu");
    assertThat(created.getRole()).isEqualTo(Role.OWNER);
    SwitchWorkspaceResponse switched =
        alice
            .organizations()
            .switchWorkspace(new SwitchWorkspaceRequest().organizationId(created.getId()));
    assertThat(switched.getCurrentOrganization().getId()).isEqualTo(created.getId());
    alice.token = switched.getAccessToken();
    assertThat(alice.user().getMe().getCurrentOrganization().getRole()).isEqualTo(Role.OWNER);

    String bobEmail = "bob-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Invitation invitation =
        alice
            .invitations()
            .createInvitation(new CreateInvitationRequest().email(bobEmail).role(Role.MANAGER));
    assertThat(invitation.getStatus()).isEqualTo(InvitationStatus.PENDING);
    String invitationToken = Mailbox.invitationToken(app, bobEmail);

    Client bob = new Client();
    InvitationPreview preview = bob.invitations().previewInvitation(invitationToken);
    assertThat(preview.getOrganization().getName()).isEqualTo("Acme GPU");
    ApiResponse<InvitationAcceptance> accepted =
        bob.invitations()
            .acceptInvitationWithHttpInfo(
                invitationToken,
                new io.atrium.sdk.model.AcceptInvitationRequest()
                    .password(PASSWORD)
                    .displayName("Bob"));
    assertThat(accepted.getStatusCode()).isEqualTo(201);
    assertThat(accepted.getData().getRole()).isEqualTo(Role.MANAGER);
    assertThat(accepted.getData().getOrganization().getId()).isEqualTo(created.getId());
    assertThat(accepted.getData().getUser().getEmailVerified()).isTrue();
    bob.token = accepted.getData().getAccessToken();
    UUID bobId = accepted.getData().getUser().getId();
    assertThat(bob.user().getMe().getCurrentOrganization().getId()).isEqualTo(created.getId());

    Member demoted =
        alice.organizations().changeMemberRole(bobId, new ChangeRoleRequest().role(Role.USER));
    assertThat(demoted.getRole()).isEqualTo(Role.USER);
    List<Member> members = alice.organizations().listMembers();
    assertThat(members)
        .extracting(Member::getEmail, Member::getRole)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(aliceEmail, Role.OWNER),
            org.assertj.core.groups.Tuple.tuple(bobEmail, Role.USER));

    AuditEntryPage audit = alice.audit().listAuditLogs(1, 50);
    assertThat(audit.getItems())
        .extracting(AuditEntry::getAction)
        .contains("organization.created", "invitation.created", "invitation.accepted")
        .startsWith("member.role_changed");
    AuditEntry roleChange = audit.getItems().get(0);
    assertThat(roleChange.getTargetId()).isEqualTo(bobId.toString());
    assertThat(roleChange.getDetails()).isNotEmpty();
    assertThat(audit.getTotal()).isEqualTo(audit.getItems().size());
  }

  @Test
  void failuresArriveAsTypedProblems() throws ApiException {
    Client client = new Client();
    String email = "carol-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    client.auth().register(new RegisterRequest().email(email).password(PASSWORD));

    Problem taken =
        problemOf(
            () -> client.auth().register(new RegisterRequest().email(email).password(PASSWORD)));
    assertThat(taken.getStatus()).isEqualTo(409);
    assertThat(taken.getCode()).isEqualTo(ProblemCode.EMAIL_TAKEN);

    Problem weak =
        problemOf(
            () ->
                client
                    .auth()
                    .register(new RegisterRequest().email("dave@example.com").password("short")));
    assertThat(weak.getCode()).isEqualTo(ProblemCode.VALIDATION_FAILED);
    assertThat(weak.getErrors()).extracting(FieldError::getField).contains("password");

    Problem wrongPassword =
        problemOf(
            () ->
                client
                    .auth()
                    .login(new LoginRequest().email(email).password("not the password at all")));
    assertThat(wrongPassword.getStatus()).isEqualTo(401);
    assertThat(wrongPassword.getCode()).isEqualTo(ProblemCode.INVALID_CREDENTIALS);

    Problem anonymous = problemOf(() -> new Client().user().getMe());
    assertThat(anonymous.getCode()).isEqualTo(ProblemCode.UNAUTHORIZED);

    client.token =
        client.auth().login(new LoginRequest().email(email).password(PASSWORD)).getAccessToken();
    Problem personal = problemOf(() -> client.organizations().listMembers());
    assertThat(personal.getStatus()).isEqualTo(400);
    assertThat(personal.getCode()).isEqualTo(ProblemCode.ORGANIZATION_REQUIRED);
    Problem noSuchInvitation =
        problemOf(() -> client.invitations().previewInvitation("x".repeat(43)));
    assertThat(noSuchInvitation.getCode()).isEqualTo(ProblemCode.NOT_FOUND);
  }

  private interface Call {
    void run() throws ApiException;
  }

  private static Problem problemOf(Call call) {
    ApiException failure =
        catchThrowableOfType(
            ApiException.class,
            () -> {
              call.run();
            });
    assertThat(failure).as("the call failed").isNotNull();
    return Problems.of(failure)
        .orElseThrow(() -> new AssertionError("not a problem document: " + failure));
  }

  /** One user's client: the generated ApiClient, sending that user's access token. */
  private final class Client {
    private final ApiClient api = new ApiClient();
    private volatile String token;

    Client() {
      api.updateBaseUri(app.uri("").toString());
      // Strict, unlike the SDK's default: a field the server sends that the spec lacks fails here.
      api.setObjectMapper(
          ApiClient.createDefaultObjectMapper()
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
      api.setRequestInterceptor(
          request -> {
            if (token != null) {
              request.header("Authorization", "Bearer " + token);
            }
          });
    }

    AuthApi auth() {
      return new AuthApi(api);
    }

    UserApi user() {
      return new UserApi(api);
    }

    OrganizationsApi organizations() {
      return new OrganizationsApi(api);
    }

    InvitationsApi invitations() {
      return new InvitationsApi(api);
    }

    AuditApi audit() {
      return new AuditApi(api);
    }
  }
}
