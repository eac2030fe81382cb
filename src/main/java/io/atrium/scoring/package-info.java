/**
 * Lead scoring: behavioral, demographic, engagement and predictive scores combined into an explainable
 * composite, a ledger every score is the sum of, MQL/SQL qualification ({@link io.atrium.scoring.LeadQualified})
 * and conversion models trained on the mall's own customers.
 */
package io.atrium.scoring;
