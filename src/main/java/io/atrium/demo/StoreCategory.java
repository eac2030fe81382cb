package io.atrium.demo;

/**
 * What a store sells, and how shopping there looks: the median ticket and its spread (purchase amounts are
 * log-normal), how often a visit ends in a purchase, and how long a visit lasts.
 */
enum StoreCategory {

	FASHION("fashion", 680, 0.6, 0.38, 18),
	LUXURY("luxury", 9_800, 0.75, 0.22, 25),
	BEAUTY("beauty", 460, 0.55, 0.5, 15),
	SPORTS("sports", 720, 0.55, 0.4, 16),
	ELECTRONICS("electronics", 2_400, 0.8, 0.2, 20),
	KIDS("kids", 320, 0.6, 0.45, 20),
	FOOD_BEVERAGE("food_beverage", 42, 0.45, 0.85, 12),
	DINING("dining", 210, 0.5, 0.93, 70),
	HOME("home", 380, 0.7, 0.3, 18),
	BOOKS("books", 95, 0.5, 0.4, 25),
	CINEMA("cinema", 96, 0.35, 0.92, 135),
	ENTERTAINMENT("entertainment", 180, 0.5, 0.85, 90),
	SUPERMARKET("supermarket", 168, 0.65, 0.9, 30),
	SERVICES("services", 120, 0.8, 0.6, 15);

	private final String code;

	private final double medianAmount;

	private final double amountSpread;

	private final double conversion;

	private final int dwellMinutes;

	StoreCategory(String code, double medianAmount, double amountSpread, double conversion, int dwellMinutes) {
		this.code = code;
		this.medianAmount = medianAmount;
		this.amountSpread = amountSpread;
		this.conversion = conversion;
		this.dwellMinutes = dwellMinutes;
	}

	String code() {
		return code;
	}

	double medianAmount() {
		return medianAmount;
	}

	double amountSpread() {
		return amountSpread;
	}

	double conversion() {
		return conversion;
	}

	int dwellMinutes() {
		return dwellMinutes;
	}
}
