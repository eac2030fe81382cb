package io.atrium.customer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atrium.customer.ConsentLedger.ConsentEntry;
import io.atrium.customer.Identities.Identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;

/**
 * Reads a whole profile (row, identities, current consents, the survivor's external id) in one statement: the
 * customer 360 is the API's most frequent read, and one round trip instead of four is most of its cost in the
 * database. The result equals what {@link Customers}, {@link Identities} and {@link ConsentLedger} return one
 * table at a time ({@code ProfileReadsIntegrationTests}).
 */
@Repository
class ProfileReads {

	private static final String SELECT = "select " + Customers.COLUMNS + """
			, (select json_agg(json_build_object('kind', i.kind, 'plain', i.value_plain,
			        'cipher', encode(i.value_cipher, 'base64'), 'source', i.source, 'created_at', i.created_at)
			        order by i.id)
			     from customer_identity i where i.customer_id = c.id) as identities
			, (select json_agg(json_build_object('id', e.id, 'channel', e.channel, 'status', e.status,
			        'source', e.source, 'legal_basis', e.legal_basis, 'occurred_at', e.occurred_at,
			        'recorded_at', e.recorded_at, 'actor', e.actor) order by e.channel)
			     from (select distinct on (channel) * from consent_event
			           where customer_id = c.id order by channel, occurred_at desc, id desc) e) as consents
			, (select s.external_id from customer s where s.id = c.merged_into) as survivor
			from customer c where c.external_id = :externalId
			""";

	private final JdbcClient jdbc;

	private final PiiProtection pii;

	ProfileReads(JdbcClient jdbc, PiiProtection pii) {
		this.jdbc = jdbc;
		this.pii = pii;
	}

	Optional<CustomerProfile> byExternalId(String externalId) {
		return jdbc.sql(SELECT).param("externalId", externalId).query((rs, n) -> {
			CustomerRow row = Customers.row(rs, n);
			List<Identity> identities = new ArrayList<>();
			for (JsonNode identity : json(rs.getString("identities"))) {
				String kind = identity.get("kind").asString();
				String cipher = text(identity, "cipher");
				identities.add(new Identity(row.id(), kind,
						// encode(..., 'base64') breaks lines every 76 characters, as MIME does
						cipher != null ? pii.decrypt(kind, Base64.getMimeDecoder().decode(cipher)) : text(identity, "plain"),
						text(identity, "source"), instant(identity, "created_at")));
			}
			Map<String, ConsentEntry> consents = new LinkedHashMap<>();
			for (JsonNode entry : json(rs.getString("consents"))) {
				consents.put(entry.get("channel").asString(),
						new ConsentEntry(entry.get("id").asLong(), row.id(), entry.get("channel").asString(),
								text(entry, "status"), text(entry, "source"), text(entry, "legal_basis"),
								instant(entry, "occurred_at"), instant(entry, "recorded_at"), text(entry, "actor")));
			}
			return new CustomerProfile(row, identities, consents, rs.getString("survivor"));
		}).optional();
	}

	private static Iterable<JsonNode> json(String array) {
		return array == null ? List.of() : Customers.JSON.readTree(array);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

	private static Instant instant(JsonNode node, String field) {
		String value = text(node, field);
		return value == null ? null : OffsetDateTime.parse(value).toInstant();
	}
}
