/**
 * Values every module shares: typed ids, pages and cursors, and the problem types that become RFC 9457
 * responses. No beans live here.
 */
package io.atrium.shared;
