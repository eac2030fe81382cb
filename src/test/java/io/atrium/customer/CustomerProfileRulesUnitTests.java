package io.atrium.customer;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerProfileRulesUnitTests {

	@ParameterizedTest
	@ValueSource(strings = { "mei.lin@example.com", " Mei.Lin+crm@Example.COM ", "a@b.cn", "x_y@sub.domain.com.cn" })
	void acceptsEmails(String email) {
		assertThat(ProfileRules.isEmail(email)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@-x.com",
			"mei@example..com" })
	void refusesMalformedEmails(String email) {
		assertThat(ProfileRules.isEmail(email)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "13800138000", "+86 138 0013 8000", "(021) 5012-3456", "+44 20 7946 0958", "0086-13800138000" })
	void acceptsPhones(String phone) {
		assertThat(ProfileRules.isPhone(phone)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "12ab", "12345", "+1234567890123456", "call me", "138-0013-8000 ext 5" })
	void refusesMalformedPhones(String phone) {
		assertThat(ProfileRules.isPhone(phone)).isFalse();
	}

	@Test
	void normalisesPhonesAndEmailsForTheBlindIndex() {
		assertThat(PiiProtection.normalize("phone", "138 0013 8000")).isEqualTo("+8613800138000");
		assertThat(PiiProtection.normalize("phone", "0086 138-0013-8000")).isEqualTo("+8613800138000");
		assertThat(PiiProtection.normalize("email", " Mei.Lin@Example.COM ")).isEqualTo("mei.lin@example.com");
	}

	@Test
	void checksExternalIdsTextsDatesAndChoices() {
		Violations violations = new Violations(CustomerTexts.standalone());
		ProfileRules.externalId("CUST001", violations);
		ProfileRules.externalId("anon:3f2a-9c", violations);
		assertThat(violations.isEmpty()).isTrue();

		ProfileRules.externalId("has space", violations);
		ProfileRules.externalId("x".repeat(65), violations);
		ProfileRules.externalId(" ", violations);
		ProfileRules.text("first_name", "bell\u0007", violations);
		ProfileRules.text("city", "x".repeat(101), violations);
		ProfileRules.oneOf("gender", "robot", ProfileRules.GENDERS, violations);
		ProfileRules.date("birth_date", LocalDate.of(2030, 1, 1), LocalDate.of(2026, 11, 24), violations);
		ProfileRules.locale("not a locale", violations);

		assertThat(violations.errors()).extracting("field")
			.containsExactly("external_id", "external_id", "external_id", "first_name", "city", "gender", "birth_date",
					"locale");
		assertThat(violations.errors().get(5).message()).isEqualTo("must be one of: female, male, other, unknown");
	}
}
