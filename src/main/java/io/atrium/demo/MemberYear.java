package io.atrium.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Draws one member's year of touchpoints: mall visits (parking, Wi-Fi, store visits, purchases, reviews),
 * website and app use, and answers to the campaigns the member was sent, all inside the member's active
 * days and never after "now", ordered by time.
 */
final class MemberYear {

	/** Share of the consenting members a campaign is sent to. */
	private static final double AUDIENCE = 0.4;

	private static final double[] RATINGS = { 3, 5, 12, 35, 45 };

	private static final String[] PAGES = { "/", "/stores", "/events", "/dining", "/parking", "/membership",
			"/offers" };

	private final long seed;

	private final MallCalendar calendar;

	private final String parkingLocation = MallLayout.zoneName(MallLayout.PARKING);

	private final String hallLocation = MallLayout.zoneName(MallLayout.MAIN_HALL);

	MemberYear(long seed, MallCalendar calendar) {
		this.seed = seed;
		this.calendar = calendar;
	}

	/**
	 * @param member a generated member
	 * @return the member's touchpoints by time, the same for the same seed, member and calendar
	 */
	List<MallTouchpoint> touchpoints(Member member) {
		return new Draw(member).all();
	}

	private final class Draw {

		private final Member member;

		private final Habits habits;

		private final SplittableRandom random;

		private final UUID customerId;

		private final Instant end;

		private final List<MallTouchpoint> touchpoints = new ArrayList<>(32);

		Draw(Member member) {
			this.member = member;
			this.habits = member.habits();
			this.random = Draws.forMember(seed, member.number(), Draws.TOUCHPOINT_STREAM);
			this.customerId = member.id();
			Instant endOfLastDay = calendar.startOf(member.activeTo() + 1).minusSeconds(1);
			this.end = endOfLastDay.isBefore(calendar.now()) ? endOfLastDay : calendar.now();
		}

		List<MallTouchpoint> all() {
			int from = member.activeFrom();
			int to = member.activeTo();
			double years = (to - from + 1) / 365.0;
			int visits = Draws.poisson(random, habits.visitsPerYear() * years);
			Persona persona = member.persona();
			if (persona == Persona.NEW_MEMBER) {
				visit(from, null);
			}
			else if (persona == Persona.LAPSED && visits == 0) {
				visits = 1;
			}
			for (int i = 0; i < visits; i++) {
				visit(calendar.drawDay(random, persona, from, to), null);
			}
			for (MallCalendar.Campaign campaign : calendar.campaigns()) {
				int sent = calendar.indexOf(campaign.sendDay());
				if (sent >= from && sent <= to && Draws.chance(random, AUDIENCE)) {
					answer(campaign, from, to);
				}
			}
			digital("website_visit", "web", Draws.poisson(random, habits.webPerYear() * years), from, to);
			if (member.appUser()) {
				digital("app_session", "app", Draws.poisson(random, habits.appPerYear() * years), from, to);
			}
			touchpoints.sort(Comparator.comparing(MallTouchpoint::occurredAt));
			for (int i = 0; i < touchpoints.size(); i++) {
				MallTouchpoint t = touchpoints.get(i);
				UUID id = Draws.orderedUuid(seed, member.number(), i, t.id().getLeastSignificantBits());
				touchpoints.set(i, new MallTouchpoint(id, t.customerId(), t.touchpointType(), t.channel(),
						t.occurredAt(), t.campaignId(), t.storeId(), t.location(), t.amount(), t.rating(),
						t.durationSeconds(), t.metadata()));
			}
			return touchpoints;
		}

		private void visit(int dayIndex, MallCalendar.Campaign campaign) {
			Instant arrival = calendar.drawTime(random, dayIndex, habits.hours(calendar.weekend(dayIndex)));
			int minutes = (int) Math.max(15, Math.min(480, habits.visitMinutes() * Draws.logNormal(random, 0.4)));
			if (member.hasCar() && Draws.chance(random, habits.driveShare())) {
				add("parking", "mall", arrival.minusSeconds(300), null, null, parkingLocation, null, null,
						(minutes + 10) * 60, Map.of());
			}
			if (member.appUser() && Draws.chance(random, 0.45)) {
				add("wifi_login", "mall", arrival.plusSeconds(180), null, null, hallLocation, null, null, null, Map.of());
			}
			int stores = Math.min(5, 1 + Draws.poisson(random, habits.extraStores()));
			Instant at = arrival.plusSeconds(300);
			for (int i = 0; i < stores; i++) {
				int store = pickStore();
				StoreCategory category = MallLayout.category(store);
				String storeId = MallLayout.store(store).id();
				String location = MallLayout.location(store);
				int dwell = (int) Math.max(180, category.dwellMinutes() * 60 * Draws.logNormal(random, 0.35));
				add("store_visit", "store", at, null, storeId, location, null, null, dwell, Map.of());
				if (Draws.chance(random, Math.min(0.98, category.conversion() * habits.conversion()))) {
					Instant paid = at.plusSeconds(dwell * 4L / 5);
					add("purchase", "store", paid, campaignOf(dayIndex, campaign), storeId, location, amount(category),
							null, null, Map.of());
					if (Draws.chance(random, habits.reviewRate() * 1.5)) {
						review(paid, storeId, location);
					}
				}
				at = at.plusSeconds(dwell + 60 + random.nextInt(420));
			}
		}

		private void answer(MallCalendar.Campaign campaign, int from, int to) {
			int day = calendar.indexOf(campaign.sendDay());
			if (member.consented("email") && Draws.chance(random, habits.openRate())) {
				Instant opened = at(day, 10, 0).plusSeconds(delay(5 * 3600, 72 * 3600));
				add("email_open", "email", opened, campaign.id(), null, null, null, null, null, Map.of());
				if (Draws.chance(random, habits.clickRate())) {
					add("email_click", "email", opened.plusSeconds(20 + random.nextInt(1800)), campaign.id(), null,
							null, null, null, null, Map.of("link", "/offers/" + campaign.id().toLowerCase()));
				}
			}
			if (member.consented("sms") && Draws.chance(random, habits.smsClickRate())) {
				add("sms_click", "sms", at(day, 11, 30).plusSeconds(delay(3600, 24 * 3600)), campaign.id(), null,
						null, null, null, null, Map.of());
			}
			if (member.appUser() && member.consented("push") && Draws.chance(random, habits.pushOpenRate())) {
				add("push_open", "push", at(day, 19, 30).plusSeconds(delay(2400, 12 * 3600)), campaign.id(), null,
						null, null, null, null, Map.of());
			}
			if (Draws.chance(random, habits.campaignVisitRate())) {
				int first = Math.max(from, calendar.indexOf(campaign.startDay()));
				int last = Math.min(to, calendar.indexOf(campaign.endDay()));
				if (first <= last) {
					visit(first + random.nextInt(last - first + 1), campaign);
				}
			}
		}

		private void digital(String type, String channel, int count, int from, int to) {
			for (int i = 0; i < count; i++) {
				int day = calendar.drawDay(random, member.persona(), from, to);
				Instant at = calendar.drawTime(random, day, Habits.DIGITAL_HOURS);
				int seconds = (int) Math.max(10, Math.min(3600, 180 * Draws.logNormal(random, 0.9)));
				Map<String, Object> metadata = "web".equals(channel)
						? Map.of("page", PAGES[random.nextInt(PAGES.length)])
						: Map.of("screens", 1 + Draws.poisson(random, 4));
				add(type, channel, at, null, null, null, null, null, seconds, metadata);
			}
		}

		private void review(Instant paid, String storeId, String location) {
			int rating = 1 + MallCalendar.draw(random, RATINGS);
			boolean chinese = !member.expatriate();
			String text = ReviewPhrases.pick(random, rating, chinese);
			add("review", "app", paid.plusSeconds(3600 + random.nextInt(47 * 3600)), null, storeId, location, null,
					rating, null, Map.of("text", text, "lang", chinese ? "zh-CN" : "en"));
		}

		private int pickStore() {
			StoreCategory category = Draws.chance(random, 0.45) ? member.preferredCategory()
					: StoreCategory.values()[MallCalendar.draw(random, habits.categories())];
			List<Integer> stores = MallLayout.storesOf(category);
			return stores.get(random.nextInt(stores.size()));
		}

		private String campaignOf(int dayIndex, MallCalendar.Campaign campaign) {
			if (campaign != null) {
				return campaign.id();
			}
			MallCalendar.Campaign running = calendar.campaignOn(dayIndex);
			return running != null && Draws.chance(random, 0.25) ? running.id() : null;
		}

		private BigDecimal amount(StoreCategory category) {
			double amount = category.medianAmount() * Draws.logNormal(random, category.amountSpread())
					* habits.spend() * member.spendFactor();
			return BigDecimal.valueOf(Math.max(100, Math.round(amount * 100)), 2);
		}

		private int delay(int mean, int max) {
			return (int) Math.min(max, -mean * Math.log(1 - random.nextDouble()));
		}

		private Instant at(int dayIndex, int hour, int minute) {
			return calendar.startOf(dayIndex).plusSeconds(hour * 3600L + minute * 60L);
		}

		private void add(String type, String channel, Instant at, String campaignId, String storeId, String location,
				BigDecimal amount, Integer rating, Integer durationSeconds, Map<String, Object> metadata) {
			UUID id = new UUID(0, random.nextLong());
			if (!at.isAfter(end)) {
				touchpoints.add(new MallTouchpoint(id, customerId, type, channel, at, campaignId, storeId, location,
						amount, rating, durationSeconds, metadata));
			}
		}
	}
}
