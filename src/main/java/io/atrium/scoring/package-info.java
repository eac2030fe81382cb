/**
 * Lead scoring: behavioral, demographic, engagement and predictive scores combined into an explainable
 * composite, a ledger every score is the sum of, MQL/SQL qualification and trained conversion models.
 */
@org.springframework.lang.NonNullApi
package io.atrium.scoring;
