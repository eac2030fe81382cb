package io.atrium.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The floor plan of the synthetic Super Brand Mall in Lujiazui: parking and a food court below ground, the
 * Main Hall and the luxury boulevard on L1, fashion and beauty on L2, lifestyle, sports and digital on L3, kids,
 * home and books on L4, dining on L5 and L7, the cinema on L6. Store names are invented.
 */
final class MallLayout {

	static final String PARKING = "Z-B2-PARK";

	static final String MAIN_HALL = "Z-L1-MAIN";

	private static final List<MallZone> ZONES = List.of(
			new MallZone(PARKING, "B2 Parking", "B2", "parking"),
			new MallZone("Z-B1-FOOD", "B1 Food Court", "B1", "food_court"),
			new MallZone("Z-B1-MARKET", "B1 Fresh Market", "B1", "retail"),
			new MallZone(MAIN_HALL, "Main Hall", "L1", "hall"),
			new MallZone("Z-L1-LUX", "L1 Luxury Boulevard", "L1", "retail"),
			new MallZone("Z-L2-FASHION", "L2 Fashion", "L2", "retail"),
			new MallZone("Z-L2-BEAUTY", "L2 Beauty", "L2", "retail"),
			new MallZone("Z-L3-LIFE", "L3 Lifestyle & Sports", "L3", "retail"),
			new MallZone("Z-L3-DIGITAL", "L3 Digital", "L3", "retail"),
			new MallZone("Z-L4-KIDS", "L4 Kids & Family", "L4", "retail"),
			new MallZone("Z-L4-HOME", "L4 Home & Books", "L4", "retail"),
			new MallZone("Z-L5-DINING", "L5 Dining", "L5", "dining"),
			new MallZone("Z-L6-CINEMA", "L6 Cinema & Play", "L6", "entertainment"),
			new MallZone("Z-L7-SKY", "L7 Sky Dining", "L7", "dining"));

	private static final List<MallStore> STORES = new ArrayList<>();

	private static final Map<StoreCategory, List<Integer>> BY_CATEGORY = new EnumMap<>(StoreCategory.class);

	private static final List<StoreCategory> CATEGORIES = new ArrayList<>();

	private static final List<String> LOCATIONS = new ArrayList<>();

	static {
		add(StoreCategory.SERVICES, MAIN_HALL, "L1", "Member Service Centre", "Pudong Pharmacy", "Bund Bank Branch",
				"QuickFix Phone Repair", "Pearl Laundry & Tailor", "Lujiazui Travel Desk");
		add(StoreCategory.LUXURY, "Z-L1-LUX", "L1", "Maison Aurelle", "Cartelle Paris", "Vittoria Milano",
				"Hartwell & Sons", "Lumière Joaillerie", "Orsini Leather", "Celestine Watches", "Belmonte",
				"Atelier Noir", "Rosenthal Jewels", "Sable & Gold", "Monteverde");
		add(StoreCategory.FASHION, "Z-L2-FASHION", "L2", "Urban Thread", "Mingdu Denim", "Riverbank Apparel",
				"Silk Road Studio", "North Bund Outfitters", "Lotus Lane", "Nordic Line", "Jade Street Wear",
				"Harbour Knit", "Orient Tailors", "Canvas & Co", "Metro Basics", "Blue Crane", "Zhen Style",
				"Weekend Club", "Peony Boutique", "Grey Lantern", "Shikumen Shirts", "Pudong Shoes", "Mono Mode",
				"Loop Denim", "Amber Coat", "Twelve Hours", "Cloud Step");
		add(StoreCategory.BEAUTY, "Z-L2-BEAUTY", "L2", "Glow Lab", "Camellia Skin", "Sephine Beauty",
				"Herbal Garden", "Rouge Atelier", "Pure Dew", "Moon Blossom", "Scent Library", "Lash Bar",
				"Velvet Nail Studio", "Aqua Derm", "Petal & Pearl");
		add(StoreCategory.SPORTS, "Z-L3-LIFE", "L3", "Summit Outdoor", "Stride Running", "Court Kings",
				"Yangtze Cycling", "FlexFit", "Trailhead", "Swim Republic", "Peak Motion", "Golf House",
				"Yoga Loft");
		add(StoreCategory.ELECTRONICS, "Z-L3-DIGITAL", "L3", "Pixel Point", "Circuit Store", "Sonic Audio",
				"Smart Home Hub", "Lens Gallery", "GameStation", "Orbit Mobile", "DigiWorld");
		add(StoreCategory.KIDS, "Z-L4-KIDS", "L4", "Little Panda", "Tiny Steps", "Bubble Toys", "Kids Atelier",
				"Brick Builders", "Happy Hippo", "Mini Mode", "Star Kids Academy", "Rainbow Play", "Baby Nest");
		add(StoreCategory.HOME, "Z-L4-HOME", "L4", "Bamboo Living", "Nordic Nest", "Porcelain House",
				"Linen & Light", "Tea Ware Studio", "Aroma Home");
		add(StoreCategory.BOOKS, "Z-L4-HOME", "L4", "Riverside Books", "Ink & Paper", "Page One Kids");
		add(StoreCategory.SUPERMARKET, "Z-B1-MARKET", "B1", "Fresh Harbour Market");
		add(StoreCategory.FOOD_BEVERAGE, "Z-B1-FOOD", "B1", "Leaf Tea House", "Bean Republic Coffee",
				"Golden Bun Bakery", "Shengjian King", "Noodle Lab", "Bubble Tea Co", "Dumpling Corner",
				"Sweet Mango", "Rice Roll Express", "Juice Garden", "Mochi House", "Congee Kitchen",
				"Spicy Skewers", "Pancake Street", "Gelato Bund", "Bao & Brew");
		add(StoreCategory.DINING, "Z-L5-DINING", "L5", "Jiangnan Kitchen", "Sichuan Fire", "Canton Garden",
				"Hotpot Palace", "Osaka Table", "Seoul BBQ", "Trattoria Bund", "Lanzhou House", "Yunnan Terrace",
				"Dim Sum Society", "Peking Duck Hall", "Thai Orchid");
		add(StoreCategory.DINING, "Z-L7-SKY", "L7", "River View Grill", "Sky Lounge", "Huangpu Steakhouse",
				"Pearl Tower Bistro");
		add(StoreCategory.CINEMA, "Z-L6-CINEMA", "L6", "Atrium IMAX Cinema");
		add(StoreCategory.ENTERTAINMENT, "Z-L6-CINEMA", "L6", "Echo KTV", "Arcade Galaxy");
	}

	private MallLayout() {
	}

	private static void add(StoreCategory category, String zoneId, String floor, String... names) {
		int unitBase = (int) STORES.stream().filter(store -> store.floor().equals(floor)).count();
		String location = ZONES.stream().filter(zone -> zone.id().equals(zoneId)).findFirst().orElseThrow().name();
		for (int i = 0; i < names.length; i++) {
			int index = STORES.size();
			String id = String.format("ST%03d", index + 1);
			String unit = String.format("%s-%02d", floor, unitBase + i + 1);
			STORES.add(new MallStore(id, names[i], category.code(), floor, zoneId, unit));
			CATEGORIES.add(category);
			LOCATIONS.add(location);
			BY_CATEGORY.computeIfAbsent(category, c -> new ArrayList<>()).add(index);
		}
	}

	static List<MallZone> zones() {
		return ZONES;
	}

	static List<MallStore> stores() {
		return List.copyOf(STORES);
	}

	static MallStore store(int index) {
		return STORES.get(index);
	}

	static StoreCategory category(int index) {
		return CATEGORIES.get(index);
	}

	static String location(int index) {
		return LOCATIONS.get(index);
	}

	static List<Integer> storesOf(StoreCategory category) {
		return BY_CATEGORY.getOrDefault(category, List.of());
	}

	static String zoneName(String zoneId) {
		return ZONES.stream().filter(zone -> zone.id().equals(zoneId)).findFirst().orElseThrow().name();
	}
}
