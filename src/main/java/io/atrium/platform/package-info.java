/**
 * Runtime plumbing every module runs on: the database (embedded or external), the clock, RFC 9457 problem
 * responses, request ids, message bundles and long-running jobs.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.atrium.platform;
