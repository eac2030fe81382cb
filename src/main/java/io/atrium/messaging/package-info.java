/**
 * Messaging channels: email over SMTP, SMS and push through HTTP provider adapters, consent/frequency/quiet-hours
 * checks at send time, a delivery log per message, open and click tracking, and the one egress client for outbound
 * HTTP.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging")
package io.atrium.messaging;
