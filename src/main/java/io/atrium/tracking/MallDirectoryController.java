package io.atrium.tracking;

import java.util.List;

import io.atrium.shared.Page;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read access to the mall's stores, for clients that tag touchpoints with a {@code store} id.
 */
@RestController
class MallDirectoryController {

	private final MallDirectory directory;

	MallDirectoryController(MallDirectory directory) {
		this.directory = directory;
	}

	/** All stores (a mall has hundreds, not millions), optionally of one category and/or floor. */
	@GetMapping("/api/stores")
	Page<Store> stores(@RequestParam(required = false) String category, @RequestParam(required = false) String floor) {
		List<Store> stores = directory.stores()
			.stream()
			.filter(store -> category == null || category.equalsIgnoreCase(store.category()))
			.filter(store -> floor == null || floor.equalsIgnoreCase(store.floor()))
			.toList();
		return new Page<>(stores, null);
	}
}
