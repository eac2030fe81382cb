package io.atrium.goals;

import io.atrium.shared.NotFound;

/** No configuration change has the id asked for. */
class ConfigChangeNotFound extends NotFound {

	ConfigChangeNotFound(String id) {
		super("config-change-not-found", "no configuration change with id " + id);
	}
}
