package io.atrium.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One synthetic interaction of a member with the mall.
 *
 * @param id touchpoint id, derived from the seed; ids grow in the order the mall hands touchpoints out
 * @param customerId the member's {@link MallCustomer#id()}
 * @param touchpointType {@code store_visit}, {@code purchase}, {@code website_visit}, {@code app_session},
 * {@code email_open}, {@code email_click}, {@code sms_click}, {@code push_open}, {@code wifi_login},
 * {@code parking} or {@code review}
 * @param channel {@code store} (visits, purchases), {@code mall} (Wi-Fi, parking), {@code web}, {@code app}
 * (sessions, reviews), {@code email}, {@code sms} or {@code push}
 * @param occurredAt when, never after the generator's "now"
 * @param campaignId e.g. {@code DOUBLE11_2026}, or {@code null}
 * @param storeId a {@link MallStore#id()}, or {@code null}
 * @param location a {@link MallZone#name()}, or {@code null}
 * @param amount CNY with two decimals for purchases, else {@code null}
 * @param rating 1–5 for reviews, else {@code null}
 * @param durationSeconds for visits, sessions and parking, else {@code null}
 * @param metadata small free-form values (review text, page, screens), never {@code null}
 */
public record MallTouchpoint(UUID id, UUID customerId, String touchpointType, String channel, Instant occurredAt,
		String campaignId, String storeId, String location, BigDecimal amount, Integer rating,
		Integer durationSeconds, Map<String, Object> metadata) {

	/** Currency of every amount. */
	public static final String CURRENCY = "CNY";
}
