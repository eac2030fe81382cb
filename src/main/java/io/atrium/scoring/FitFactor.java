package io.atrium.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The demographic score: how complete the profile is and how well it fits the ideal-customer profile the mall
 * configured (numeric ranges, categories matched case-insensitively, booleans). Blank values match nothing.
 */
record FitFactor(ScoringConfig.Fit settings) implements ScoreFactor {

	static final String KIND = "demographic";

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public FactorScore score(Subject subject) {
		List<String> fields = settings.completenessTraits() == null ? List.of() : settings.completenessTraits();
		int present = subject.named() + (subject.memberTier() != null ? 1 : 0);
		for (String trait : fields) {
			if (!TraitValues.blank(subject.traits().get(trait))) {
				present++;
			}
		}
		double completeness = (double) present / (3 + fields.size());
		List<ScoringConfig.Criterion> criteria = settings.idealCustomer() == null ? List.of() : settings.idealCustomer();
		double weights = 0;
		for (ScoringConfig.Criterion criterion : criteria) {
			weights += criterion.weight();
		}
		double completenessShare = criteria.isEmpty() ? 1 : settings.completenessWeight();
		List<Contribution> contributions = new ArrayList<>();
		contributions.add(new Contribution("profile_completeness", KIND, 100 * completenessShare * completeness));
		double score = 100 * completenessShare * completeness;
		for (ScoringConfig.Criterion criterion : criteria) {
			if (matches(criterion, subject.trait(criterion.trait()))) {
				double impact = 100 * (1 - completenessShare) * criterion.weight() / weights;
				score += impact;
				contributions.add(new Contribution(criterion.trait(), KIND, impact));
			}
		}
		contributions.sort(Comparator.comparingDouble((Contribution c) -> -c.impact()));
		return new FactorScore(KIND, Math.min(100, score), contributions);
	}

	static boolean matches(ScoringConfig.Criterion criterion, Object value) {
		if (TraitValues.blank(value)) {
			return false;
		}
		if (criterion.categories() != null) {
			return ScoringConfig.folded(criterion.categories()).contains(ScoringConfig.fold(value));
		}
		if (criterion.equalTo() != null) {
			Boolean truth = TraitValues.truth(value);
			return truth != null && truth.equals(criterion.equalTo());
		}
		Double number = TraitValues.number(value);
		return number != null && (criterion.min() == null || number >= criterion.min())
				&& (criterion.max() == null || number <= criterion.max());
	}
}
