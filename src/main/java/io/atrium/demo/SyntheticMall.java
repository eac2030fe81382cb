package io.atrium.demo;

import java.time.Clock;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A deterministic synthetic Super Brand Mall: its zones and about 130 stores, {@code size} members with
 * personas, and a year of their touchpoints ending at the clock's "now" (about ten per member).
 * <p>
 * The same seed, size and "now" always give the same data: every member is drawn from its own random
 * stream derived from the seed and the member's number, so the output does not depend on the order or the
 * thread members are generated on, and member {@code n} is the same in a mall of any size. Members and
 * touchpoints are produced lazily by iterators, one member at a time, so a mall of a million members
 * (ten million touchpoints) never sits in memory.
 * <p>
 * Member number {@code n} has the external id {@code CUST} + {@code n} zero-padded to three digits, so the
 * first member is {@code CUST001}.
 */
public final class SyntheticMall {

	/** Smallest mall size accepted. */
	public static final int MIN_SIZE = 1;

	/** Largest mall size accepted. */
	public static final int MAX_SIZE = 1_000_000;

	private final long seed;

	private final int size;

	private final MallCalendar calendar;

	private final Members members;

	private final MemberYear years;

	private SyntheticMall(long seed, int size, Clock clock) {
		this.seed = seed;
		this.size = size;
		this.calendar = new MallCalendar(clock.instant(), clock.getZone());
		this.members = new Members(seed, calendar);
		this.years = new MemberYear(seed, calendar);
	}

	/**
	 * @param seed any value; equal seeds give equal malls
	 * @param size number of members, {@value #MIN_SIZE} to {@value #MAX_SIZE}
	 * @param clock gives "now" (the end of the year of touchpoints) and the mall's zone
	 * @return the mall, cheap to create: nothing is generated until iterated
	 * @throws IllegalArgumentException when the size is out of range
	 */
	public static SyntheticMall of(long seed, int size, Clock clock) {
		if (size < MIN_SIZE || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be between " + MIN_SIZE + " and " + MAX_SIZE);
		}
		return new SyntheticMall(seed, size, clock);
	}

	/** @return the seed */
	public long seed() {
		return seed;
	}

	/** @return the number of members */
	public int size() {
		return size;
	}

	/** @return the mall's zones, never empty */
	public List<MallZone> zones() {
		return MallLayout.zones();
	}

	/** @return the mall's stores; each lies in one of {@link #zones()} */
	public List<MallStore> stores() {
		return MallLayout.stores();
	}

	/**
	 * @param number 1 to {@link #size()}
	 * @return that member
	 */
	public MallCustomer customer(int number) {
		return members.customer(members.member(checked(number)));
	}

	/**
	 * @param number 1 to {@link #size()}
	 * @return that member's touchpoints ordered by time, possibly empty
	 */
	public List<MallTouchpoint> touchpointsOf(int number) {
		return Collections.unmodifiableList(years.touchpoints(members.member(checked(number))));
	}

	/** @return all members by number, generated as the iterator advances */
	public Iterator<MallCustomer> customers() {
		return new Iterator<>() {

			private int next = 1;

			@Override
			public boolean hasNext() {
				return next <= size;
			}

			@Override
			public MallCustomer next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return members.customer(members.member(next++));
			}
		};
	}

	/**
	 * @return all touchpoints, member by member (each member's by time), generated as the iterator advances;
	 * only one member's touchpoints are held at a time
	 */
	public TouchpointIterator touchpoints() {
		return new TouchpointIterator();
	}

	private int checked(int number) {
		if (number < 1 || number > size) {
			throw new IllegalArgumentException("number must be between 1 and " + size);
		}
		return number;
	}

	/**
	 * Iterates all touchpoints member by member and tells how many members it has finished, for progress.
	 */
	public final class TouchpointIterator implements Iterator<MallTouchpoint> {

		private int member;

		private List<MallTouchpoint> current = List.of();

		private int position;

		private TouchpointIterator() {
		}

		@Override
		public boolean hasNext() {
			while (position >= current.size()) {
				if (member >= size) {
					return false;
				}
				member++;
				current = years.touchpoints(members.member(member));
				position = 0;
			}
			return true;
		}

		@Override
		public MallTouchpoint next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return current.get(position++);
		}

		/** @return how many members' touchpoints have been handed out completely or in part */
		public int membersReached() {
			return member;
		}
	}
}
