package io.atrium.common.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atrium.common.error.InvalidException;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {
  @Test
  void plainAddressesAreKeptLowerCased() {
    assertThat(EmailAddresses.canonical("  Anna.Smith+tag@Example.COM "))
        .hasValue("anna.smith+tag@example.com");
    assertThat(EmailAddresses.canonical("o'brien@mail.example.org"))
        .hasValue("o'brien@mail.example.org");
  }

  @Test
  void internationalisedDomainsBecomeAscii() {
    assertThat(EmailAddresses.canonical("anna@Bücher.example"))
        .hasValue("anna@xn--bcher-kva.example");
    assertThat(EmailAddresses.canonical("anna@例え.テスト")).hasValue("anna@xn--r8jz45g.xn--zckzah");
  }

  @Test
  void theTwoCasesOfTheIssueAreRefused() {
    assertThat(EmailAddresses.canonical("a\u0000@example.test")).isEmpty();
    assertThat(EmailAddresses.canonical("\u202e@example.test")).isEmpty();
  }

  @Test
  void hostileOrOddFormsAreRefused() {
    String[] refused = {
      "",
      "plain",
      "@example.com",
      "anna@",
      "anna@localhost",
      "anna@example..com",
      "anna@-example.com",
      "anna@example.com.",
      "anna@10.0.0.1",
      "anna@[10.0.0.1]",
      ".anna@example.com",
      "anna.@example.com",
      "an..na@example.com",
      "an na@example.com",
      "\"anna\"@example.com",
      "Anna <anna@example.com>",
      "anna@example.com, bob@example.com",
      "anna(comment)@example.com",
      "anna\t@example.com",
      "anna\u0085@example.com",
      "anna\u200f@example.com",
      "ánna@example.com",
      "\u212aate@example.com",
      "anna@exam\u202eple.com",
      "anna\ud800@example.com",
      "a".repeat(65) + "@example.com",
      "anna@" + "a".repeat(250) + ".com",
    };
    for (String address : refused) {
      assertThat(EmailAddresses.canonical(address)).as(address).isEmpty();
    }
  }

  @Test
  void requireNamesTheField() {
    assertThatThrownBy(() -> EmailAddresses.require("owner_email", "\u202e@example.test"))
        .isInstanceOfSatisfying(
            InvalidException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("owner_email"));
    assertThatThrownBy(() -> EmailAddresses.require("email", " "))
        .isInstanceOfSatisfying(
            InvalidException.class,
            e -> assertThat(e.errors().get(0).message()).isEqualTo("is required"));
  }

  @Test
  void searchesUseTheStoredFormOfDomains() {
    assertThat(EmailAddresses.searchForm("Anna@Bücher.example"))
        .isEqualTo("anna@xn--bcher-kva.example");
    assertThat(EmailAddresses.searchForm("anna@")).isEqualTo("anna@");
    assertThat(EmailAddresses.searchForm("Smith")).isEqualTo("smith");
  }
}
