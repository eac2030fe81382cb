package io.atrium.scoring;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CompiledForestUnitTests {

	static final String[] NAMES = { "purchase:30d", "spend:90d", "trait:income", "trait:segment=young family",
			"trait:segment=retiree", "days_since_last_touchpoint" };

	@Test
	void predictsExactlyWhatTribuoPredicts() {
		MutableDataset<Label> data = dataset(new Random(3), 800);
		Model<Label> forest = new RandomForestTrainer<>(new CARTClassificationTrainer(8, 0.5f, 7L),
				new FullyWeightedVotingCombiner(), 15).train(data);
		TrainedModel model = TrainedModel.of(1, "random_forest", List.of(), forest);
		assertThat(model.forest()).isNotNull();
		Random random = new Random(11);
		for (int i = 0; i < 500; i++) {
			int present = 1 + random.nextInt(NAMES.length);
			String[] names = new String[present + 1];
			double[] values = new double[present + 1];
			for (int k = 0; k < present; k++) {
				names[k] = NAMES[k];
				values[k] = random.nextInt(4) == 0 ? 0 : random.nextDouble() * 30_000 * (random.nextBoolean() ? 1 : 0.001);
			}
			names[present] = "never_seen_in_training";
			values[present] = 5;
			assertThat(model.probability(names, values)).isCloseTo(model.tribuoProbability(names, values), within(1e-9));
		}
	}

	@Test
	void leavesOtherModelsToTribuo() {
		Model<Label> linear = new LogisticRegressionTrainer().train(dataset(new Random(5), 200));
		assertThat(TrainedModel.of(1, "logistic_regression", List.of(), linear).forest()).isNull();
	}

	private static MutableDataset<Label> dataset(Random random, int size) {
		LabelFactory factory = new LabelFactory();
		MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("test", factory), factory);
		for (int i = 0; i < size; i++) {
			double[] values = new double[NAMES.length];
			for (int k = 0; k < values.length; k++) {
				values[k] = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 30_000;
			}
			boolean yes = values[2] > 15_000 ^ random.nextInt(5) == 0;
			data.add(new ArrayExample<>(new Label(yes ? "yes" : "no"), NAMES, ModelValues.squash(values)));
		}
		return data;
	}
}
