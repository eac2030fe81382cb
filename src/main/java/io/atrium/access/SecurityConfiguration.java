package io.atrium.access;

import java.util.List;

import io.atrium.platform.Problems;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Deny by default. The API is stateless: every call carries a bearer token, either a JWT from
 * {@code POST /api/auth/token} or a long-lived API token ({@code atr_…}). Ingestion endpoints under
 * {@code /v1} take a tracking write key. Every URL that is reachable is listed here with the roles that
 * may call it; anything not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AccessSettings.class)
class SecurityConfiguration {

	private static final String[] ALL_ROLES = { "ADMIN", "MARKETER", "ANALYST", "VIEWER" };

	private static final String[] EDITORS = { "ADMIN", "MARKETER" };

	/** Spring Security's strict firewall with its own character rules, checked without regular expressions. */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
		firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
		firewall.setAllowedParameterNames(HeaderCharacters::allowedName);
		return firewall;
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, TokenService tokens, ApiTokens apiTokens, WriteKeys writeKeys,
			Problems problems, JsonMapper json) throws Exception {
		ProblemResponder responder = new ProblemResponder(problems, json);
		AuthenticationManager bearer = bearerAuthentication(tokens, apiTokens);
		http.securityMatcher("/api/**", "/v1", "/v1/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**",
				"/swagger-ui/**", "/swagger-ui.html", "/error")
			.csrf(csrf -> csrf.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.oauth2ResourceServer(oauth -> oauth.authenticationManagerResolver(request -> bearer)
				.authenticationEntryPoint(responder)
				.accessDeniedHandler(responder))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(responder).accessDeniedHandler(responder))
			.addFilterBefore(new WriteKeyAuthenticationFilter(writeKeys, responder),
					BearerTokenAuthenticationFilter.class)
			.addFilterBefore(new ActorExposingFilter(), AuthorizationFilter.class)
			.authorizeHttpRequests(rules -> rules
				.requestMatchers("/error").permitAll()
				.requestMatchers(HttpMethod.POST, "/api/auth/token").permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/**").hasRole("ADMIN")
				// ingestion: Segment-compatible endpoints authenticate by write key (Basic or body)
				.requestMatchers(HttpMethod.POST, "/v1", "/v1/**").permitAll()
				.requestMatchers(HttpMethod.GET, "/api/me").hasAnyRole(ALL_ROLES)
				.requestMatchers("/api/admin/**").hasRole("ADMIN")
				.requestMatchers("/api/audit", "/api/audit/**").hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/jobs", "/api/jobs/**").hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.POST, "/api/jobs/**").hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/customers", "/api/customers/**").hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.POST, "/api/customers", "/api/customers/**").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.PATCH, "/api/customers/**").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.GET, "/api/touchpoints/**", "/api/stores", "/api/stores/**")
				.hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.POST, "/api/journey/touchpoints/track", "/api/touchpoints/batch")
				.hasAnyRole(EDITORS)
				// segments
				.requestMatchers(HttpMethod.GET, "/api/segments", "/api/segments/**").hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.POST, "/api/segments/preview").hasAnyRole("ADMIN", "MARKETER", "ANALYST")
				.requestMatchers(HttpMethod.POST, "/api/segments", "/api/segments/**").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.PUT, "/api/segments/**").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.PATCH, "/api/segments/**").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.DELETE, "/api/segments/**").hasAnyRole(EDITORS)
				// privacy: personal-data export and erasure
				.requestMatchers(HttpMethod.POST, "/api/privacy/**").hasRole("ADMIN")
				// analytics and business configuration
				.requestMatchers(HttpMethod.GET, "/api/analytics/**").hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.GET, "/api/config/**").hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.PUT, "/api/config/**").hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/config/**").hasRole("ADMIN")
				// automation and messaging
				.requestMatchers(HttpMethod.GET, "/api/automation/**", "/api/messaging/**").hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.POST, "/api/automation/**", "/api/messaging/**").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.PUT, "/api/automation/**", "/api/messaging/**").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.PATCH, "/api/automation/**", "/api/messaging/**").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.DELETE, "/api/automation/**", "/api/messaging/**").hasAnyRole(EDITORS)
				// journey: lifecycle, health, churn, next stage, patterns, alerts
				.requestMatchers(HttpMethod.GET, "/api/journey/**").hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.POST, "/api/journey/alerts/*/acknowledge").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.PUT, "/api/journey/config").hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/journey/recompute", "/api/journey/models/train")
				.hasRole("ADMIN")
				// scoring: scores, qualification, models
				.requestMatchers(HttpMethod.GET, "/api/scoring/**").hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.POST, "/api/scoring/score").hasAnyRole("ADMIN", "MARKETER", "ANALYST")
				.requestMatchers(HttpMethod.POST, "/api/scoring/qualify", "/api/scoring/batch").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.POST, "/api/scoring/models/train").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.POST, "/api/scoring/models/*/activate").hasRole("ADMIN")
				.requestMatchers(HttpMethod.PUT, "/api/scoring/config").hasRole("ADMIN")
				// assistant
				.requestMatchers(HttpMethod.POST, "/api/chat/chat").hasAnyRole("ADMIN", "MARKETER", "ANALYST")
				.requestMatchers(HttpMethod.GET, "/api/chat/conversations", "/api/chat/conversations/*")
				.hasAnyRole("ADMIN", "MARKETER", "ANALYST")
				.anyRequest().denyAll());
		return http.build();
	}

	/** Dashboard pages, their assets, sign-in and sign-out. */
	static final String[] PAGES = { "/", "/login", "/logout", "/overview", "/customers", "/customers/**",
			"/workflows", "/workflows/**", "/segments", "/segments/**", "/scoring", "/scoring/**", "/analytics", "/analytics/**",
			"/settings", "/settings/**", "/audit", "/assistant", "/assistant/**", "/css/**", "/js/**", "/webjars/**", "/favicon.ico" };

	/** Scripts only from this origin (no inline code), nothing framed, no plugins. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * The dashboard: people sign in with a form and carry the access token in an HttpOnly, SameSite=Strict
	 * cookie (stateless, so any node serves them). Forms and htmx requests carry a CSRF token (double-submit
	 * cookie, no server session); every page is sent with a strict Content-Security-Policy.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, TokenService tokens) throws Exception {
		org.springframework.security.web.csrf.CookieCsrfTokenRepository csrfTokens = org.springframework.security.web.csrf.CookieCsrfTokenRepository
			.withHttpOnlyFalse();
		csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
		http.securityMatcher(PAGES)
			// the cookie filter authenticates every request anew: keep the CSRF token instead of rotating it
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
				.sessionAuthenticationStrategy(
						new org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy()))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.logout(logout -> logout.logoutUrl("/logout")
				.deleteCookies(PageSessions.COOKIE)
				.logoutSuccessUrl("/login?signed_out"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(
					new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint("/login")))
			.addFilterBefore(new SessionCookieFilter(tokens.decoder()),
					org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class)
			.addFilterBefore(new ActorExposingFilter(), AuthorizationFilter.class)
			.authorizeHttpRequests(rules -> rules
				.requestMatchers(HttpMethod.GET, "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
				.requestMatchers("/login").permitAll()
				.requestMatchers(HttpMethod.POST, "/logout").permitAll()
				.requestMatchers(HttpMethod.GET, "/").permitAll()
				.requestMatchers("/settings", "/settings/**", "/audit").hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/customers/*/export", "/customers/*/erase").hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/segments/preview").hasAnyRole("ADMIN", "MARKETER", "ANALYST")
				.requestMatchers(HttpMethod.GET, "/assistant").hasAnyRole("ADMIN", "MARKETER", "ANALYST")
				.requestMatchers(HttpMethod.POST, "/assistant/ask").hasAnyRole("ADMIN", "MARKETER", "ANALYST")
				.requestMatchers(HttpMethod.POST, "/assistant/segments", "/assistant/workflows").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.POST, "/scoring/models/train").hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.POST, "/scoring/models/*/activate").hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/customers/*/edit", "/workflows/new", "/workflows/*/edit",
						"/segments/new", "/segments/condition")
				.hasAnyRole(EDITORS)
				.requestMatchers(HttpMethod.GET, PAGES).hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.POST, "/customers/**", "/workflows", "/workflows/**", "/segments",
						"/segments/**")
				.hasAnyRole(EDITORS)
				.anyRequest().denyAll());
		return http.build();
	}

	@Bean
	@Order(100)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		http.securityMatcher("/**")
			.csrf(csrf -> csrf.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(rules -> rules
				// message open and click tracking links carry their own signed token
				.requestMatchers(HttpMethod.GET, "/t/**").permitAll()
				.anyRequest().denyAll());
		return http.build();
	}

	private static AuthenticationManager bearerAuthentication(TokenService tokens, ApiTokens apiTokens) {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(ApiAuthorities::fromJwt);
		JwtAuthenticationProvider jwtProvider = new JwtAuthenticationProvider(tokens.decoder());
		jwtProvider.setJwtAuthenticationConverter(converter);
		return authentication -> {
			String token = ((BearerTokenAuthenticationToken) authentication).getToken();
			if (token.startsWith(ApiTokens.PREFIX)) {
				ApiTokens.Holder holder = apiTokens.authenticate(token)
					.orElseThrow(() -> new BadCredentialsException("Invalid API token"));
				return UsernamePasswordAuthenticationToken.authenticated("token:" + holder.name(), null,
						List.of(new SimpleGrantedAuthority(holder.role().authority())));
			}
			return jwtProvider.authenticate(authentication);
		};
	}

	/**
	 * Maps the {@code role} claim of Atrium's JWTs to an authority.
	 */
	static final class ApiAuthorities {

		private ApiAuthorities() {
		}

		static java.util.Collection<org.springframework.security.core.GrantedAuthority> fromJwt(Jwt jwt) {
			String role = jwt.getClaimAsString("role");
			try {
				return List.of(new SimpleGrantedAuthority(Role.valueOf(role).authority()));
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				return List.of();
			}
		}
	}
}
