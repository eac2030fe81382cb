package io.atrium.scoring;

import java.util.Random;

import com.google.crypto.tink.aead.AeadConfig;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import static org.assertj.core.api.Assertions.assertThat;

class TribuoSmokeTests {

	@Test
	void trainsSerializesAndReloadsEveryAlgorithmBesideTink() throws Exception {
		AeadConfig.register();
		LabelFactory factory = new LabelFactory();
		MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("smoke", factory), factory);
		Random random = new Random(1);
		for (int i = 0; i < 500; i++) {
			double a = random.nextDouble();
			double b = random.nextDouble();
			data.add(new ArrayExample<>(new Label(a + b > 1 ? "yes" : "no"), new String[] { "a", "b" },
					new double[] { a, b }));
		}
		for (Trainer<Label> trainer : java.util.List.<Trainer<Label>>of(
				new RandomForestTrainer<>(new CARTClassificationTrainer(8, 0.7f, 1L), new FullyWeightedVotingCombiner(), 20),
				new LogisticRegressionTrainer(), new XGBoostClassificationTrainer(20))) {
			Model<Label> model = trainer.train(data);
			byte[] bytes = model.serialize().toByteArray();
			Model<?> back = Model.deserialize(ModelProto.parseFrom(bytes));
			@SuppressWarnings("unchecked")
			Model<Label> reloaded = (Model<Label>) back;
			var p = reloaded.predict(new ArrayExample<>(new Label("no"), new String[] { "a", "b" }, new double[] { 0.9, 0.9 }));
			System.out.println(trainer.getClass().getSimpleName() + " " + bytes.length + " " + p.getOutput() + " " + p.getOutputScores());
			assertThat(p.getOutput().getLabel()).isEqualTo("yes");
		}
	}
}
