package io.atrium.demo;

import java.util.SplittableRandom;

/**
 * Believable names: common Chinese family names (weighted roughly by frequency) with one- or two-character
 * given names, each with its pinyin for e-mail addresses; and a few western names for expatriate members.
 */
final class Names {

	private static final String[] FAMILY = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
			"朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
			"肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚",
			"卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊",
			"秦", "邱", "江", "尹", "薛", "顾", "毛", "钱", "严", "戴" };

	private static final String[] FAMILY_PINYIN = { "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao",
			"wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie",
			"song", "tang", "xu", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "yuan", "pan",
			"yu", "jiang", "cai", "yu", "du", "ye", "cheng", "su", "wei", "lv", "ding", "ren", "shen", "yao", "lu",
			"jiang", "cui", "zhong", "tan", "lu", "wang", "fan", "jin", "shi", "liao", "jia", "xia", "wei", "fang",
			"bai", "zou", "meng", "xiong", "qin", "qiu", "jiang", "yin", "xue", "gu", "mao", "qian", "yan", "dai" };

	private static final String[] FEMALE = { "芳", "娜", "敏", "静", "丽", "艳", "婷", "雪", "琳", "慧", "佳", "欣", "怡",
			"悦", "梦", "晨", "雨", "思", "颖", "萱", "玲", "洁", "倩", "瑶" };

	private static final String[] FEMALE_PINYIN = { "fang", "na", "min", "jing", "li", "yan", "ting", "xue", "lin",
			"hui", "jia", "xin", "yi", "yue", "meng", "chen", "yu", "si", "ying", "xuan", "ling", "jie", "qian", "yao" };

	private static final String[] MALE = { "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "浩", "宇", "鹏",
			"辉", "斌", "博", "俊", "晨", "子", "轩", "毅", "峰", "凯", "昊" };

	private static final String[] MALE_PINYIN = { "wei", "qiang", "lei", "jun", "yang", "yong", "jie", "tao", "ming",
			"chao", "hao", "yu", "peng", "hui", "bin", "bo", "jun", "chen", "zi", "xuan", "yi", "feng", "kai", "hao" };

	private static final String[] WESTERN_FEMALE = { "Emma", "Olivia", "Sophie", "Charlotte", "Anna", "Julia", "Laura",
			"Chloe", "Hannah", "Mia" };

	private static final String[] WESTERN_MALE = { "James", "Oliver", "Lucas", "Daniel", "Thomas", "Alexander",
			"Michael", "David", "Leon", "Samuel" };

	private static final String[] WESTERN_FAMILY = { "Smith", "Miller", "Müller", "Martin", "Dubois", "Rossi",
			"Johnson", "Brown", "Schmidt", "Wilson", "Moreau", "Fischer" };

	private Names() {
	}

	/**
	 * A name and its ASCII spelling.
	 *
	 * @param first given name as written
	 * @param last family name as written
	 * @param firstAscii given name in lower-case ASCII
	 * @param lastAscii family name in lower-case ASCII
	 */
	record Name(String first, String last, String firstAscii, String lastAscii) {
	}

	static Name chinese(SplittableRandom random, boolean female) {
		int family = skewed(random, FAMILY.length);
		String[] given = female ? FEMALE : MALE;
		String[] givenPinyin = female ? FEMALE_PINYIN : MALE_PINYIN;
		int first = random.nextInt(given.length);
		if (random.nextDouble() < 0.3) {
			return new Name(given[first], FAMILY[family], givenPinyin[first], FAMILY_PINYIN[family]);
		}
		int second = random.nextInt(given.length);
		return new Name(given[first] + given[second], FAMILY[family], givenPinyin[first] + givenPinyin[second],
				FAMILY_PINYIN[family]);
	}

	static Name western(SplittableRandom random, boolean female) {
		String first = (female ? WESTERN_FEMALE : WESTERN_MALE)[random.nextInt(10)];
		String last = WESTERN_FAMILY[random.nextInt(WESTERN_FAMILY.length)];
		return new Name(first, last, first.toLowerCase(java.util.Locale.ROOT),
				last.replace("ü", "ue").toLowerCase(java.util.Locale.ROOT));
	}

	/** Draws an index below size where low indexes (the common family names) come up more often. */
	private static int skewed(SplittableRandom random, int size) {
		double u = random.nextDouble();
		return (int) (size * u * u);
	}
}
