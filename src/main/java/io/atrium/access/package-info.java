/**
 * Who may do what: users and roles, bearer tokens (short-lived JWTs and long-lived API tokens), tracking
 * write keys, the deny-by-default URL rules, and rate limits on sign-in and ingestion.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package io.atrium.access;
