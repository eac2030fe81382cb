package io.atrium.demo;

import java.util.SplittableRandom;

/**
 * Short review texts in Simplified Chinese and English, by how the member rated the visit.
 */
final class ReviewPhrases {

	private static final String[][] CHINESE = {
			{ "服务态度很差，不会再来了。", "排队太久，体验很糟糕。", "商品有质量问题，退换很麻烦。" },
			{ "一般般，价格偏高。", "店员不太热情。", "人太多了，有点吵。" },
			{ "还可以，中规中矩。", "环境不错，商品一般。", "价格合理，没有惊喜。" },
			{ "服务很好，下次还会来。", "环境舒适，购物方便。", "商品种类丰富，很满意。", "停车方便，店员专业。" },
			{ "非常满意，强烈推荐！", "体验超棒，会员活动很给力！", "江景太美了，菜品也很好吃！", "店员非常贴心，五星好评！" } };

	private static final String[][] ENGLISH = {
			{ "Poor service, will not come back.", "Waited far too long.", "Faulty product and a painful return." },
			{ "Average, a bit overpriced.", "Staff were not very helpful.", "Too crowded and noisy." },
			{ "It was okay.", "Nice place, ordinary selection.", "Fair prices, nothing special." },
			{ "Good service, will come again.", "Comfortable and convenient.", "Great selection, happy with it.",
					"Easy parking and professional staff." },
			{ "Excellent, highly recommended!", "Amazing experience and great member offers!",
					"Beautiful river view and delicious food!", "Wonderful staff, five stars!" } };

	private ReviewPhrases() {
	}

	static String pick(SplittableRandom random, int rating, boolean chinese) {
		String[] phrases = (chinese ? CHINESE : ENGLISH)[rating - 1];
		return phrases[random.nextInt(phrases.length)];
	}
}
