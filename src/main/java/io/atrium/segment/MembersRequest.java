package io.atrium.segment;

import java.util.List;

/**
 * Body of {@code POST /api/segments/{id}/members}.
 *
 * @param customerIds external ids of the customers to add to a static segment
 */
record MembersRequest(List<String> customerIds) {
}
