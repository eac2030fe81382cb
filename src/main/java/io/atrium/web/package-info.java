/**
 * The dashboard people use (Thymeleaf pages); it depends on other modules' APIs and nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package io.atrium.web;
