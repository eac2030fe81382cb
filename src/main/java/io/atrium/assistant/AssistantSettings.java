package io.atrium.assistant;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The assistant's configuration ({@code atrium.assistant.*}): limits, what the business terms mean, and the
 * optional LLM endpoint (off unless a base URL is set).
 *
 * @param maxQueryLength longest question accepted, in characters (default 500)
 * @param vipLifetimeSpend "VIP": lifetime purchases at least this much, CNY (default 20,000, the gold tier)
 * @param lapsedDays "lapsed": no touchpoint for this many days (default 90)
 * @param hotLeadHealth "hot leads": consideration-stage customers with health at least this (default 60)
 * @param llm the optional language-model layer
 */
@ConfigurationProperties("atrium.assistant")
record AssistantSettings(Integer maxQueryLength, BigDecimal vipLifetimeSpend, Integer lapsedDays,
		Integer hotLeadHealth, Llm llm) {

	AssistantSettings {
		maxQueryLength = maxQueryLength == null ? 500 : maxQueryLength;
		vipLifetimeSpend = vipLifetimeSpend == null ? new BigDecimal("20000") : vipLifetimeSpend;
		lapsedDays = lapsedDays == null ? 90 : lapsedDays;
		hotLeadHealth = hotLeadHealth == null ? 60 : hotLeadHealth;
		llm = llm == null ? new Llm(null, null, null) : llm;
	}

	/**
	 * @param baseUrl an OpenAI-compatible base URL (e.g. {@code http://localhost:11434/v1}); blank = off
	 * @param apiKey its key, or {@code null}
	 * @param model the model name
	 */
	record Llm(String baseUrl, String apiKey, String model) {

		boolean enabled() {
			return baseUrl != null && !baseUrl.isBlank();
		}
	}

	Definitions definitions(BigDecimal highChurnRisk) {
		return new Definitions(highChurnRisk, vipLifetimeSpend, lapsedDays, hotLeadHealth);
	}
}
