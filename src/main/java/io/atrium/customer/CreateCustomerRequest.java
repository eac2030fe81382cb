package io.atrium.customer;

import java.util.Map;

/**
 * Body of {@code POST /api/customers}. Only {@code external_id} is required. Dates are ISO dates
 * ({@code 1990-05-17}). {@code consents} maps a channel ({@code email}, {@code sms}, {@code push}) to
 * {@code granted} or {@code withdrawn}, recorded now with source {@code api} and legal basis {@code consent}.
 */
record CreateCustomerRequest(String externalId, String firstName, String lastName, String email, String phone,
		String memberCard, String deviceId, String gender, String birthDate, String city, String memberTier,
		String memberSince, String locale, Map<String, Object> traits, Map<String, String> consents) {
}
