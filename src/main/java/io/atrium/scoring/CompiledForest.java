package io.atrium.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.ensemble.WeightedEnsembleModel;

/**
 * A random forest flattened into arrays for scoring without allocation: the same splits and leaf
 * distributions as the Tribuo model it was built from, the probability being the mean of the trees' leaf
 * probabilities (what {@link FullyWeightedVotingCombiner} computes with equal weights). Tribuo's own
 * prediction allocates an example, a sparse vector and one prediction per tree; this takes about a
 * microsecond per tree-walk batch instead.
 */
final class CompiledForest {

	private final Map<String, Integer> featureIndex;

	private final int[][] feature;

	private final double[][] split;

	private final int[][] greater;

	private final int[][] lessOrEqual;

	private final double[][] yes;

	private final ThreadLocal<double[]> buffer;

	private CompiledForest(Map<String, Integer> featureIndex, List<int[]> feature, List<double[]> split,
			List<int[]> greater, List<int[]> lessOrEqual, List<double[]> yes) {
		this.featureIndex = featureIndex;
		this.feature = feature.toArray(int[][]::new);
		this.split = split.toArray(double[][]::new);
		this.greater = greater.toArray(int[][]::new);
		this.lessOrEqual = lessOrEqual.toArray(int[][]::new);
		this.yes = yes.toArray(double[][]::new);
		int size = featureIndex.size();
		this.buffer = ThreadLocal.withInitial(() -> new double[size]);
	}

	/**
	 * @return the flattened forest, or empty when the model is not an equally weighted ensemble of
	 * classification trees with a full-distribution combiner
	 */
	@SuppressWarnings("unchecked")
	static Optional<CompiledForest> of(Model<Label> model) {
		if (!(model instanceof WeightedEnsembleModel<Label> ensemble)
				|| !(combinerOf(ensemble) instanceof FullyWeightedVotingCombiner)) {
			return Optional.empty();
		}
		Map<String, Integer> featureIndex = new HashMap<>();
		List<int[]> features = new ArrayList<>();
		List<double[]> splits = new ArrayList<>();
		List<int[]> greaters = new ArrayList<>();
		List<int[]> lessers = new ArrayList<>();
		List<double[]> yeses = new ArrayList<>();
		for (Model<Label> member : ((EnsembleModel<Label>) ensemble).getModels()) {
			if (!(member instanceof TreeModel<Label> tree)) {
				return Optional.empty();
			}
			Flat flat = new Flat();
			flat.add(tree.getRoot(), tree.getFeatureIDMap(), featureIndex);
			features.add(flat.feature.stream().mapToInt(Integer::intValue).toArray());
			splits.add(flat.split.stream().mapToDouble(Double::doubleValue).toArray());
			greaters.add(flat.greater.stream().mapToInt(Integer::intValue).toArray());
			lessers.add(flat.lessOrEqual.stream().mapToInt(Integer::intValue).toArray());
			yeses.add(flat.yes.stream().mapToDouble(Double::doubleValue).toArray());
		}
		return Optional.of(new CompiledForest(featureIndex, features, splits, greaters, lessers, yeses));
	}

	private static Object combinerOf(WeightedEnsembleModel<Label> ensemble) {
		try {
			java.lang.reflect.Field combiner = WeightedEnsembleModel.class.getDeclaredField("combiner");
			combiner.setAccessible(true);
			java.lang.reflect.Field weights = WeightedEnsembleModel.class.getDeclaredField("weights");
			weights.setAccessible(true);
			float[] all = (float[]) weights.get(ensemble);
			for (int i = 1; all != null && i < all.length; i++) {
				if (all[i] != all[0]) {
					return null;
				}
			}
			return combiner.get(ensemble);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * @param names feature names
	 * @param values their values, already squashed as the model was trained
	 * @return the probability of conversion
	 */
	double probability(String[] names, double[] values) {
		double[] x = buffer.get();
		int[] touched = new int[names.length];
		int count = 0;
		for (int i = 0; i < names.length; i++) {
			Integer index = featureIndex.get(names[i]);
			if (index != null) {
				x[index] = values[i];
				touched[count++] = index;
			}
		}
		double sum = 0;
		for (int t = 0; t < feature.length; t++) {
			int[] f = feature[t];
			double[] s = split[t];
			int node = 0;
			while (f[node] >= 0) {
				node = x[f[node]] > s[node] ? greater[t][node] : lessOrEqual[t][node];
			}
			sum += yes[t][node];
		}
		for (int i = 0; i < count; i++) {
			x[touched[i]] = 0;
		}
		return sum / feature.length;
	}

	/** One tree in arrays, nodes in depth-first order, leaves marked by feature −1. */
	private static final class Flat {

		final List<Integer> feature = new ArrayList<>();

		final List<Double> split = new ArrayList<>();

		final List<Integer> greater = new ArrayList<>();

		final List<Integer> lessOrEqual = new ArrayList<>();

		final List<Double> yes = new ArrayList<>();

		int add(Node<Label> node, ImmutableFeatureMap features, Map<String, Integer> featureIndex) {
			int id = feature.size();
			feature.add(-1);
			split.add(0.0);
			greater.add(-1);
			lessOrEqual.add(-1);
			yes.add(0.0);
			if (node instanceof SplitNode<Label> splitNode) {
				String name = features.get(splitNode.getFeatureID()).getName();
				int index = featureIndex.computeIfAbsent(name, key -> featureIndex.size());
				feature.set(id, index);
				split.set(id, splitNode.splitValue());
				int high = add(splitNode.getGreaterThan(), features, featureIndex);
				greater.set(id, high);
				int low = add(splitNode.getLessThanOrEqual(), features, featureIndex);
				lessOrEqual.set(id, low);
			}
			else {
				LeafNode<Label> leaf = (LeafNode<Label>) node;
				Map<String, Label> distribution = leaf.getDistribution();
				double total = 0;
				for (Label label : distribution.values()) {
					total += label.getScore();
				}
				Label positive = distribution.get(TrainedModel.YES);
				yes.set(id, positive == null || total <= 0 ? 0 : positive.getScore() / total);
			}
			return id;
		}
	}
}
