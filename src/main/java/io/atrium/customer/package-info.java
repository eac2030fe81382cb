/**
 * Customer profiles: one person across the mall's stores, app, web and campaigns, with PII encrypted at rest,
 * identities (member card, email, phone, device, anonymous id), identity merge and the consent ledger.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customers")
package io.atrium.customer;
