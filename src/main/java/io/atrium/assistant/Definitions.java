package io.atrium.assistant;

import java.math.BigDecimal;

/**
 * What the business terms mean on this installation.
 *
 * @param highChurnRisk "high-risk": churn risk strictly above this (the AI preferences' risk tolerance, 0.7 by
 * default)
 * @param vipLifetimeSpend "VIP": lifetime purchases at least this much (CNY)
 * @param lapsedDays "lapsed": no touchpoint for at least this many days
 * @param hotLeadHealth "hot leads": customers still in the consideration stage with a health score at least this
 */
record Definitions(BigDecimal highChurnRisk, BigDecimal vipLifetimeSpend, int lapsedDays, int hotLeadHealth) {

	static final Definitions DEFAULTS = new Definitions(new BigDecimal("0.7"), new BigDecimal("20000"), 90, 60);
}
